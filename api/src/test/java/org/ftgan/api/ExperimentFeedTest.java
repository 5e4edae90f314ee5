package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
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

        SseEvents events = SseEvents.open("http://127.0.0.1:" + api.server.port() + "/api/events", "experiment");

        JsonNode opening = events.next(Duration.ofSeconds(10));
        assertEquals("feed-live", opening.path("id").asText(), "only the experiment that has not ended opens the feed: " + opening);
        assertEquals("running", opening.path("status").asText());
        assertEquals(2, opening.path("run_count").asInt());
        assertEquals(2, opening.path("runs").path("queued").asInt(), opening.toString());

        Thread.sleep(1500); // let the poller take its first look, so the change below is news to it
        api.records.runs().setStatus(runs.get(0), RunStatus.SUCCEEDED, "test", 1);
        JsonNode change = events.await(e -> e.path("runs").path("succeeded").asInt() == 1, Duration.ofSeconds(15));
        assertEquals("feed-live", change.path("id").asText());
        assertEquals(1, change.path("runs").path("queued").asInt(), change.toString());

        api.records.experiments().setStatus("feed-live", ExperimentStatus.FAILED, "test");
        JsonNode ended = events.await(e -> e.path("status").asText().equals("failed"), Duration.ofSeconds(15));
        assertEquals("feed-live", ended.path("id").asText());
    }

    @Test
    void refusesAClientThatDoesNotAskForAnEventStream() throws Exception {
        HttpResponse<String> r = api.get("/api/events");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("text/event-stream"), r.body());
    }
}
