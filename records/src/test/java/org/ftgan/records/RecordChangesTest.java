package org.ftgan.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change notifications of migration V4, as {@link RecordChanges} reports them from a real PostgreSQL. */
class RecordChangesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Every call, in order, as text: "changed e1", "everything", "listening", "not listening". */
    static final class Recorder implements RecordChanges.Listener {
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void changed(String experimentId, String runId) {
            calls.add("changed " + experimentId + (runId == null ? "" : "/" + runId));
        }

        @Override
        public synchronized void everythingChanged() {
            calls.add("everything");
        }

        @Override
        public synchronized void listeningAgain() {
            calls.add("listening");
        }

        @Override
        public synchronized void notListening() {
            calls.add("not listening");
        }

        synchronized List<String> takeAll() {
            List<String> out = List.copyOf(calls);
            calls.clear();
            return out;
        }

        /** Waits until {@code call} has been made (the listener's thread reports asynchronously). */
        void await(String call) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                synchronized (this) {
                    if (calls.contains(call)) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("never called: " + call + "; calls: " + calls);
        }
    }

    /** A migrated database and a listener on it, for the tests that do not restart PostgreSQL. */
    private EmbeddedDatabase pg;
    private Database db;
    private Recorder recorder;
    private RecordChanges changes;

    private void listen() throws InterruptedException {
        pg = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
        db.migrate();
        recorder = new Recorder();
        changes = RecordChanges.start(db, recorder);
        recorder.await("listening");
        assertTrue(changes.listening());
        recorder.takeAll();
    }

    /**
     * A caught-up wait right after the start waits for the first LISTEN: once it returns, the listener has
     * been told that anything may have changed, so nothing read after it is emptied by that news (an API
     * read cache once lost its first answer that way, on a loaded machine).
     */
    @Test
    void aCaughtUpWaitRightAfterTheStartWaitsForTheFirstListen() throws Exception {
        pg = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
        db.migrate();
        recorder = new Recorder();
        changes = RecordChanges.start(db, recorder);
        changes.awaitCaughtUp(WAIT);
        assertTrue(changes.listening());
        assertTrue(recorder.takeAll().contains("listening"));
    }

    @AfterEach
    void closeListener() {
        if (changes != null) {
            changes.close();
            db.close();
            pg.close();
        }
    }

    @Test
    void everyCommittedChangeNamesItsExperimentAndRunOnce() throws Exception {
        listen();
        ExperimentRecords experiments = new ExperimentRecords(db);
        RunRecords runs = new RunRecords(db);
        experiments.insertIfAbsent(experiment("e1"));
        experiments.insertIfAbsent(experiment("e2"));
        changes.awaitCaughtUp(WAIT);
        assertEquals(List.of("changed e1", "changed e2"), recorder.takeAll(), "one per experiment, in commit order");

        runs.insertIfAbsent(List.of(run("e1-r0", "e1", 0), run("e1-r1", "e1", 1)));
        changes.awaitCaughtUp(WAIT);
        assertEquals(List.of("changed e1/e1-r0", "changed e1/e1-r1"), recorder.takeAll().stream().sorted().toList(),
                "each run of the statement, once");

        // a curve row names its run only: the trigger finds the run's experiment
        new CurveRecords(db).upsert("e1-r1", List.of(new CurvePoint(10, 0, 100.0, 1.0, Map.of("L_rec", 0.5))));
        runs.updateProgress("e1-r1", 10, 100L, null);
        changes.awaitCaughtUp(WAIT);
        // two commits, one notification each (PostgreSQL folds repeats within a transaction only)
        assertEquals(List.of("changed e1/e1-r1", "changed e1/e1-r1"), recorder.takeAll());

        // an event of the experiment as a whole names no run
        new EventRecords(db).append(new NewEvent("e2", null, ExperimentStatus.PREPARING, null, null, "w1", "test:e2:1"));
        new EventRecords(db).append(new NewEvent("e1", "e1-r0", RunStatus.RUNNING, null, 1, "w1", "test:e1-r0:1"));
        changes.awaitCaughtUp(WAIT);
        assertEquals(List.of("changed e2", "changed e1/e1-r0"), recorder.takeAll());
    }

    @Test
    void aRolledBackChangeIsNotReportedAndTruncateMeansEverything() throws Exception {
        listen();
        new ExperimentRecords(db).insertIfAbsent(experiment("e1"));
        changes.awaitCaughtUp(WAIT);
        recorder.takeAll();

        try {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE experiments SET description = 'x' WHERE id = 'e1'");
                }
                throw new IllegalStateException("roll back on purpose");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        changes.awaitCaughtUp(WAIT);
        assertEquals(List.of(), recorder.takeAll(), "nothing was committed");

        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE events");
            }
            return null;
        });
        changes.awaitCaughtUp(WAIT);
        assertEquals(List.of("everything"), recorder.takeAll());
    }

    @Test
    void aRestartOfPostgresqlIsReportedAsAGapThenListeningAgain() throws Exception {
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        int port = pg.port();
        try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password())) {
            db.migrate();
            Recorder recorder = new Recorder();
            try (RecordChanges changes = RecordChanges.start(db, recorder)) {
                recorder.await("listening");
                recorder.takeAll();
                pg.stop();
                recorder.await("not listening");
                assertTrue(!changes.listening());
                pg = EmbeddedDatabase.start(dir.resolve("pg"), port);
                recorder.await("listening");
                assertEquals(List.of("not listening", "listening"), recorder.takeAll());
                new ExperimentRecords(db).insertIfAbsent(experiment("after"));
                changes.awaitCaughtUp(WAIT);
                assertEquals(List.of("changed after"), recorder.takeAll(), "reports changes again");
            }
        } finally {
            pg.close();
        }
    }

    private static NewExperiment experiment(String id) {
        return new NewExperiment(id, "name " + id, "", List.of(), JSON.createObjectNode(), "name: x\n", "h-" + id, "test");
    }

    private static PlannedRun run(String id, String experimentId, int index) {
        ObjectNode config = JSON.createObjectNode().put("seed", index);
        return new PlannedRun(id, experimentId, index, "k" + index, config, JSON.createObjectNode(), "c-" + id, "h-" + experimentId,
                null, "v", index, 100L);
    }
}
