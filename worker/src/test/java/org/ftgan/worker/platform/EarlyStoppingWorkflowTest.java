package org.ftgan.worker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.ArtifactKind;
import org.ftgan.records.ArtifactRow;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.EventRow;
import org.ftgan.records.RunRow;
import org.ftgan.records.read.SweepRungs;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping (sweep.early_stopping) end to end on the real Temporal dev server and PostgreSQL,
 * with workers in their own processes, one of them killed in the middle of the sweep.
 *
 * <p>The case is built so that the outcome does not depend on timing: nine runs from the same
 * initialization, one at a working learning rate (run 0, the winner) and eight at learning rates too
 * small to move the weights (the designed losers, whose figures are all equal), trained one at a time
 * (max_parallel 1) so that the winner reaches every rung first. ASHA with reduction factor 3 keeps
 * max(1, floor(n/3)) of the n runs at a rung so far: 1 of the first five at rung 20, so losers 1-4 stop
 * there; 2 and then 3 from the sixth on, and a loser ties the losers already kept there (ties
 * continue), so losers 5-8 go on to rung 60, where at most five runs arrive and 1 is kept: they stop
 * there. Every loser stops, at rung 20 or 60; the winner trains its budget.
 */
class EarlyStoppingWorkflowTest {
    private static final Duration LONG = Duration.ofMinutes(6);
    private static final long STEPS = 160;
    private static final long FIRST_RUNG = 20;
    /** Short, so that a stop (delivered in a heartbeat's answer, at most 0.8 of it apart) and a killed worker are noticed within seconds. */
    private static final int HEARTBEAT_TIMEOUT_SECONDS = 4;

    @TempDir
    static Path dir;
    static PlatformFixture platform;

    @BeforeAll
    static void start() throws Exception {
        platform = new PlatformFixture(dir);
    }

