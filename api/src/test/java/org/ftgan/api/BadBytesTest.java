package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes a client should not send (NUL, backslashes, overlong UTF-8) are refused with the API's
 * {@code {error, details}} JSON and a 4xx status, whether the API or Jetty itself refuses them,
 * and no refusal names a path of the server's disk.
 */
class BadBytesTest {
    @TempDir
    static Path dir;
    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(dir);
        api.experiment("e1", "one", List.of("t"), ApiFixture.JSON.createObjectNode());
        api.runs("e1", List.of(ApiFixture.config(0.4, 4, "coma")));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aNulByteInAQueryParameterIsA400NamingTheParameter() throws Exception {
        for (String[] c : new String[][] {
                {"/api/experiments?tag=a%00", "tag"},
                {"/api/experiments?q=a%00", "q"},
                {"/api/runs?experiment=a%00", "experiment"},
                {"/api/experiments/e1/runs?where=config.loss.lambda_srec:eq:a%00", "where"},
                {"/api/runs?where=config.loss.lambda_srec:eq:%22a%00%22", "where"},
                {"/api/runs?where=config.loss.lambda_srec:eq:%22a%5Cu0000%22", "where"},
                {"/api/experiments/e1/groups?by=loss.lambda_srec%00&metric=e_transfer", "by"},
                {"/api/compare?runs=e1-r0000,a%00", "runs"}}) {
            RawHttp.Answer a = raw("GET " + c[0] + " HTTP/1.1");
            assertEquals(400, a.status(), c[0] + " -> " + a.body());
            JsonNode body = a.json(c[0]);
            assertEquals("invalid_parameter", body.get("error").asText(), c[0]);
            assertTrue(body.get("details").get(0).asText().startsWith(c[1] + ":"), c[0] + " -> " + body);
        }
    }

    @Test
    void jettysOwnRefusalsAnswerTheApisJson() throws Exception {
        for (String target : List.of("/api/experiments/a%00", "/api/experiments/..\\..\\", "/api/experiments/%c0%ae%c0%ae",
                "/api/runs/%2e%2e%5c%2e%2e%5c", "/api/experiments/%", "/%c0%af")) {
            RawHttp.Answer a = raw("GET " + target + " HTTP/1.1");
            assertTrue(a.status() >= 400 && a.status() < 500, target + " -> " + a.status() + " " + a.body());
            assertTrue(a.contentType().startsWith("application/json"), target + " -> " + a.contentType() + " " + a.body());
            JsonNode body = a.json(target);
            assertFalse(body.get("error").asText().isEmpty(), target);
            assertTrue(body.get("details").isArray() && body.get("details").size() > 0, target + " -> " + body);
        }
    }

    @Test
    void textSentAsRawUtf8OrPercentEncodedIsAccepted() throws Exception {
        // "café" as raw UTF-8 bytes (RawHttp writes each char below 256 as one byte) and percent-encoded
        for (String target : List.of("/api/experiments?q=caf\u00C3\u00A9", "/api/experiments?q=caf%C3%A9",
                "/api/experiments?q=\u00C4\u0081")) {
            RawHttp.Answer a = raw("GET " + target + " HTTP/1.1");
            assertEquals(200, a.status(), target + " -> " + a.body());
        }
    }

    @Test
    void aMalformedRequestLineIsStillJson() throws Exception {
        RawHttp.Answer a = raw("GET /api/experiments?tag=%zz HTTP/1.1");
        assertEquals(400, a.status(), a.body());
        assertTrue(a.contentType().startsWith("application/json"), a.contentType() + " " + a.body());
    }

    @Test
    void noRefusalNamesAServerPath() throws Exception {
        String root = dir.toAbsolutePath().toString();
        for (String target : List.of("/api/artifacts/runs/none/evaluation.json", "/api/artifacts/%2fetc%2fpasswd",
                "/api/artifacts/escape/x", "/api/experiments/a%00")) {
            RawHttp.Answer a = raw("GET " + target + " HTTP/1.1");
            assertFalse(a.body().contains(root), target + " -> " + a.body());
        }
    }

    private static RawHttp.Answer raw(String requestLine) throws Exception {
        return RawHttp.send(api.server.port(), requestLine, List.of());
    }
}
