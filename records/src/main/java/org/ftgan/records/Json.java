package org.ftgan.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** jsonb columns travel as text: JsonNode in Java, parsed and printed here. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(JsonNode node, String field) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode read(String text, String column) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RecordsException("column " + column + " holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
