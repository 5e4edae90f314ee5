package org.ftgan.api.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftgan.api.ApiError;
import org.junit.jupiter.api.Test;

class ConfigFilterTest {
    @Test
    void valuesBecomeTheJsonTheyRead() {
        assertEquals("0.5", ConfigFilter.toJson("0.5"));
        assertEquals("0.00010", ConfigFilter.toJson("1.0e-4"));
        assertEquals("true", ConfigFilter.toJson("true"));
        assertEquals("null", ConfigFilter.toJson("null"));
        assertEquals("\"0.5\"", ConfigFilter.toJson("\"0.5\""));
        assertEquals("\"coma\"", ConfigFilter.toJson("coma"));
        assertEquals("\"1; DROP TABLE runs\"", ConfigFilter.toJson("1; DROP TABLE runs"));
        assertEquals("\"x\\\"y\"", ConfigFilter.toJson("x\"y"));
    }

    @Test
    void parsesKeyOperatorAndValueWithColons() {
        ConfigFilter f = ConfigFilter.parse("config.model.preset:ne:a:b");
        assertArrayEquals(new String[]{"model", "preset"}, f.key().path());
        assertEquals("ne", f.operator());
        assertEquals("\"a:b\"", f.jsonValue());
    }

    @Test
    void refusesBadShapes() {
        for (String bad : new String[]{"config.loss.lambda_srec", "config.loss.lambda_srec:gte", "loss.x:eq:1",
                "config.loss:eq:1", "config.secrets.key:eq:1", "config.loss.a-b:eq:1", "config.loss.x:in:1"}) {
            ApiError e = assertThrows(ApiError.class, () -> ConfigFilter.parse(bad), bad);
            assertEquals(400, e.status());
            assertEquals("invalid_parameter", e.code());
            assertTrue(e.details().get(0).startsWith("where"), e.details().get(0));
        }
    }
}
