package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ftgan.records.ExperimentStatus;
import org.ftgan.records.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/events on real PostgreSQL: the opening state of active experiments, then every change. */
class ExperimentFeedTest {
    @TempDir
    static Path dir;
    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(dir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void opensWithTheActiveExperimentsThenStreamsEachChange() throws Exception {
        api.experiment("feed-done", "feed-done", List.of(), ApiFixture.config(0.4, 8, "tiny"));
        api.records.experiments().setStatus("feed-done", ExperimentStatus.SUCCEEDED, "test");
        api.experiment("feed-live", "feed-live", List.of(), ApiFixture.config(0.4, 8, "tiny"));
        api.records.experiments().setStatus("feed-live", ExperimentStatus.RUNNING, "test");
        List<String> runs = api.runs("feed-live", List.of(ApiFixture.config(0.4, 8, "tiny"), ApiFixture.config(1.0, 8, "tiny")));
        api.records.experiments().setRunCount("feed-live", 2);

        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + "/api/events"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> {
            String[] name = {null};
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && "experiment".equals(name[0])) {
                    try {
                        events.add(ApiFixture.parse(line.substring(5).trim()));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            });
        });
        reader.setDaemon(true);
        reader.start();

        JsonNode opening = events.poll(10, TimeUnit.SECONDS);
        assertEquals("feed-live", opening.path("id").asText(), "only the experiment that has not ended opens the feed: " + opening);
        assertEquals("running", opening.path("status").asText());
        assertEquals(2, opening.path("run_count").asInt());
        assertEquals(2, opening.path("runs").path("queued").asInt(), opening.toString());

        Thread.sleep(1500); // let the poller take its first look, so the change below is news to it
        api.records.runs().setStatus(runs.get(0), RunStatus.SUCCEEDED, "test", 1);
        JsonNode change = awaitEvent(events, e -> e.path("runs").path("succeeded").asInt() == 1);
        assertEquals("feed-live", change.path("id").asText());
        assertEquals(1, change.path("runs").path("queued").asInt(), change.toString());

        api.records.experiments().setStatus("feed-live", ExperimentStatus.FAILED, "test");
        JsonNode ended = awaitEvent(events, e -> e.path("status").asText().equals("failed"));
        assertEquals("feed-live", ended.path("id").asText());
    }

    @Test
    void refusesAClientThatDoesNotAskForAnEventStream() throws Exception {
        HttpResponse<String> r = api.get("/api/events");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("text/event-stream"), r.body());
    }

    private static JsonNode awaitEvent(BlockingQueue<JsonNode> events, java.util.function.Predicate<JsonNode> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && what.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event within 15 s");
    }
}
