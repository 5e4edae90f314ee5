package org.ftgan.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.api.cache.ReadCache;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.PoolSettings;
import org.ftgan.workflows.PlatformRecords;

/**
 * The API on a real embedded PostgreSQL in a temporary directory, read-only (no Temporal): tests
 * seed rows through the repositories and call the API over HTTP.
 */
final class ApiFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedDatabase postgres;
    final Database db;
    final PlatformRecords records;
    final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiFixture(Path dir) throws IOException {
        this(dir, PoolSettings.API);
    }

    ApiFixture(Path dir, PoolSettings pool) throws IOException {
        this(dir, pool, ReadCache.DEFAULT_BYTES);
    }

    ApiFixture(Path dir, PoolSettings pool, long readCacheBytes) throws IOException {
        postgres = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password(), pool);
        db.migrate();
        records = PlatformRecords.of(db, new ArtifactStore(dir.resolve("artifacts")));
        server = ApiServer.start(new ApiContext(records, null, false, readCacheBytes), "127.0.0.1", 0);
    }

    /**
     * A GET of {@code pathAndQuery} as written (nothing re-encoded), once the API has seen every
     * record the test wrote before (it keeps answers until told of a change: see ReadCache).
     */
    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        server.awaitRecordChanges();
        return getAsIs(pathAndQuery);
    }

    /** A GET without waiting for the API to have seen earlier writes: for when the database cannot be used. */
    HttpResponse<String> getAsIs(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #get} with one request header. */
    HttpResponse<String> get(String pathAndQuery, String header, String value) throws IOException, InterruptedException {
        server.awaitRecordChanges();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .header(header, value).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET that must answer 200, parsed as JSON. */
    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    void experiment(String id, String name, List<String> tags, ObjectNode definition) {
        records.experiments().insertIfAbsent(new NewExperiment(id, name, "description of " + name, tags, definition,
                "name: " + name + "\n", "hash-" + id, "test"));
    }

    /** Runs {@code <experiment>-r0000...} with the given configs (overrides = config's loss section). */
    List<String> runs(String experimentId, List<ObjectNode> configs) {
        List<PlannedRun> planned = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            String id = String.format("%s-r%04d", experimentId, i);
            ids.add(id);
            ObjectNode overrides = JSON.createObjectNode();
            if (configs.get(i).has("loss")) {
                overrides.set("loss", configs.get(i).get("loss"));
            }
            planned.add(new PlannedRun(id, experimentId, i, String.format("r%04d", i), configs.get(i), overrides,
                    "config-" + id, "hash-" + experimentId, "dataset-1", "code-1", i, 100L));
        }
        records.runs().insertIfAbsent(planned);
        return ids;
    }

    /** A run config with the given loss weights (other sections fixed). */
    static ObjectNode config(double lambdaSrec, int contentDim, String preset) {
        ObjectNode c = JSON.createObjectNode();
        c.putObject("model").put("preset", preset).put("content_dim", contentDim);
        c.putObject("loss").put("lambda_srec", lambdaSrec).put("gamma_r1", 10);
        c.putObject("training").put("steps", 100).put("lr", 1.0e-4);
        return c;
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }

    @Override
    public void close() {
        server.close();
        db.close();
        postgres.close();
    }
}
