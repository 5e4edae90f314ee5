package org.ftgan.records.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.ftgan.records.RecordsException;

/** Reading nullable result-set columns into typed values: SQL NULL is Java null. */
final class Columns {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Columns() {
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** A jsonb column's text parsed; SQL NULL is JSON null. */
    static JsonNode json(String text, String column) {
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
