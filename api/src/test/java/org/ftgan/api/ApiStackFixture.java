package org.ftgan.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.ApiTokenRecords;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.worker.PlatformWorker;
import org.ftgan.worker.WorkerSettings;
import org.ftgan.worker.temporal.TemporalCli;
import org.ftgan.worker.temporal.TemporalDevServer;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.TaskQueues;
import org.ftgan.workflows.TemporalConnection;

/**
 * The real platform for API tests: embedded PostgreSQL, the real Temporal dev server, one worker
 * in this JVM, and the API on a free port with a token.
 */
final class ApiStackFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedDatabase postgres;
    final TemporalDevServer temporal;
    final Database db;
    final PlatformRecords records;
    final TemporalConnection client;
    final ExperimentSubmitter submitter;
    final PlatformWorker worker;
    final ApiServer api;
    final ApiTokenRecords tokens;
    final String token;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiStackFixture(Path dir) throws IOException, InterruptedException {
        postgres = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        temporal = TemporalDevServer.start(TemporalCli.findOrInstall(root), dir.resolve("temporal.db"), "127.0.0.1", 0, 0,
                dir.resolve("temporal.log"));
        db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password());
        db.migrate();
        records = PlatformRecords.of(db, new ArtifactStore(dir.resolve("artifacts")));
        client = TemporalConnection.connect(temporal.target(), "default", "api-test");
        submitter = new ExperimentSubmitter(client.client(), records.experiments(), new ExperimentSubmitter.Options(10, 2));
        worker = PlatformWorker.start(new WorkerSettings(temporal.target(), "default", List.of(TaskQueues.CPU, TaskQueues.GPU),
                1, dir.resolve("artifacts"), postgres.jdbcUrl(), postgres.user(), postgres.password()));
        api = ApiServer.start(new ApiContext(records, submitter, false), "127.0.0.1", 0);
        tokens = new ApiTokenRecords(db);
        token = tokens.create("api-test");
    }

    String url(String path) {
        return "http://127.0.0.1:" + api.port() + path;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))));
    }

    /** POST with the fixture's token. */
    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        api.close();
        worker.shutdown(10);
        client.close();
        db.close();
        temporal.close();
        postgres.close();
    }
}
