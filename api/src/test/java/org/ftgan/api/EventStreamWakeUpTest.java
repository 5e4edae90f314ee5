package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ftgan.api.cache.ReadCache;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.RecordChanges;
import org.ftgan.workflows.PlatformRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both event routes send a committed change when PostgreSQL reports it, not at their next timed
 * read: here the timed reads are an hour apart, so every event after the opening one can only come
 * from a reported change.
 */
class EventStreamWakeUpTest {
    private static final Duration AN_HOUR = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(20);

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
                SseEvents runEvents = SseEvents.open(base + "/api/experiments/live/events", "run");
                SseEvents feedEvents = SseEvents.open(base + "/api/events", "experiment");
                // each stream's opening read (the experiment stream's first timed one runs at once)
                assertEquals("live", feedEvents.await(e -> true, WAIT).path("id").asText());
                changes.awaitCaughtUp(Duration.ofSeconds(10));
                Thread.sleep(300);

                records.runs().setStatus("live-r0000", RunStatus.RUNNING, null, 1);
                JsonNode run = runEvents.await(e -> e.path("status").asText().equals("running"), WAIT);
                assertEquals("live-r0000", run.path("id").asText());

                // the feed's first look after opening only marks where it stands; the next change is news to it
                records.runs().updateProgress("live-r0000", 10, 100L, null);
                records.runs().setStatus("live-r0000", RunStatus.SUCCEEDED, null, 1);
                JsonNode counts = feedEvents.await(e -> e.path("runs").path("succeeded").asInt() == 1, WAIT);
                assertEquals("live", counts.path("id").asText());
                assertEquals("succeeded", runEvents.await(e -> e.path("status").asText().equals("succeeded"), WAIT)
                        .path("status").asText());
            } finally {
                app.stop();
                progress.close();
                feed.close();
            }
        }
    }
}
