package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
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
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.ftgan.api.cache.ReadCache;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.ExperimentStatus;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.RecordChanges;
import org.ftgan.records.RunStatus;
import org.ftgan.worker.PlatformRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both event routes send a committed change when PostgreSQL reports it, not at their next timed
 * read: here the timed reads are an hour apart, so every event after the opening one can only come
 * from a reported change.
 */
class EventStreamWakeUpTest {
    private static final Duration AN_HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void aCommittedChangeReachesBothStreamsWithoutWaitingForATimedRead() throws Exception {
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"), 0);
             Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password())) {
            db.migrate();
            PlatformRecords records = PlatformRecords.of(db, new ArtifactStore(dir.resolve("artifacts")));
            records.experiments().insertIfAbsent(new NewExperiment("live", "live", "", List.of(), ApiFixture.JSON.createObjectNode(),
                    "name: live\n", "h", "test"));
            records.experiments().setStatus("live", ExperimentStatus.RUNNING, "test");
            records.runs().insertIfAbsent(List.of(new PlannedRun("live-r0000", "live", 0, "r0000", ApiFixture.config(0.5, 8, "tiny"),
                    ApiFixture.JSON.createObjectNode(), "c", "h", null, "v", 0, 100L)));

            ProgressEvents progress = new ProgressEvents(db, records.runs(), AN_HOUR);
            ExperimentFeed feed = new ExperimentFeed(db, AN_HOUR);
            Javalin app = Javalin.create(config -> {
                progress.register(config.routes);
                feed.register(config.routes);
            });
            app.start("127.0.0.1", 0);
            try (RecordChanges changes = RecordChanges.start(db, new RecordChangeRouting(new ReadCache(0),
                    List.of(progress, feed)))) {
                String base = "http://127.0.0.1:" + app.port();
                BlockingQueue<JsonNode> runEvents = events(base + "/api/experiments/live/events", "run");
                BlockingQueue<JsonNode> feedEvents = events(base + "/api/events", "experiment");
                // each stream's opening read (the experiment stream's first timed one runs at once)
                assertEquals("live", await(feedEvents, e -> true).path("id").asText());
                changes.awaitCaughtUp(Duration.ofSeconds(10));
                Thread.sleep(300);

                records.runs().setStatus("live-r0000", RunStatus.RUNNING, null, 1);
                JsonNode run = await(runEvents, e -> e.path("status").asText().equals("running"));
                assertEquals("live-r0000", run.path("id").asText());

                // the feed's first look after opening only marks where it stands; the next change is news to it
                records.runs().updateProgress("live-r0000", 10, 100L, null);
                records.runs().setStatus("live-r0000", RunStatus.SUCCEEDED, null, 1);
                JsonNode counts = await(feedEvents, e -> e.path("runs").path("succeeded").asInt() == 1);
                assertEquals("live", counts.path("id").asText());
                assertEquals("succeeded", await(runEvents, e -> e.path("status").asText().equals("succeeded"))
                        .path("status").asText());
            } finally {
                app.stop();
                progress.close();
                feed.close();
            }
        }
    }

    /** The data of every {@code name} event of an SSE stream, parsed, as they come. */
    private static BlockingQueue<JsonNode> events(String url, String name) throws Exception {
        BlockingQueue<JsonNode> out = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode(), url);
        Thread reader = new Thread(() -> {
            String[] event = {null};
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && name.equals(event[0])) {
                    try {
                        out.add(ApiFixture.parse(line.substring(5).trim()));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            });
        });
        reader.setDaemon(true);
        reader.start();
        return out;
    }

    private static JsonNode await(BlockingQueue<JsonNode> events, Predicate<JsonNode> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && what.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event within 20 s (the timed reads are an hour apart)");
    }
}
