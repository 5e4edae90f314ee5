package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The raw query string as Jetty hands it on: percent-escapes of UTF-8, or text it already decoded. */
class QueryStringCheckTest {
    @Test
    void wellFormedTextPasses() {
        for (String q : new String[] {null, "", "tag=a", "q=caf%C3%A9", "q=café", "q=\uD83D\uDE00%F0%9F%98%80", "q=a+b&limit=5",
                "where=config.loss.x:eq:%22a%22&where=config.y.z:lt:1", "flag", "q=%E2%82%AC"}) {
            assertDoesNotThrow(() -> QueryStringCheck.check(q), q);
        }
    }

    @Test
    void badBytesAreRefusedNamingTheParameter() {
        String[][] cases = {
                {"tag=a%00", "tag: contains the control character U+0000; parameters are plain text"},
                {"limit=5&q=x%0Ay", "q: contains the control character U+000A; parameters are plain text"},
                {"q=%zz", "q: has '%zz', which is not a percent-escape (expected % and two hex digits)"},
                {"q=ab%4", "q: has '%4', which is not a percent-escape (expected % and two hex digits)"},
                {"cursor=%C0%AE", "cursor: is not valid UTF-8 once percent-decoded (overlong or truncated sequence)"},
                {"cursor=%E2%82", "cursor: is not valid UTF-8 once percent-decoded (overlong or truncated sequence)"},
                {"a%00b=1", "a%00b: contains the control character U+0000; parameters are plain text"}};
        for (String[] c : cases) {
            ApiError e = assertThrows(ApiError.class, () -> QueryStringCheck.check(c[0]), c[0]);
            assertEquals(400, e.status());
            assertEquals("invalid_parameter", e.code());
            assertEquals(c[1], e.details().get(0), c[0]);
        }
    }
}
