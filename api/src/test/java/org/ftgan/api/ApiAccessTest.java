package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.ApiTokenRecords;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.workflows.PlatformRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens and limits on a real PostgreSQL, with API servers started without Temporal (so every
 * write that passes the guard ends in 503 temporal_unavailable): what the guard refuses, and how.
 */
class ApiAccessTest {
    @TempDir
    static Path dir;
    static EmbeddedDatabase postgres;
    static Database db;
    static ApiServer open;
    static ApiServer closed;
    static ApiTokenRecords tokens;
    static String token;
    static String revoked;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password());
        db.migrate();
        PlatformRecords records = PlatformRecords.of(db, new ArtifactStore(dir.resolve("artifacts")));
        open = ApiServer.start(new ApiContext(records, null, false), "127.0.0.1", 0);
        closed = ApiServer.start(new ApiContext(records, null, true), "127.0.0.1", 0);
        tokens = new ApiTokenRecords(db);
        token = tokens.create("alice");
        revoked = tokens.create("mallory");
        tokens.revoke("mallory");
    }

    @AfterAll
    static void stop() {
        open.close();
        closed.close();
        db.close();
        postgres.close();
    }

    private static HttpResponse<String> send(ApiServer server, String method, String path, String authorization,
                                             String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/yaml");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String detailPart) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        JsonNode body = ApiStackFixture.JSON.readTree(r.body());
        assertEquals(code, body.path("error").asText(), r.body());
        assertTrue(body.path("details").toString().contains(detailPart), r.body());
        assertTrue(!r.body().contains("at org.") && !r.body().contains("Exception"), "no stack trace: " + r.body());
    }

    @Test
    void writesWithoutATokenAre401() throws Exception {
        for (String path : new String[] {"/api/experiments", "/api/experiments/x/cancel", "/api/runs/x/cancel",
                "/api/experiments/x/retry-failed", "/api/experiments/x/rerun", "/api/experiments/x/continue",
                "/api/experiments/x/max-parallel", "/api/experiments/x/search-points?count=1"}) {
            assertError(send(open, "POST", path, null, "name: x"), 401, "unauthorized", "Authorization: Bearer");
        }
    }

    @Test
    void malformedOrUnknownTokensAre401() throws Exception {
        assertError(send(open, "POST", "/api/experiments", "Basic YWxpY2U6eA==", "name: x"), 401, "unauthorized",
                "must be 'Bearer <token>'");
        assertError(send(open, "POST", "/api/experiments", "Bearer ", "name: x"), 401, "unauthorized", "Bearer <token>");
        assertError(send(open, "POST", "/api/experiments", "Bearer " + token + "x", "name: x"), 401, "unauthorized",
                "unknown token");
    }

    @Test
    void aRevokedTokenIs403() throws Exception {
        assertError(send(open, "POST", "/api/experiments", "Bearer " + revoked, "name: x"), 403, "forbidden",
                "'mallory' has been revoked");
    }

    @Test
    void aValidTokenPassesTheGuardAndAWriteWithoutTemporalIs503() throws Exception {
        assertError(send(open, "POST", "/api/experiments", "Bearer " + token, "name: x"), 503, "temporal_unavailable",
                "without Temporal");
        assertError(send(open, "POST", "/api/experiments/x/cancel", "bearer " + token, null), 503,
                "temporal_unavailable", "without Temporal");
    }

    @Test
    void readsAreOpenUnlessTheServerSaysOtherwise() throws Exception {
        assertEquals(200, send(open, "GET", "/api/status", null, null).statusCode());
        assertError(send(closed, "GET", "/api/status", null, null), 401, "unauthorized", "reads need");
        assertError(send(closed, "GET", "/api/status", "Bearer " + revoked, null), 403, "forbidden", "revoked");
        assertEquals(200, send(closed, "GET", "/api/status", "Bearer " + token, null).statusCode());
        // probes and the API's description stay open
        assertEquals(200, send(closed, "GET", "/api/health", null, null).statusCode());
        assertEquals(200, send(closed, "GET", "/openapi.json", null, null).statusCode());
        assertEquals(503, send(closed, "GET", "/api/ready", null, null).statusCode());
    }

    @Test
    void validatingADefinitionIsGuardedLikeAReadNotLikeAWrite() throws Exception {
        // no token needed on an open server: the answer is the validator's, not the guard's
        assertError(send(open, "POST", SubmissionRoutes.VALIDATE_PATH, null, "name: x"), 400, "invalid_definition", "dataset");
        assertError(send(closed, "POST", SubmissionRoutes.VALIDATE_PATH, null, "name: x"), 401, "unauthorized", "reads need");
        assertError(send(closed, "POST", SubmissionRoutes.VALIDATE_PATH, "Bearer " + token, "name: x"), 400,
                "invalid_definition", "dataset");
    }

    @Test
    void aBodyOverOneMebibyteIs413BeforeTheTokenIsEvenLookedAt() throws Exception {
        // declared, not sent: see DeclaredLengthRequest for why
        DeclaredLengthRequest.Answer r = DeclaredLengthRequest.post(open.port(), "/api/experiments", "application/yaml",
                AccessGuard.MAX_BODY_BYTES + 1);
        assertEquals(413, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode body = ApiStackFixture.JSON.readTree(r.body());
        assertEquals("payload_too_large", body.path("error").asText(), r.body());
        assertTrue(body.path("details").toString().contains("1048576 bytes"), r.body());
        assertTrue(!r.body().contains("at org.") && !r.body().contains("Exception"), "no stack trace: " + r.body());
    }

    @Test
    void readinessNamesWhatIsMissing() throws Exception {
        HttpResponse<String> r = send(open, "GET", "/api/ready", null, null);
        assertEquals(503, r.statusCode(), r.body());
        JsonNode body = ApiStackFixture.JSON.readTree(r.body());
        assertEquals("ok", body.path("postgres").asText());
        assertTrue(body.path("temporal").asText().startsWith("not configured"), r.body());
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheErrorFormat() throws Exception {
        assertError(send(open, "GET", "/api/nothing-here", null, null), 404, "not_found", "");
        HttpResponse<String> sse = send(open, "GET", "/api/experiments/nope/events", null, null);
        assertError(sse, 400, "invalid_parameter", "text/event-stream");
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port()
                + "/api/experiments/nope/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(missing, 404, "not_found", "'nope'");
    }
}
