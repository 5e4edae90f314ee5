package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.ftgan.records.ApiTokenRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A method a path does not have is 405 with Allow naming the methods it has (as the OpenAPI document says), in the API's JSON. */
class MethodNotAllowedTest {
    @TempDir
    static Path dir;
    static ApiFixture api;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(dir);
        // writes are checked for a token first (401 before 405): the requests carry one
        token = new ApiTokenRecords(api.db).create("method-test");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aMethodThePathDoesNotHaveIs405WithAllow() throws Exception {
        for (String[] c : new String[][] {
                {"GET /api/definitions/validate", "POST"},
                {"DELETE /api/experiments", "GET, POST"},
                {"PUT /api/experiments/e1", "GET"},
                {"TRACE /api/health", "GET"},
                {"PATCH /api/runs/e1-r0000/cancel", "POST"}}) {
            RawHttp.Answer a = RawHttp.send(api.server.port(), c[0] + " HTTP/1.1", List.of("Content-Length: 0", "Authorization: Bearer " + token));
            assertEquals(405, a.status(), c[0] + " -> " + a.body());
            assertEquals(c[1], a.header("allow"), c[0]);
            assertEquals("method_not_allowed", a.json(c[0]).get("error").asText(), c[0]);
        }
        // a path that does not exist at all stays 404
        RawHttp.Answer missing = RawHttp.send(api.server.port(), "DELETE /api/nothing-here HTTP/1.1", List.of("Content-Length: 0", "Authorization: Bearer " + token));
        assertEquals(404, missing.status(), missing.body());
        assertTrue(missing.contentType().startsWith("application/json"), missing.contentType());
    }
}
