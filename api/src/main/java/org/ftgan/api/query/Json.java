package org.ftgan.api.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.Instant;

/** Writing read values into JSON responses: timestamps as ISO-8601 UTC, null as JSON null, NaN and infinities as null. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static void putTime(ObjectNode out, String field, Instant t) {
        out.put(field, t == null ? null : t.toString());
    }

    static void putLong(ObjectNode out, String field, Long v) {
        if (v == null) {
            out.putNull(field);
        } else {
            out.put(field, v.longValue());
        }
    }

    static void putDouble(ObjectNode out, String field, Double v) {
        if (v == null) {
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
     * it only to write it out again was a good part of a run list's time. null is JSON null.
     */
    static void putRaw(ObjectNode out, String field, String jsonbText) {
        if (jsonbText == null) {
            out.putNull(field);
        } else {
            out.putRawValue(field, new RawValue(jsonbText));
        }
    }
}
