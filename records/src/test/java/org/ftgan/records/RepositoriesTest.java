package org.ftgan.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.ftgan.artifacts.ArtifactInfo;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.LossTermNames;
import org.ftgan.names.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every repository on a real PostgreSQL: a write repeated (as by a retried activity) leaves the same rows. */
class RepositoriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static EmbeddedDatabase pg;
    static Database db;
    static ExperimentRecords experiments;
    static RunRecords runs;
    static CurveRecords curves;
    static ResultRecords results;
    static ArtifactRecords artifacts;
    static EventRecords events;

    @BeforeAll
    static void start() {
        pg = EmbeddedDatabase.start(dir, 0);
        db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
        db.migrate();
        experiments = new ExperimentRecords(db);
        runs = new RunRecords(db);
        curves = new CurveRecords(db);
        results = new ResultRecords(db);
        artifacts = new ArtifactRecords(db);
        events = new EventRecords(db);
    }

    @AfterAll
    static void stop() {
        db.close();
        pg.stop();
    }

    @Test
    void experimentInsertIsIdempotentAndStatusChangesAreRecordedOnce() throws Exception {
        NewExperiment e = experiment("exp-status");
        assertTrue(experiments.insertIfAbsent(e));
        assertFalse(experiments.insertIfAbsent(new NewExperiment(e.id(), "other name", "", List.of(), json("{}"), "", "h2", "x")));
        ExperimentRow stored = experiments.find(e.id()).orElseThrow();
        assertEquals("exp exp-status", stored.name(), "the second insert leaves the row alone");
        assertEquals(ExperimentStatus.SUBMITTED, stored.status());
        assertEquals(List.of("smoke", "coma"), stored.tags());
        assertEquals(0.001, stored.definition().at("/training/lr").asDouble());
        assertEquals("training:\n  lr: 0.001\n", stored.definitionYaml());

        EventRow first = experiments.setStatus(e.id(), ExperimentStatus.RUNNING, "workflow started");
        Instant updated = experiments.find(e.id()).orElseThrow().updatedAt();
        EventRow again = experiments.setStatus(e.id(), ExperimentStatus.RUNNING, "workflow started");
        assertEquals(first, again);
        assertEquals(updated, experiments.find(e.id()).orElseThrow().updatedAt(), "a repeated status change touches nothing");
        experiments.setStatus(e.id(), ExperimentStatus.SUCCEEDED, null);
        assertEquals(List.of("running", "succeeded"), events.listByExperiment(e.id()).stream().map(ev -> ev.status().dbName()).toList());
        assertEquals(ExperimentStatus.SUCCEEDED, experiments.find(e.id()).orElseThrow().status());

        RecordsException missing = assertThrows(RecordsException.class,
                () -> experiments.setStatus("no-such", ExperimentStatus.FAILED, "x"));
        assertTrue(missing.getMessage().contains("no-such"), missing.getMessage());
    }

    @Test
    void timestampsKeepTheFirstCallAndSettersUpdate() throws Exception {
        String id = "exp-times";
        experiments.insertIfAbsent(experiment(id));
        assertNull(experiments.find(id).orElseThrow().startedAt());
        experiments.markStarted(id);
        Instant started = experiments.find(id).orElseThrow().startedAt();
        assertNotNull(started);
        Thread.sleep(5);
        experiments.markStarted(id);
        assertEquals(started, experiments.find(id).orElseThrow().startedAt());
        experiments.markFinished(id);
        experiments.setDatasetHash(id, "ds-abc");
        experiments.setRunCount(id, 12);
        ExperimentRow row = experiments.find(id).orElseThrow();
        assertNotNull(row.finishedAt());
        assertEquals("ds-abc", row.datasetHash());
        assertEquals(12, row.runCount());
        assertThrows(RecordsException.class, () -> experiments.setRunCount("no-such", 1));
        assertTrue(experiments.listRecent(100).stream().anyMatch(r -> r.id().equals(id)));
    }

    @Test
    void anExperimentThatRunsAgainIsNoLongerFinishedAndRecordsItsSecondEnding() throws Exception {
        String id = "exp-again";
        experiments.insertIfAbsent(experiment(id));
        experiments.setStatus(id, ExperimentStatus.RUNNING, "2 runs", "call-1");
        experiments.setStatus(id, ExperimentStatus.SUCCEEDED, "1 succeeded of 1 runs", "call-2");
        experiments.setStatus(id, ExperimentStatus.SUCCEEDED, "1 succeeded of 1 runs", "call-2"); // a retried call
        experiments.markFinished(id);
        assertNotNull(experiments.find(id).orElseThrow().finishedAt());

        experiments.setStatus(id, ExperimentStatus.RUNNING, "running again", "call-3");
        assertNull(experiments.find(id).orElseThrow().finishedAt(), "running again, it has not finished");
        experiments.setStatus(id, ExperimentStatus.SUCCEEDED, "2 succeeded of 2 runs", "call-4");
        experiments.markFinished(id);
        assertNotNull(experiments.find(id).orElseThrow().finishedAt());
        assertEquals(List.of("running: 2 runs", "succeeded: 1 succeeded of 1 runs", "running: running again",
                        "succeeded: 2 succeeded of 2 runs"),
                events.listByExperiment(id).stream().map(e -> e.status().dbName() + ": " + e.reason()).toList());
    }

    @Test
    void plannedRunsAreInsertedOnceAndAttemptsAndStatusAreRecordedOncePerAttempt() throws Exception {
        String exp = "exp-runs";
        experiments.insertIfAbsent(experiment(exp));
        List<PlannedRun> planned = plannedRuns(exp, 3);
        assertEquals(3, runs.insertIfAbsent(planned));
        assertEquals(0, runs.insertIfAbsent(planned));
        List<RunRow> rows = runs.listByExperiment(exp);
        assertEquals(List.of(0, 1, 2), rows.stream().map(RunRow::runIndex).toList());
        assertEquals(RunStatus.QUEUED, rows.get(0).status());
        assertEquals(json("{\"lr\":0.001,\"seed\":1}"), rows.get(1).config());

        String run = planned.get(0).id();
        EventRow started = runs.markAttemptStarted(run, 1, "worker-a");
        assertEquals(started, runs.markAttemptStarted(run, 1, "worker-a"));
        runs.setStatus(run, RunStatus.FAILED, "worker lost", 1);
        runs.setStatus(run, RunStatus.FAILED, "worker lost", 1);
        RunRow failed = runs.find(run).orElseThrow();
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals("worker lost", failed.failureReason());
        assertNotNull(failed.finishedAt());

        runs.markAttemptStarted(run, 2, "worker-b");
        RunRow retried = runs.find(run).orElseThrow();
        assertEquals(RunStatus.RUNNING, retried.status());
        assertEquals(2, retried.attempt());
        assertEquals("worker-b", retried.worker());
        assertNull(retried.finishedAt());
        assertNull(retried.failureReason());
        runs.setStatus(run, RunStatus.SUCCEEDED, null, 2);

        assertEquals(List.of("running/1/worker-a", "failed/1/null", "running/2/worker-b", "succeeded/2/null"),
                events.listByRun(run).stream().map(ev -> ev.status() + "/" + ev.attempt() + "/" + ev.worker()).toList());
        assertEquals(Map.of(RunStatus.QUEUED, 2, RunStatus.RUNNING, 0, RunStatus.EVALUATING, 0, RunStatus.SUCCEEDED, 1,
                RunStatus.FAILED, 0, RunStatus.CANCELLED, 0, RunStatus.STOPPED_EARLY, 0), runs.countByStatus(exp));
        assertThrows(RecordsException.class, () -> runs.setStatus("no-such", RunStatus.FAILED, "x", 1));
    }

    @Test
    void aRunWhoseFirstAttemptNeverStartedCanStillBeCancelledOrFailed() throws Exception {
        String exp = "exp-no-attempt";
        experiments.insertIfAbsent(experiment(exp));
        List<PlannedRun> planned = plannedRuns(exp, 2);
        runs.insertIfAbsent(planned);
        String queued = planned.get(0).id();
        String broken = planned.get(1).id();
        runs.setStatus(queued, RunStatus.CANCELLED, "experiment cancelled", 0);
        runs.setStatus(queued, RunStatus.CANCELLED, "experiment cancelled", 0);
        runs.setStatus(broken, RunStatus.FAILED, "the prepared dataset is missing", 0);
        assertEquals(RunStatus.CANCELLED, runs.find(queued).orElseThrow().status());
        RunRow failed = runs.find(broken).orElseThrow();
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals(0, failed.attempt());
        assertEquals("the prepared dataset is missing", failed.failureReason());
        assertEquals(List.of("cancelled/null"), events.listByRun(queued).stream()
                .map(ev -> ev.status() + "/" + ev.attempt()).toList());
        assertThrows(IllegalArgumentException.class, () -> runs.setStatus(queued, RunStatus.FAILED, "x", -1));
    }

    @Test
    void aContinuedRunIsQueuedWithItsNewBudgetOnceAndKeepsItsAttemptCount() throws Exception {
        String exp = "exp-continued";
        experiments.insertIfAbsent(experiment(exp));
        String run = plannedRuns(exp, 1).get(0).id();
        runs.insertIfAbsent(plannedRuns(exp, 1));
        runs.markAttemptStarted(run, 1, "worker-a");
        runs.markAttemptStarted(run, 2, "worker-a");
        runs.updateProgress(run, 300, 300L, "runs/" + run + "/checkpoints/step-000000300");
        runs.setStatus(run, RunStatus.STOPPED_EARLY, "stopped early by the sweep", 2);

        JsonNode longer = json("{\"lr\":0.001,\"seed\":1,\"training\":{\"steps\":900}}");
        assertEquals(2, runs.continueTo(run, longer, "hash-900", 900, "continued to 900 steps"));
        // a retried call changes nothing, even after the run has started again
        runs.markAttemptStarted(run, 3, "worker-b");
        assertEquals(3, runs.continueTo(run, json("{}"), "other", 900, "again"));
        RunRow row = runs.find(run).orElseThrow();
        assertEquals(RunStatus.RUNNING, row.status());
        assertEquals(longer, row.config());
        assertEquals("hash-900", row.configHash());
        assertEquals(900L, row.totalSteps());
        assertEquals(300L, row.lastStep());
        assertNull(row.finishedAt());
        assertEquals(List.of("running/2", "stopped_early/2", "queued/null", "running/3"), events.listByRun(run).stream()
                .skip(1).map(ev -> ev.status().dbName() + "/" + ev.attempt()).toList());
        assertThrows(RecordsException.class, () -> runs.continueTo("no-such", longer, "h", 900, "x"));
    }

    @Test
    void aDifferentRunAtAnOccupiedIndexFailsTheBatch() throws Exception {
        String exp = "exp-clash";
        experiments.insertIfAbsent(experiment(exp));
        runs.insertIfAbsent(plannedRuns(exp, 1));
        PlannedRun clash = new PlannedRun(exp + "-other", exp, 0, "other", json("{}"), json("{}"), "c", "d", null, "v", 1, null);
        RecordsException e = assertThrows(RecordsException.class, () -> runs.insertIfAbsent(List.of(clash)));
        assertTrue(e.getMessage().contains("run_index"), e.getMessage());
        assertEquals(1, runs.listByExperiment(exp).size());
    }

    @Test
    void progressIsSetAndNullsKeepStoredValues() throws Exception {
        String exp = "exp-progress";
        experiments.insertIfAbsent(experiment(exp));
        String run = plannedRuns(exp, 1).get(0).id();
        runs.insertIfAbsent(plannedRuns(exp, 1));
        runs.updateProgress(run, 500, 1000L, "runs/" + run + "/checkpoints/step-500.ckpt");
        runs.updateProgress(run, 600, null, null);
        RunRow row = runs.find(run).orElseThrow();
        assertEquals(600L, row.lastStep());
        assertEquals(1000L, row.totalSteps());
        assertEquals("runs/" + run + "/checkpoints/step-500.ckpt", row.lastCheckpoint());
        assertThrows(RecordsException.class, () -> runs.updateProgress("no-such", 1, null, null));
    }

    @Test
    void curvesWrittenTwiceGiveTheSameRowsAndAnUpsertReplacesValues() throws Exception {
        String run = runOf("exp-curves");
        List<CurvePoint> points = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            points.add(point(s * 10, s / 10, s));
        }
        assertEquals(50, curves.upsert(run, points));
        List<Object> rowsBefore = rawCurveRows(run);
        assertEquals(0, curves.upsert(run, points), "the same points again change nothing");
        assertEquals(rowsBefore, rawCurveRows(run), "not even recorded_at");
        assertEquals(points, curves.points(run));
        assertEquals(50, curves.count(run));
        assertEquals(OptionalLong.of(490), curves.lastStep(run));

        CurvePoint replaced = new CurvePoint(100, 1, 77.5, 12.0, Map.of("L_rec", 0.5));
        assertEquals(2, curves.upsert(run, List.of(replaced, point(500, 5, 50))));
        assertEquals(51, curves.count(run));
        assertEquals(replaced, curves.points(run).get(10));
        assertEquals(OptionalLong.of(500), curves.lastStep(run));
        assertEquals(OptionalLong.empty(), curves.lastStep("no-such"));
    }

    @Test
    void curveTermsAreTheTrainersColumnsAndUnknownOnesAreRefused() {
        assertEquals(LossTermNames.NAMES, CurveColumns.TERMS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CurvePoint(1, 0, 1, 1, Map.of("L_bogus", 1.0)));
        assertTrue(e.getMessage().contains("L_bogus"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> curves.upsert("r", List.of(point(1, 0, 1), point(1, 0, 2))));
    }

    @Test
    void resultsReplaceAllIsIdempotentAndDropsOldFigures() throws Exception {
        String run = runOf("exp-results");
        List<ResultRow> first = List.of(
                new ResultRow("e_rec", "facetunegan", "", 0.8, 0.1, 0.75, 100),
                new ResultRow("e_rec", "facetunegan", "smile", 0.7, 0.2, 0.65, 10),
                new ResultRow("e_transfer", "blendshape", "", 1.4, 0.3, 1.3, 100));
        results.replaceAll(run, first);
        results.replaceAll(run, first);
        assertEquals(first, results.list(run));
        List<ResultRow> second = List.of(new ResultRow("e_neu", "facetunegan", "", 0.2, 0.01, 0.19, 100));
        results.replaceAll(run, second);
        assertEquals(second, results.list(run));
        assertThrows(IllegalArgumentException.class, () -> new ResultRow("e_bogus", "facetunegan", "", 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> results.replaceAll(run, List.of(second.get(0), second.get(0))));
        assertEquals(second, results.list(run), "a refused replacement leaves the old figures");
    }

    @Test
    void artifactUpsertKeepsOneRowPerKindAndPath() throws Exception {
        String run = runOf("exp-artifacts");
        String exp = "exp-artifacts";
        ArtifactInfo v1 = new ArtifactInfo("runs/" + run + "/checkpoints/last.ckpt", 10, "aa");
        ArtifactRow a = artifacts.upsert(exp, run, ArtifactKind.CHECKPOINT, v1);
        assertEquals(a, artifacts.upsert(exp, run, ArtifactKind.CHECKPOINT, v1));
        ArtifactRow b = artifacts.upsert(exp, run, ArtifactKind.CHECKPOINT, new ArtifactInfo(v1.relativePath(), 20, "bb"));
        assertEquals(a.id(), b.id());
        assertEquals(20, b.sizeBytes());
        assertEquals("bb", b.sha256());
        artifacts.upsert(exp, null, ArtifactKind.REPORT, new ArtifactInfo("reports/" + exp + ".html", 5, "cc"));
        assertEquals(List.of(b), artifacts.listByRun(run));
        assertEquals(2, artifacts.listByExperiment(exp).size());
    }

    @Test
    void eventsAreAppendedOncePerDedupeKey() throws Exception {
        String exp = "exp-events";
        experiments.insertIfAbsent(experiment(exp));
        NewEvent e = new NewEvent(exp, null, ExperimentStatus.PREPARING, "dataset build", null, "w1", "custom:" + exp + ":1");
        EventRow first = events.append(e);
        assertEquals(first, events.append(e));
        events.append(new NewEvent(exp, null, ExperimentStatus.PREPARING, "again", null, "w1", "custom:" + exp + ":2"));
        assertEquals(List.of("dataset build", "again"), events.listByExperiment(exp).stream().map(EventRow::reason).toList());
    }

    @Test
    void anEventHoldsARunStatusForARunAndAnExperimentStatusOtherwise() throws Exception {
        String exp = "exp-event-kinds";
        String run = runOf(exp);
        assertThrows(IllegalArgumentException.class, () -> new NewEvent(exp, null, RunStatus.QUEUED, null, null, null, "k1"));
        assertThrows(IllegalArgumentException.class, () -> new NewEvent(exp, run, ExperimentStatus.RUNNING, null, 1, null, "k2"));
        events.append(new NewEvent(exp, run, RunStatus.RUNNING, null, 1, "w1", "kinds:" + run + ":1"));
        events.append(new NewEvent(exp, null, ExperimentStatus.RUNNING, null, null, null, "kinds:" + exp + ":1"));
        // "running" is both; the row's run id says which it read back as
        assertEquals(List.of(RunStatus.RUNNING, ExperimentStatus.RUNNING),
                events.listByExperiment(exp).stream().map(EventRow::status).toList());
    }

    private static String runOf(String exp) throws Exception {
        experiments.insertIfAbsent(experiment(exp));
        List<PlannedRun> planned = plannedRuns(exp, 1);
        runs.insertIfAbsent(planned);
        return planned.get(0).id();
    }

    private static CurvePoint point(long step, int epoch, int k) {
        Map<String, Double> terms = new LinkedHashMap<>();
        for (int t = 0; t < LossTermNames.NAMES.size(); t++) {
            // R1 is only computed on some steps: absent terms must come back absent
            if (!LossTermNames.NAMES.get(t).equals("R1") || k % 4 == 0) {
                terms.put(LossTermNames.NAMES.get(t), k + t / 100.0);
            }
        }
        return new CurvePoint(step, epoch, 1000.0 + k, 0.25 * k, terms);
    }

    private static List<Object> rawCurveRows(String run) {
        return db.inTransaction(c -> {
            List<Object> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM curves WHERE run_id = ? ORDER BY step")) {
                ps.setString(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getObject(i));
                        }
                        out.add(row);
                    }
                }
            }
            return out;
        });
    }

    private static List<PlannedRun> plannedRuns(String exp, int n) throws Exception {
        List<PlannedRun> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PlannedRun(exp + "-r" + i, exp, i, "seed=" + i, json("{\"lr\":0.001,\"seed\":" + i + "}"),
                    json("{\"seed\":" + i + "}"), "cfg" + i, "def", null, "v0.1", i, 1000L));
        }
        return out;
    }

    private static NewExperiment experiment(String id) throws Exception {
        return new NewExperiment(id, "exp " + id, "a test experiment", List.of("smoke", "coma"),
                json("{\"training\":{\"lr\":0.001}}"), "training:\n  lr: 0.001\n", "def", "tester");
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }
}
