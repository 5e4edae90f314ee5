package org.ftgan.api.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import org.ftgan.api.ApiError;
import org.ftgan.records.read.ConfigCondition;
import org.ftgan.records.read.ConfigKey;
import org.ftgan.records.read.InvalidQueryException;

/**
 * One {@code where=config.<key>:<op>:<value>} parameter as the client wrote it, parsed. The value is
 * compared as JSON, the way it is stored: a number when it reads as one ({@code 0.5}, {@code 1e-4}),
 * {@code true}/{@code false}/{@code null}, a JSON string when quoted ({@code "0.5"}), any other text
 * as a string. The read model takes it as a {@link ConfigCondition}.
 */
public record ConfigFilter(ConfigKey key, String operator, String jsonValue) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "config.";

    /** @throws ApiError 400 invalid_parameter naming the filter and what was expected */
    public static ConfigFilter parse(String where) {
        String shape = "where: '" + where + "' must be config.<section>.<key>:<op>:<value> with op one of eq, ne, lt, lte, gt, gte";
        int first = where.indexOf(':');
        int second = first < 0 ? -1 : where.indexOf(':', first + 1);
        if (first < 0 || second < 0) {
            throw new ApiError(400, "invalid_parameter", shape);
        }
        String name = where.substring(0, first);
        String op = where.substring(first + 1, second);
        String value = where.substring(second + 1);
        if (!name.startsWith(PREFIX)) {
            throw new ApiError(400, "invalid_parameter", shape + "; the key must start with 'config.'");
        }
        if (!ConfigCondition.OPERATORS.containsKey(op)) {
            throw new ApiError(400, "invalid_parameter", "where: operator '" + op + "' in '" + where
                    + "' is not one of eq, ne, lt, lte, gt, gte");
        }
        ConfigKey key;
        try {
            key = ConfigKey.parse("where", name.substring(PREFIX.length()));
        } catch (InvalidQueryException e) {
            throw ApiError.invalidParameter(e);
        }
        return new ConfigFilter(key, op, toJson(value));
    }

    static String toJson(String value) {
        switch (value) {
            case "true", "false", "null" -> {
                return value;
            }
            default -> {
            }
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            try {
                JsonNode parsed = JSON.readTree(value);
                if (parsed.isTextual() && parsed.asText().indexOf('\0') >= 0) {
                    // PostgreSQL's jsonb has no NUL in text: refused here rather than as a 500 there
                    throw new ApiError(400, "invalid_parameter", "where: the quoted value " + value
                            + " encodes a NUL character, which no stored config holds");
                }
                return parsed.isTextual() ? value : JsonNodeFactory.instance.textNode(value).toString();
            } catch (JsonProcessingException e) {
                return JsonNodeFactory.instance.textNode(value).toString();
            }
        }
        try {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(value.trim())).toString();
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(value).toString();
        }
    }

    /** What the read model filters by. */
    public ConfigCondition condition() {
        return new ConfigCondition(key, operator, jsonValue);
    }
}
