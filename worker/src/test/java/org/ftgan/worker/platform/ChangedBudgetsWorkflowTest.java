package org.ftgan.worker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.CurvePoint;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.EventRow;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;
import org.ftgan.workflows.ActionRefusedException;
import org.ftgan.workflows.ExperimentActions;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets changed after submission (issue 17, item 3), on the real Temporal dev server and PostgreSQL:
 * ended runs continued to a larger step budget reproduce, bit for bit, the curves and figures of runs
 * trained to that budget at once; and raising a running experiment's max_parallel starts a queued run
 * at once. The comparisons are between runs trained in this test on this machine, never against
 * stored numbers.
 */
class ChangedBudgetsWorkflowTest {
    private static final Duration LONG = Duration.ofMinutes(6);
    private static final long FIRST_BUDGET = 55;
    private static final long NEW_BUDGET = 110;

    @TempDir
    static Path dir;
    static PlatformFixture platform;
    static ExperimentActions actions;

    @BeforeAll
    static void start() throws Exception {
        platform = new PlatformFixture(dir);
        platform.startWorker(2);
        actions = new ExperimentActions(platform.submitter, platform.records);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            WorkflowHistoryRecorder.recordIfAsked(platform.client.client());
            platform.close();
        }
    }

    /**
     * Two runs from the same initialization: a winner (working learning rate) and a designed loser (a
     * learning rate too small to move the weights) that ASHA stops at its first rung. Both are continued
     * from 55 steps (a budget that ends inside a log interval) and from the loser's stop to 110, and
     * compared with the same two runs trained to 110 in another experiment.
     */
    @Test
    void runsContinuedToALargerBudgetReproduceTheUninterruptedRunsBitForBit() throws Exception {
        String common = """
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: %d, batch: 4, seed: 1, log_every: 10, checkpoint_every_steps: 20, keep_last: 1}
                evaluation: {triplets: 20, seed: 1, pool: all, every_steps: 20, training_triplets: 10, keep_best: true}
                """;
        String continued = platform.submit("name: continued\ndescription: first leg\ntags: [test]\n"
                + common.formatted(FIRST_BUDGET) + """
                sweep:
                  grid: {training: {lr: [1.0e-3, 1.0e-12]}}
                  max_parallel: 1
                  early_stopping: {method: asha, metric: E_rec, mode: min, min_steps: 20, reduction_factor: 2}
                """);
        String straight = platform.submit("name: straight\ndescription: trained at once\ntags: [test]\n"
                + common.formatted(NEW_BUDGET) + """
                sweep:
                  grid: {training: {lr: [1.0e-3, 1.0e-12]}}
                  max_parallel: 1
                """);
        awaitEnd(continued);
        String winner = continued + "-r0000";
        String loser = continued + "-r0001";
        assertEquals(RunStatus.SUCCEEDED, status(winner));
        assertEquals(RunStatus.STOPPED_EARLY, status(loser));
        long stoppedAt = platform.records.runs().find(loser).orElseThrow().lastStep();
        assertTrue(stoppedAt >= 20 && stoppedAt < FIRST_BUDGET, "the loser stopped at " + stoppedAt);

        // refused, and nothing queued: a budget the run has reached, a run of another experiment
        ActionRefusedException reached = assertThrows(ActionRefusedException.class,
                () -> actions.continueRuns(continued, FIRST_BUDGET, List.of(winner), null, null));
        assertTrue(reached.getMessage().contains(winner) && reached.getMessage().contains("trained 55 steps"), reached.getMessage());
        ActionRefusedException foreign = assertThrows(ActionRefusedException.class,
                () -> actions.continueRuns(continued, NEW_BUDGET, List.of(straight + "-r0000"), null, null));
        assertEquals(ActionRefusedException.Reason.NOT_FOUND, foreign.reason());
        assertEquals(RunStatus.SUCCEEDED, status(winner));

        ExperimentActions.Continuation c = actions.continueRuns(continued, NEW_BUDGET, List.of(winner, loser), null, null);
        assertEquals(List.of(winner, loser), c.runIds());
        awaitWorkflow(continued);
        awaitEnd(straight);
        assertEquals(ExperimentStatus.SUCCEEDED, platform.records.experiments().find(continued).orElseThrow().status());
        platform.assertRecordsAgreeWithTemporal(continued);

        for (int i = 0; i < 2; i++) {
            assertContinuedEqualsStraight(platform.records.runs().find(straight + "-r000" + i).orElseThrow(),
                    platform.records.runs().find(continued + "-r000" + i).orElseThrow(), NEW_BUDGET);
        }
        // the continued leg's events are recorded, its attempts numbered on from the first leg's
        List<EventRow> loserEvents = platform.records.events().listByRun(loser);
        List<String> after = loserEvents.stream().dropWhile(e -> e.status() != RunStatus.STOPPED_EARLY)
                .map(e -> e.status().dbName()).toList();
        // started, then resumed from the checkpoint of its stop
        assertEquals(List.of("stopped_early", "queued", "running", "running", "evaluating", "succeeded"), after,
                loserEvents.toString());
        int firstLegAttempt = loserEvents.stream().filter(e -> e.status() == RunStatus.STOPPED_EARLY).findFirst().orElseThrow()
                .attempt();
        assertEquals(firstLegAttempt + 1, platform.records.runs().find(loser).orElseThrow().attempt());
        assertTrue(loserEvents.stream().anyMatch(e -> e.status() == RunStatus.QUEUED && e.reason().contains("continued to 110")));
    }

    /**
     * A run continued while its sweep still runs (a sibling trains on): the request is refused for the
     * sibling, which has not ended; the ended run is queued again, takes the next free slot, trains to the
     * new budget and equals, bit for bit, the sweep's third run, trained to that budget at once. The
     * experiment counts it once, with its new outcome.
     */
    @Test
    void aRunContinuedWhileItsSweepRunsEqualsARunTrainedToThatBudgetAtOnce() throws Exception {
        // r0000 trains 40 steps, r0001 until it is cancelled, r0002 80 steps (it takes r0000's slot)
        String id = platform.submit("""
                name: continued-while-running
                description: a run continued while a sibling trains
                tags: [test]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: 40, batch: 4, seed: 1, log_every: 10, checkpoint_every_steps: 20, keep_last: 1}
                evaluation: {triplets: 20, seed: 1, pool: all, every_steps: 20, training_triplets: 10, keep_best: true}
                sweep:
                  grid: {training: {steps: [40, 1000000, 80]}}
                  max_parallel: 2
                """);
        String first = id + "-r0000";
        String sibling = id + "-r0001";
        String straight = id + "-r0002";
        PlatformFixture.await("the first run to end", LONG, () -> status(first) == RunStatus.SUCCEEDED);
        ActionRefusedException notEnded = assertThrows(ActionRefusedException.class,
                () -> actions.continueRuns(id, 80, List.of(sibling), null, null));
        assertTrue(notEnded.getMessage().contains(sibling) && notEnded.getMessage().contains("has not ended"), notEnded.getMessage());

        ExperimentActions.Continuation c = actions.continueRuns(id, 80, List.of(first), null, null);
        assertEquals(List.of(first), c.runIds());
        PlatformFixture.await("the continued run to reach 80 steps", LONG, () -> {
            RunRow r = platform.records.runs().find(first).orElseThrow();
            return r.status() == RunStatus.SUCCEEDED && r.lastStep() == 80;
        });
        assertTrue(!platform.records.experiments().find(id).orElseThrow().status().isTerminal(), "the sibling still trains");
        PlatformFixture.await("the straight run to end", LONG, () -> status(straight) == RunStatus.SUCCEEDED);
        actions.cancelRun(sibling);
        awaitWorkflow(id);

        var experiment = platform.records.experiments().find(id).orElseThrow();
        // counted once, as succeeded; the cancelled sibling makes the experiment failed, as always
        assertEquals(ExperimentStatus.FAILED, experiment.status());
        List<EventRow> events = platform.records.events().listByExperiment(id);
        assertTrue(events.stream().anyMatch(e -> e.runId() == null && "2 succeeded, 0 failed, 1 cancelled of 3 runs".equals(e.reason())),
                events.toString());
        platform.assertRecordsAgreeWithTemporal(id);
        assertContinuedEqualsStraight(platform.records.runs().find(straight).orElseThrow(),
                platform.records.runs().find(first).orElseThrow(), 80);
        assertTrue(platform.records.events().listByRun(first).stream().anyMatch(e -> e.status() == RunStatus.QUEUED
                && e.reason().contains("continued to 80 steps") && e.reason().contains("while the experiment ran")));

        // one execution of the experiment's workflow did it all: it started r0000's run workflow twice
        // (the second time in the first free slot: before r0002 when the request came first, else after it)
        List<HistoryEvent> history = platform.client.client().fetchHistory(WorkflowIds.experiment(id)).getEvents();
        List<Long> firstStarts = history.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED
                && e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId().equals(WorkflowIds.run(first)))
                .map(HistoryEvent::getEventId).toList();
        assertEquals(2, firstStarts.size(), "starts of " + first);
        assertTrue(history.stream().noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW));
    }

    @Test
    void raisingMaxParallelStartsAQueuedRunWhileTheFirstStillTrains() throws Exception {
        // long enough that the first run trains for minutes: the raise reaches the workflow long before it ends
        String id = platform.submit("""
                name: parallel
                description: max_parallel raised while it runs
                tags: [test]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: 20000, batch: 4, seed: 1, log_every: 50}
                evaluation: {every_steps: 0}
                sweep:
                  grid: {training: {lr: [1.0e-3, 2.0e-3, 3.0e-3]}}
                  max_parallel: 1
                """);
        String first = id + "-r0000";
        String second = id + "-r0001";
        PlatformFixture.await("the first run to train", LONG, () -> status(first) == RunStatus.RUNNING);
        assertEquals(RunStatus.QUEUED, status(second));
        actions.setMaxParallel(id, 2, "test");
        PlatformFixture.await("the second run to start", LONG, () -> status(second) != RunStatus.QUEUED);
        actions.cancelExperiment(id);
        awaitWorkflow(id);

        // in the history, the second run started before the first ended, and the third never started
        List<HistoryEvent> history = platform.client.client().fetchHistory(WorkflowIds.experiment(id)).getEvents();
        long secondStarted = firstEventId(history, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, second);
        long firstEnded = history.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED
                || e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED
                || e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED).mapToLong(HistoryEvent::getEventId)
                .min().orElse(Long.MAX_VALUE);
        assertTrue(secondStarted < firstEnded, "second run started at event " + secondStarted + ", first ended at " + firstEnded);
        assertEquals(RunStatus.CANCELLED, status(id + "-r0002"));
        assertTrue(platform.records.events().listByExperiment(id).stream()
                .anyMatch(e -> e.runId() == null && e.reason() != null && e.reason().equals("max_parallel set to 2 by test")));
        // an ended experiment's parallelism is refused
        assertThrows(ActionRefusedException.class, () -> actions.setMaxParallel(id, 3, "test"));
    }

    /**
     * Run {@code b}, continued to {@code budget} steps, has run {@code a}'s config (trained to that budget at
     * once) and the same bits: every loss mean, every figure during training and the final evaluation.
     */
    private static void assertContinuedEqualsStraight(RunRow a, RunRow b, long budget) {
        assertEquals(RunStatus.SUCCEEDED, b.status(), b.id());
        assertEquals(budget, b.lastStep());
        assertEquals(budget, b.totalSteps());
        assertEquals(budget, b.config().path("training").path("steps").asLong());
        assertEquals(a.configHash(), b.configHash(), "the continued run's config is the straight run's");

        // every point of the straight curve is in the continued one, with the same bits
        Map<Long, CurvePoint> legs = byStep(platform.records.curves().points(b.id()));
        List<CurvePoint> once = platform.records.curves().points(a.id());
        assertEquals(budget / 10, once.size());
        for (CurvePoint p : once) {
            CurvePoint q = legs.get(p.step());
            assertTrue(q != null, b.id() + " has no loss point at step " + p.step() + ": " + legs.keySet());
            assertEquals(p.terms(), q.terms(), b.id() + " loss means at step " + p.step());
        }
        List<EvaluationCurveRecords.Point> evaluatedOnce = platform.records.evaluationCurves().points(a.id());
        Map<Long, EvaluationCurveRecords.Point> evaluatedInLegs = new TreeMap<>();
        platform.records.evaluationCurves().points(b.id()).forEach(p -> evaluatedInLegs.put(p.step(), p));
        assertEquals(evaluatedOnce.stream().map(EvaluationCurveRecords.Point::step).toList(), List.copyOf(evaluatedInLegs.keySet()));
        for (EvaluationCurveRecords.Point p : evaluatedOnce) {
            EvaluationCurveRecords.Point q = evaluatedInLegs.get(p.step());
            assertEquals(List.of(p.reconstruction(), p.identityDecomposition(), p.neutralization(), p.transfer()),
                    List.of(q.reconstruction(), q.identityDecomposition(), q.neutralization(), q.transfer()),
                    b.id() + " evaluation at step " + p.step());
        }
        // and the final evaluation of the same weights gives the same figures
        assertEquals(sorted(platform.records.results().list(a.id())), sorted(platform.records.results().list(b.id())), b.id());
    }

    private static long firstEventId(List<HistoryEvent> history, EventType type, String runId) {
        return history.stream().filter(e -> e.getEventType() == type)
                .filter(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId().equals(WorkflowIds.run(runId)))
                .mapToLong(HistoryEvent::getEventId).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " for " + runId));
    }

    private static Map<Long, CurvePoint> byStep(List<CurvePoint> points) {
        Map<Long, CurvePoint> out = new TreeMap<>();
        points.forEach(p -> out.put(p.step(), p));
        return out;
    }

    private static List<String> sorted(List<ResultRow> rows) {
        return rows.stream().map(ResultRow::toString).sorted().toList();
    }

    private static RunStatus status(String runId) {
        return platform.records.runs().find(runId).map(RunRow::status).orElse(null);
    }

    private static void awaitEnd(String experimentId) throws InterruptedException {
        PlatformFixture.await("experiment " + experimentId + " to end", LONG,
                () -> platform.records.experiments().find(experimentId).orElseThrow().status().isTerminal());
    }

    /** Waits for the experiment's latest workflow execution (a continuation's) to close. */
    private static void awaitWorkflow(String experimentId) {
        try {
            platform.client.client().newUntypedWorkflowStub(WorkflowIds.experiment(experimentId))
                    .getResult(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS, ExperimentStatus.class);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("experiment " + experimentId + "'s workflow did not close in " + LONG, e);
        } catch (RuntimeException cancelled) {
            // a cancelled experiment's workflow ends cancelled: closed all the same
        }
    }
}
