package org.ftgan.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.ftgan.records.RecordsException;

/** Reading result-set columns into JSON responses: timestamps as ISO-8601 UTC, SQL NULL as JSON null. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static void putTime(ObjectNode out, String field, ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        out.put(field, t == null ? null : t.toInstant().toString());
    }

    static void putLong(ObjectNode out, String field, ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        if (rs.wasNull()) {
            out.putNull(field);
        } else {
            out.put(field, v);
        }
    }

    static void putDouble(ObjectNode out, String field, ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        if (rs.wasNull()) {
            out.putNull(field);
        } else {
            putNumber(out, field, v);
        }
    }

    /** NaN and infinities are not JSON numbers: written as null. */
    static void putNumber(ObjectNode out, String field, double v) {
        if (Double.isFinite(v)) {
            out.put(field, v);
        } else {
            out.putNull(field);
        }
    }

    /**
     * A jsonb column's text as the field's value, unparsed: PostgreSQL wrote it as JSON, and parsing
     * it only to write it out again was a good part of a run list's time. SQL NULL is JSON null.
     */
    static void putRaw(ObjectNode out, String field, String jsonbText) {
        if (jsonbText == null) {
            out.putNull(field);
        } else {
            out.putRawValue(field, new RawValue(jsonbText));
        }
    }

    static JsonNode parse(String text, String column) {
        if (text == null) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordsException("column " + column + " holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