    /** No worker process outlives its test (one still shutting down would take the next test's activity). */
    @AfterEach
    void stopWorkerProcesses() throws InterruptedException {
        platform.stopWorkerProcesses();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            WorkflowHistoryRecorder.recordIfAsked(platform.client.client());
            platform.close();
        }
    }

    @Test
    void ashaStopsTheDesignedLosersKeepsTheWinnerAndARestartedWorkerDecidesNothingTwice() throws Exception {
        String yaml = """
                name: asha
                description: early stopping platform test
                tags: [test]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: %d, batch: 4, seed: 1, log_every: 10, checkpoint_every_steps: 20, keep_last: 1}
                evaluation: {triplets: 20, seed: 1, pool: all, every_steps: 20, training_triplets: 10, keep_best: true}
                sweep:
                  grid: {training: {lr: [1.0e-3, 1.0e-12, 2.0e-12, 3.0e-12, 4.0e-12, 5.0e-12, 6.0e-12, 7.0e-12, 8.0e-12]}}
                  max_parallel: 1
                  early_stopping: {method: asha, metric: E_rec, mode: min, min_steps: %d, reduction_factor: 3}
                """.formatted(STEPS, FIRST_RUNG);
        ExperimentSubmitter submitter = new ExperimentSubmitter(platform.client.client(), platform.records.experiments(),
                new ExperimentSubmitter.Options(HEARTBEAT_TIMEOUT_SECONDS, 5));
        Process first = platform.startWorkerProcess("asha-a");
        String id = submitter.submit(yaml, "asha.yaml", Map.of(), "platform-test").experimentId();
        String winner = id + "-r0000";
        List<String> losers = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> id + "-r000" + i).toList();

        // the first loser's stop is decided and done by the first worker; the second is then killed mid-sweep
        PlatformFixture.await("the first loser to stop early", LONG, () -> status(losers.get(0)) == RunStatus.STOPPED_EARLY
                || failed(id, "asha-a"));
        first.destroyForcibly().waitFor();
        platform.startWorkerProcess("asha-b");
        // the winner trained its whole budget and was evaluated
        long spent = awaitSuccessWithTheWinnersBudget(id, winner, "asha-b");
        for (String loser : losers) {
            RunRow r = platform.records.runs().find(loser).orElseThrow();
            assertEquals(RunStatus.STOPPED_EARLY, r.status(), loser);
            assertTrue(r.lastStep() >= FIRST_RUNG && r.lastStep() < STEPS, loser + " stopped at " + r.lastStep());
            spent += r.lastStep();
            // stopped once, at the first or the second rung, with the reason and its figures kept
            List<EventRow> stops = platform.records.events().listByRun(loser).stream()
                    .filter(e -> e.status() == RunStatus.STOPPED_EARLY).toList();
            assertEquals(1, stops.size(), stops.toString());
            assertTrue(stops.get(0).reason().contains("rung " + FIRST_RUNG + ": E_rec")
                    || stops.get(0).reason().contains("rung " + 3 * FIRST_RUNG + ": E_rec"), stops.get(0).reason());
            List<EvaluationCurveRecords.Point> points = platform.records.evaluationCurves().points(loser);
            assertTrue(points.stream().anyMatch(p -> p.step() == FIRST_RUNG), points.toString());
            List<ArtifactRow> checkpoints = platform.records.artifacts().listByRun(loser).stream()
                    .filter(a -> a.kind() == ArtifactKind.CHECKPOINT).toList();
            assertTrue(checkpoints.stream().anyMatch(a -> a.path().endsWith("checkpoints/best")), checkpoints.toString());
            for (ArtifactRow a : checkpoints) {
                assertTrue(Files.exists(platform.records.store().resolve(a.path())), a.path());
            }
            assertTrue(platform.records.results().list(loser).isEmpty(), "no final evaluation for a stopped run");
        }
        // (a loser judged while its worker was being killed trains on until its retried attempt hears of the
        // stop in a heartbeat's answer, so steps are not bounded per run here, only in total)
        assertTrue(spent < 9 * STEPS, "ASHA spent " + spent + " steps, the full grid " + 9 * STEPS);

        // in the experiment's history: exactly one stop signal per loser, although a worker died mid-sweep
        List<HistoryEvent> history = platform.client.client().fetchHistory(WorkflowIds.experiment(id)).getEvents();
        List<String> stopped = history.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)
                .filter(e -> e.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getSignalName().equals("stopEarly"))
                .map(e -> e.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getWorkflowExecution().getWorkflowId())
                .sorted().toList();
        assertEquals(losers.stream().map(WorkflowIds::run).sorted().toList(), stopped);
    }

    /**
     * The median rule on the same designed case: the winner trains first and alone (no other run at its
     * steps, so it is never judged worse); each loser is worse than the median of the runs before it at
     * the same step (at the first judged step, or, for the third, whose figure ties the other losers'
     * median there, at the next one, where only the winner's figure is judged), so all three stop.
     */
    @Test
    void theMedianRuleStopsTheDesignedLosersAndTheWinnerTrainsItsBudget() throws Exception {
        String yaml = """
                name: median
                description: early stopping platform test, median rule
                tags: [test]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: %d, batch: 4, seed: 1, log_every: 10, checkpoint_every_steps: 20, keep_last: 1}
                evaluation: {triplets: 20, seed: 1, pool: all, every_steps: 20, training_triplets: 10, keep_best: true}
                sweep:
                  grid: {training: {lr: [1.0e-3, 1.0e-12, 2.0e-12, 3.0e-12]}}
                  max_parallel: 1
                  early_stopping: {method: median, metric: E_rec, mode: min, min_steps: %d}
                """.formatted(STEPS, FIRST_RUNG);
        ExperimentSubmitter submitter = new ExperimentSubmitter(platform.client.client(), platform.records.experiments(),
                new ExperimentSubmitter.Options(HEARTBEAT_TIMEOUT_SECONDS, 5));
        platform.startWorkerProcess("median-a");
        String id = submitter.submit(yaml, "median.yaml", Map.of(), "platform-test").experimentId();
        String winner = id + "-r0000";
        List<String> losers = List.of(id + "-r0001", id + "-r0002", id + "-r0003");
        long spent = awaitSuccessWithTheWinnersBudget(id, winner, "median-a");
        for (String loser : losers) {
            RunRow r = platform.records.runs().find(loser).orElseThrow();
            assertEquals(RunStatus.STOPPED_EARLY, r.status(), loser);
            assertTrue(r.lastStep() >= FIRST_RUNG && r.lastStep() < STEPS, loser + " stopped at " + r.lastStep());
            spent += r.lastStep();
            List<EventRow> stops = platform.records.events().listByRun(loser).stream()
                    .filter(e -> e.status() == RunStatus.STOPPED_EARLY).toList();
            assertEquals(1, stops.size(), stops.toString());
            assertTrue(stops.get(0).reason().contains("(median rule)") && stops.get(0).reason().contains(": E_rec "), stops.get(0).reason());
            assertTrue(platform.records.results().list(loser).isEmpty(), "no final evaluation for a stopped run");
        }
        assertTrue(spent < 4 * STEPS, "the median rule spent " + spent + " steps, the full grid " + 4 * STEPS);

        // what the dashboard reads: each loser stopped at a judged step, on a figure worse than its cut-off (the median)
        SweepRungs.Answer rungs = new SweepRungs(platform.records.db()).read(id);
        assertEquals("median", rungs.rule().method());
        for (SweepRungs.Run run : rungs.runs()) {
            if (run.id().equals(winner)) {
                assertNull(run.stopped());
                assertTrue(run.rungs().stream().noneMatch(SweepRungs.Cell::stopped), run.toString());
                continue;
            }
            SweepRungs.Stop stop = run.stopped();
            assertTrue(stop != null && stop.step() >= FIRST_RUNG && stop.step() < STEPS, run.toString());
            assertTrue(stop.cutoff() != null && stop.value() != null && stop.value() > stop.cutoff(), run.toString());
        }
        assertEquals(4 * STEPS - spent, rungs.steps().savedByStopping());
    }

    /**
     * Waits for the experiment to end, requires it succeeded (else fails with its events and the worker's log)
     * and agreeing with Temporal, and its winner to have trained its whole budget and been evaluated.
     *
     * @return the winner's steps
     */
    private static long awaitSuccessWithTheWinnersBudget(String id, String winner, String workerLog) throws InterruptedException {
        PlatformFixture.await("the experiment to end", LONG, () -> platform.records.experiments().find(id).orElseThrow()
                .status().isTerminal());
        assertEquals(ExperimentStatus.SUCCEEDED, platform.records.experiments().find(id).orElseThrow().status(),
                () -> "events: " + platform.records.events().listByExperiment(id).stream().map(e -> e.runId() + " " + e.status() + ": "
                        + e.reason()).toList() + "\n" + workerLog + ":\n" + platform.log(workerLog));
        platform.assertRecordsAgreeWithTemporal(id);
        RunRow w = platform.records.runs().find(winner).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, w.status());
        assertEquals(STEPS, w.lastStep());
        assertTrue(platform.records.results().list(winner).stream().anyMatch(r -> r.metric().equals("e_rec")));
        return w.lastStep();
    }

    private static RunStatus status(String runId) {
        return platform.records.runs().find(runId).map(RunRow::status).orElse(null);
    }

    private static boolean failed(String experimentId, String log) {
        if (platform.records.experiments().find(experimentId).orElseThrow().status().isTerminal()) {
            throw new AssertionError("experiment ended before the first loser stopped: "
                    + platform.records.events().listByExperiment(experimentId).stream().map(e -> e.runId() + " " + e.status() + ": "
                    + e.reason()).toList() + "\n" + platform.log(log));
        }
        return false;
    }
}
