package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.workflows.PlatformRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document against the routes Javalin actually registered at runtime (whichever route
 * groups ApiServer has), and against the route contract of the API.
 */
class OpenApiDocumentTest {
    /** The route contract (issue 6), as "METHOD /path" with path parameters written {}. */
    static final Set<String> CONTRACT = Set.of(
            "GET /api/health", "GET /api/ready", "GET /api/status",
            "POST /api/experiments", "GET /api/experiments", "GET /api/experiments/{}", "GET /api/experiments/{}/runs",
            "GET /api/runs", "GET /api/runs/{}", "GET /api/compare", "GET /api/experiments/{}/groups", "GET /api/experiments/{}/results-table",
            "GET /api/experiments/{}/rungs",
            "GET /api/tables", "GET /api/experiments/{}/table", "POST /api/experiments/{}/cancel", "POST /api/runs/{}/cancel",
            "POST /api/experiments/{}/retry-failed", "POST /api/experiments/{}/rerun",
            "POST /api/experiments/{}/continue", "POST /api/experiments/{}/max-parallel", "POST /api/experiments/{}/search-points", "GET /api/experiments/{}/events", "GET /api/events",
            "GET /api/artifacts/{}", "GET /openapi.json", "POST /api/definitions/validate",
            "GET /api/runs/{}/inference", "GET /api/runs/{}/inference/{}", "POST /api/runs/{}/inference/{}",
            "GET /api/runs/{}/inference/uploads", "POST /api/runs/{}/inference/uploads", "GET /api/runs/{}/inference/uploads/{}");

    @TempDir
    static Path dir;
    static EmbeddedDatabase postgres;
    static Database db;
    static ApiServer server;

    @BeforeAll
    static void start() {
        postgres = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password());
        db.migrate();
        try {
            server = ApiServer.start(new ApiContext(PlatformRecords.of(db, new ArtifactStore(dir.resolve("artifacts"))),
                    null, false), "127.0.0.1", 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
        postgres.close();
    }

    private static Set<String> operations(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p ->
                p.getValue().fieldNames().forEachRemaining(m -> out.add(OpenApiRoutes.routeKey(m, p.getKey()))));
        return out;
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndTheServedDocumentListsExactlyTheRegisteredRoutes() throws Exception {
        Set<String> registered = server.registeredRoutes();
        assertTrue(registered.contains("POST /api/experiments") && registered.contains("GET /openapi.json"), registered.toString());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        JsonNode served = ApiStackFixture.JSON.readTree(r.body());
        assertTrue(served.path("openapi").asText().startsWith("3."), r.body().substring(0, 80));
        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(operations(served));
        assertEquals(Set.of(), undocumented, "registered routes missing from /openapi.json");
        Set<String> unregistered = new TreeSet<>(operations(served));
        unregistered.removeAll(registered);
        assertEquals(Set.of(), unregistered, "/openapi.json documents routes the server does not have");
    }

    /**
     * The document's status enums are written by hand: they must list exactly the names module's
     * statuses, in its order, so that they cannot drift from what the server accepts and sends.
     */
    @Test
    void everyStatusEnumIsTheNamesModulesStatuses() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode served = ApiStackFixture.JSON.readTree(r.body());
        List<String> checked = new ArrayList<>();
        served.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            for (JsonNode p : op.getValue().path("parameters")) {
                if (!p.path("name").asText().equals("status")) {
                    continue;
                }
                String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " ?status";
                JsonNode schema = p.path("schema").has("items") ? p.path("schema").path("items") : p.path("schema");
                List<String> listed = new ArrayList<>();
                schema.path("enum").forEach(v -> listed.add(v.asText()));
                // the experiments list filters experiments; every other status parameter filters runs
                List<String> expected = path.getKey().equals("/api/experiments") ? ExperimentStatus.NAMES : RunStatus.NAMES;
                assertEquals(expected, listed, where);
                checked.add(where);
            }
        }));
        assertEquals(List.of("GET /api/experiments ?status", "GET /api/experiments/{id}/runs ?status", "GET /api/runs ?status"),
                checked.stream().sorted().toList());
        // any other enum that lists a status lists all of its kind
        List<JsonNode> enums = new ArrayList<>();
        collectEnums(served, enums);
        for (JsonNode e : enums) {
            List<String> listed = new ArrayList<>();
            e.forEach(v -> listed.add(v.asText()));
            if (listed.contains(RunStatus.QUEUED.dbName()) || listed.contains(RunStatus.EVALUATING.dbName())) {
                assertEquals(RunStatus.NAMES, listed);
            } else if (listed.contains(ExperimentStatus.SUBMITTED.dbName()) || listed.contains(ExperimentStatus.PREPARING.dbName())) {
                assertEquals(ExperimentStatus.NAMES, listed);
            }
        }
    }

    private static void collectEnums(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            if (node.path("enum").isArray()) {
                out.add(node.path("enum"));
            }
            node.elements().forEachRemaining(child -> collectEnums(child, out));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectEnums(child, out));
        }
    }

    @Test
    void theDocumentDescribesExactlyTheRouteContract() {
        OpenApiRoutes doc = new OpenApiRoutes(Set::of);
        assertEquals(new TreeSet<>(CONTRACT), doc.documented());
        Set<String> beyond = new TreeSet<>(server.registeredRoutes());
        beyond.removeAll(CONTRACT);
        assertEquals(Set.of(), beyond, "the server registers routes outside the contract");
    }

    @Test
    void routeKeysIgnoreParameterNamesAndStyles() {
        assertEquals("GET /api/artifacts/{}", OpenApiRoutes.routeKey("get", "/api/artifacts/<path>"));
        assertEquals("GET /api/artifacts/{}", OpenApiRoutes.routeKey("GET", "/api/artifacts/{path}"));
        assertEquals("POST /api/experiments/{}/cancel", OpenApiRoutes.routeKey("post", "/api/experiments/{id}/cancel"));
    }

    @Test
    void writesDeclareTheBearerSchemeAndErrorsTheirFormat() {
        JsonNode paths = new OpenApiRoutes(Set::of).servedDocument(CONTRACT).path("paths");
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            if (op.getKey().equals("post") && p.getKey().equals(SubmissionRoutes.VALIDATE_PATH)) {
                // validating stores nothing: open like the reads, so it inherits their optional token
                assertTrue(op.getValue().path("security").isMissingNode(), p.getKey());
            } else if (op.getKey().equals("post")) {
                assertEquals("bearer", op.getValue().path("security").path(0).fieldNames().next(), p.getKey());
                assertTrue(op.getValue().path("responses").has("401"), p.getKey());
            }
        }));
        assertTrue(paths.path("/api/experiments").path("post").path("responses").has("413"));
    }
}
