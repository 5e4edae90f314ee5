package org.ftgan.worker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ftgan.definition.InvalidDefinitionException;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.ArtifactKind;
import org.ftgan.records.ArtifactRow;
import org.ftgan.records.CurvePoint;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.EventRow;
import org.ftgan.records.ExperimentRow;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;
import org.ftgan.worker.PlatformWorker;
import org.ftgan.worker.StartRefusedException;
import org.ftgan.workflows.ExperimentSubmitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform end to end on real components: embedded PostgreSQL, the real Temporal dev server,
 * workers in this JVM and in their own processes, on a tiny synthetic experiment.
 */
class PlatformWorkflowTest {
    private static final Duration LONG = Duration.ofMinutes(4);

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

    /** A tiny experiment named {@code name}: the tiny network, ~650 vertices, {@code steps} steps per run. */
    static String definition(String name, String training, String sweep) {
        return definition(name, training, sweep, "every_steps: 0");
    }

    /** As above, with {@code evaluation} added to the evaluation section (e.g. evaluation during training). */
    static String definition(String name, String training, String sweep, String evaluation) {
        return """
                name: %s
                description: platform test
                tags: [test]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {%s}
                evaluation: {triplets: 20, seed: 1, pool: all, %s}
                %s
                """.formatted(name, training, evaluation, sweep);
    }

    private static ExperimentRow experiment(String id) {
        return platform.records.experiments().find(id).orElseThrow();
    }

    private static void awaitExperiment(String id, ExperimentStatus status) throws InterruptedException {
        PlatformFixture.await("experiment " + id + " to be " + status, LONG, () -> {
            ExperimentStatus s = experiment(id).status();
            if (s.isTerminal() && s != status) {
                throw new AssertionError("experiment " + id + " ended " + s + ", expected " + status + "; events: "
                        + platform.records.events().listByExperiment(id).stream().map(e -> e.status() + ": " + e.reason()).toList());
            }
            return s == status;
        });
    }

    @Test
    void aTwoRunSweepCompletesWithEveryRowInPlaceAndASecondSubmissionRunsNothing() throws Exception {
        String yaml = definition("sweep-two", "steps: 20, batch: 4, seed: 1, log_every: 5, checkpoint_every_steps: 10, keep_last: 1",
                "sweep: {grid: {training: {seed: [1, 2]}}, max_parallel: 2}", "every_steps: 10, training_triplets: 10");
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = platform.submit(yaml);
            awaitExperiment(id, ExperimentStatus.SUCCEEDED);

            ExperimentRow e = experiment(id);
            assertEquals(2, e.runCount());
            assertNotNull(e.datasetHash());
            List<RunRow> runs = platform.records.runs().listByExperiment(id);
            assertEquals(2, runs.size());
            for (RunRow run : runs) {
                assertEquals(RunStatus.SUCCEEDED, run.status(), run.id());
                assertEquals(1, run.attempt());
                assertEquals(e.datasetHash(), run.datasetHash());
                assertEquals(e.definitionHash(), run.definitionHash());
                assertFalse(run.codeVersion().isBlank());
                assertEquals(20L, run.lastStep());
                List<Long> steps = platform.records.curves().points(run.id()).stream().map(CurvePoint::step).toList();
                assertEquals(List.of(5L, 10L, 15L, 20L), steps);
                List<ResultRow> results = platform.records.results().list(run.id());
                Set<String> overall = results.stream().filter(r -> r.expression().isEmpty())
                        .map(r -> r.metric() + "/" + r.method()).collect(Collectors.toSet());
                assertTrue(overall.containsAll(Set.of("e_rec/facetunegan", "e_neu/facetunegan", "e_transfer/facetunegan",
                        "e_transfer/blendshape")), overall.toString());
                Set<ArtifactKind> kinds = platform.records.artifacts().listByRun(run.id()).stream()
                        .map(ArtifactRow::kind).collect(Collectors.toSet());
                assertTrue(kinds.containsAll(Set.of(ArtifactKind.CHECKPOINT, ArtifactKind.EVALUATION)), kinds.toString());
                for (ArtifactRow a : platform.records.artifacts().listByRun(run.id())) {
                    assertTrue(Files.exists(platform.records.store().resolve(a.path())), a.path());
                }
                // checkpoints at 10 and 20 (keep_last 1): the pruned one's row is gone too; the best state stays
                List<String> checkpoints = platform.records.artifacts().listByRun(run.id()).stream()
                        .filter(a -> a.kind() == ArtifactKind.CHECKPOINT).map(ArtifactRow::path).sorted().toList();
                assertEquals(2, checkpoints.size(), checkpoints.toString());
                assertTrue(checkpoints.get(0).endsWith("checkpoints/best"), checkpoints.toString());
                // evaluation during training at steps 10 and 20, stored beside the loss curve
                List<EvaluationCurveRecords.Point> evaluated = platform.records.evaluationCurves().points(run.id());
                assertEquals(List.of(10L, 20L), evaluated.stream().map(EvaluationCurveRecords.Point::step).toList());
                assertTrue(evaluated.get(1).transfer() > 0 && evaluated.get(1).blendshape() > 0, evaluated.toString());
            }
            assertEquals(1L, runs.stream().filter(r -> r.seed() == 2).count(), "the sweep's seeds reach the runs");
            Set<ArtifactKind> experimentKinds = platform.records.artifacts().listByExperiment(id).stream()
                    .map(ArtifactRow::kind).collect(Collectors.toSet());
            assertTrue(experimentKinds.containsAll(Set.of(ArtifactKind.DATASET, ArtifactKind.REPORT)), experimentKinds.toString());
            String report = Files.readString(platform.records.store().resolve("experiments/" + id + "/report.md"));
            assertTrue(report.contains("r0000") && report.contains("r0001"), report);

            int events = platform.records.events().listByExperiment(id).size();
            ExperimentSubmitter.Submission again = platform.submitter.submit(yaml, "again", Map.of(), "platform-test");
            assertEquals(id, again.experimentId());
            assertTrue(again.alreadySubmitted());
            Thread.sleep(1000);
            assertEquals(events, platform.records.events().listByExperiment(id).size(), "nothing ran again");
            assertEquals(2, platform.records.runs().listByExperiment(id).size());
        }
    }

    /**
     * A sweep longer than one workflow execution continues as new (here after 2 runs, the input's
     * runsPerExecution, instead of 200) and ends as one experiment: the tallies and the plan cross the
     * boundary. Its histories, both executions, are replayed by WorkflowReplayTest.
     */
    @Test
    void aSweepLongerThanOneExecutionContinuesAsNewAndEndsAsOneExperiment() throws Exception {
        String yaml = definition("continued", "steps: 4, batch: 4, seed: 1, log_every: 2, checkpoint_every_steps: 4, keep_last: 1",
                "sweep: {grid: {training: {seed: [1, 2, 3]}}, max_parallel: 2}");
        ExperimentSubmitter shortExecutions = new ExperimentSubmitter(platform.client.client(), platform.records.experiments(),
                new ExperimentSubmitter.Options(PlatformFixture.HEARTBEAT_TIMEOUT_SECONDS, 5, 2));
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = shortExecutions.submit(yaml, "test definition", Map.of(), "platform-test").experimentId();
            awaitExperiment(id, ExperimentStatus.SUCCEEDED);
            List<RunRow> runs = platform.records.runs().listByExperiment(id);
            assertEquals(3, runs.size());
            for (RunRow run : runs) {
                assertEquals(RunStatus.SUCCEEDED, run.status(), run.id());
                assertEquals(1, run.attempt(), run.id());
            }
            String ended = platform.records.events().listByExperiment(id).stream().filter(e -> e.runId() == null)
                    .map(EventRow::reason).filter(r -> r != null && r.contains(" of 3 runs")).findFirst().orElseThrow();
            assertEquals("3 succeeded, 0 failed, 0 cancelled of 3 runs", ended);
            platform.assertRecordsAgreeWithTemporal(id);
            // two executions of the experiment's workflow: the first continued as new after its 2 runs
            String workflowId = org.ftgan.workflows.experiment.WorkflowIds.experiment(id);
            List<io.temporal.api.enums.v1.WorkflowExecutionStatus> executions = platform.client.client()
                    .listExecutions("WorkflowId = '" + workflowId + "'")
                    .map(io.temporal.client.WorkflowExecutionMetadata::getStatus).sorted().toList();
            assertEquals(List.of(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
                    io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW), executions);
        }
    }

    @Test
    void invalidDefinitionsAreRejectedWithTheirPathsAndNothingIsStored() {
        String yaml = definition("bad-one", "steps: 20, batch: 4, seed: 1, log_evry: 5",
                "sweep: {grid: {loss: {lambda_srec: [0.5, 1.0, \"x\"]}}}");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> platform.submit(yaml));
        String all = String.join("\n", e.report().lines());
        assertTrue(all.contains("sweep.grid.loss.lambda_srec[2]"), all);
        assertTrue(all.contains("training.log_evry") && all.contains("log_every"), all);
        assertTrue(platform.records.experiments().listRecent(1000).stream().noneMatch(x -> x.name().equals("bad-one")));
    }

    @Test
    void aDivergingRunIsMarkedFailedWithItsReasonAndIsNotRetried() throws Exception {
        // Divergence forced the same way on every CPU: any loss of an untrained network exceeds 1e-6 at
        // step 1 (an lr that makes NaN at some step depends on the float trajectory, which differs
        // between machines); the threshold raises the same non-retryable failure as NaN does.
        String yaml = definition("diverging", "steps: 40, batch: 4, seed: 11, log_every: 5, divergence_threshold: 1.0e-6", "");
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = platform.submit(yaml);
            awaitExperiment(id, ExperimentStatus.FAILED);
            RunRow run = platform.records.runs().listByExperiment(id).get(0);
            assertEquals(RunStatus.FAILED, run.status());
            assertEquals(1, run.attempt(), "divergence is not retried");
            assertTrue(run.failureReason().contains("diverged at step 1") && run.failureReason().contains("divergence_threshold"),
                    run.failureReason());
        }
    }

    @Test
    void cancellingAnExperimentStopsItsRunAfterACheckpoint() throws Exception {
        String yaml = definition("cancelled", "steps: 100000, batch: 4, seed: 1, log_every: 5, checkpoint_every_steps: 1000", "");
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = platform.submit(yaml);
            String runId = id + "-r0000";
            PlatformFixture.await("training to log", LONG, () -> platform.records.curves().count(runId) >= 2);
            platform.submitter.cancelExperiment(id);
            awaitExperiment(id, ExperimentStatus.CANCELLED);
            RunRow run = platform.records.runs().find(runId).orElseThrow();
            assertEquals(RunStatus.CANCELLED, run.status());
            assertNotNull(run.lastCheckpoint(), "training checkpointed before it stopped");
            assertTrue(Files.isDirectory(platform.records.store().resolve(run.lastCheckpoint())), run.lastCheckpoint());
            assertTrue(run.lastStep() < 100000);
        }
    }

    @Test
    void cancellingAnExperimentWithAQueuedRunEndsEveryRecordAsTemporalDoes() throws Exception {
        // the second run is queued (never started, attempt 0) when the experiment is cancelled
        String yaml = definition("cancel-queued", "steps: 100000, batch: 4, seed: 1, log_every: 5, checkpoint_every_steps: 1000",
                "sweep: {grid: {training: {seed: [1, 2]}}, max_parallel: 1}");
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = platform.submit(yaml);
            PlatformFixture.await("training to log", LONG, () -> platform.records.curves().count(id + "-r0000") >= 2);
            platform.submitter.cancelExperiment(id);
            awaitExperiment(id, ExperimentStatus.CANCELLED);
            PlatformFixture.await("every run to end", LONG, () -> platform.records.runs()
                    .listByExperiment(id).stream().allMatch(r -> r.status().isTerminal()));
            assertEquals(List.of(RunStatus.CANCELLED, RunStatus.CANCELLED), platform.records.runs().listByExperiment(id)
                    .stream().map(RunRow::status).toList());
            platform.assertRecordsAgreeWithTemporal(id);
        }
    }

    @Test
    void cancellingAnExperimentWhileItsRunEvaluatesStopsTheEvaluationAndStoresNothingOfIt() throws Exception {
        // a million triplets: far longer than this test waits on any machine, so only the cancellation
        // can end the evaluation in time; it ends at the next batch after a heartbeat brings it
        String yaml = definition("cancel-evaluating", "steps: 10, batch: 4, seed: 1, log_every: 5", "")
                .replace("triplets: 20,", "triplets: 1000000,");
        assertTrue(yaml.contains("triplets: 1000000,"), yaml);
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = platform.submit(yaml);
            String runId = id + "-r0000";
            String workflowId = org.ftgan.workflows.experiment.WorkflowIds.run(runId);
            Pattern batches = Pattern.compile("(\\d+) batches");
            // the evaluation activity runs and has reported batches done through its heartbeat
            PlatformFixture.await("the evaluation to heartbeat its progress", LONG, () -> platform
                    .heartbeatDetails(workflowId, "Evaluate").map(batches::matcher)
                    .filter(m -> m.find() && Long.parseLong(m.group(1)) > 0).isPresent());
            assertEquals(RunStatus.EVALUATING, platform.records.runs().find(runId).orElseThrow().status());

            platform.submitter.cancelExperiment(id);
            awaitExperiment(id, ExperimentStatus.CANCELLED);

            // the run's workflow ended after its evaluation activity did, and that activity ended as
            // cancelled (the SDK reports it only once the activity method has returned), not completed
            List<io.temporal.api.history.v1.HistoryEvent> history = platform.client.client().fetchHistory(workflowId)
                    .getEvents();
            Map<Long, String> scheduled = history.stream()
                    .filter(e -> e.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                    .collect(Collectors.toMap(io.temporal.api.history.v1.HistoryEvent::getEventId,
                            e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()));
            List<String> evaluateEnds = history.stream().map(e -> switch (e.getEventType()) {
                case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> scheduled.get(e.getActivityTaskCompletedEventAttributes()
                        .getScheduledEventId()) + " completed";
                case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> scheduled.get(e.getActivityTaskCanceledEventAttributes()
                        .getScheduledEventId()) + " cancelled";
                case EVENT_TYPE_ACTIVITY_TASK_FAILED -> scheduled.get(e.getActivityTaskFailedEventAttributes()
                        .getScheduledEventId()) + " failed";
                case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> scheduled.get(e.getActivityTaskTimedOutEventAttributes()
                        .getScheduledEventId()) + " timed out";
                default -> "";
            }).filter(x -> x.startsWith("Evaluate")).toList();
            assertEquals(List.of("Evaluate cancelled"), evaluateEnds);

            RunRow run = platform.records.runs().find(runId).orElseThrow();
            assertEquals(RunStatus.CANCELLED, run.status());
            assertEquals(1, run.attempt(), () -> "one attempt; the run's events: " + platform.records.events().listByRun(runId)
                    .stream().map(e -> e.status() + " (attempt " + e.attempt() + ", " + e.worker() + "): " + e.reason()).toList());
            assertTrue(platform.records.results().list(runId).isEmpty(), "no figures of a stopped evaluation");
            Set<ArtifactKind> kinds = platform.records.artifacts().listByRun(runId).stream().map(ArtifactRow::kind)
                    .collect(Collectors.toSet());
            assertFalse(kinds.contains(ArtifactKind.EVALUATION) || kinds.contains(ArtifactKind.ERROR_MAP), kinds.toString());
            assertFalse(Files.exists(platform.records.store().runDir(runId).resolve("evaluation.json")));
            List<String> statuses = platform.records.events().listByRun(runId).stream().map(e -> e.status().dbName()).toList();
            assertEquals("cancelled", statuses.get(statuses.size() - 1), statuses.toString());
            assertTrue(statuses.contains("evaluating"), statuses.toString());
            platform.assertRecordsAgreeWithTemporal(id);
        }
    }

    @Test
    void cancellingAQueuedRunRecordsItCancelledItNeverStartsAndTheSweepGoesOn() throws Exception {
        // r0000 trains until cancelled, so r0001 (max_parallel 1) is certainly still queued when it is cancelled
        String yaml = definition("cancel-one-queued", "steps: 20, batch: 4, seed: 1, log_every: 5, checkpoint_every_steps: 1000",
                "sweep: {grid: {training: {steps: [100000, 20, 21]}}, max_parallel: 1}");
        org.ftgan.workflows.ExperimentActions actions = new org.ftgan.workflows.ExperimentActions(platform.submitter, platform.records);
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = platform.submit(yaml);
            String first = id + "-r0000";
            String queued = id + "-r0001";
            PlatformFixture.await("the first run to train", LONG, () -> platform.records.curves().count(first) >= 1);
            assertEquals(RunStatus.QUEUED, platform.records.runs().find(queued).orElseThrow().status());

            actions.cancelRun(queued);
            PlatformFixture.await("the queued run to be recorded cancelled", LONG, () ->
                    platform.records.runs().find(queued).orElseThrow().status() == RunStatus.CANCELLED);
            assertEquals(RunStatus.RUNNING, platform.records.runs().find(first).orElseThrow().status(),
                    "its sibling goes on");
            org.ftgan.workflows.ActionRefusedException again = assertThrows(org.ftgan.workflows.ActionRefusedException.class,
                    () -> actions.cancelRun(queued));
            assertTrue(again.getMessage().contains("already ended (cancelled)"), again.getMessage());

            // the running one is cancelled on its own too: the sweep goes on with r0002, and r0001 never starts
            actions.cancelRun(first);
            PlatformFixture.await("the experiment to end", LONG, () -> experiment(id).status().isTerminal());
            Map<String, RunStatus> statuses = platform.records.runs().listByExperiment(id).stream()
                    .collect(Collectors.toMap(RunRow::id, RunRow::status));
            assertEquals(Map.of(first, RunStatus.CANCELLED, queued, RunStatus.CANCELLED, id + "-r0002", RunStatus.SUCCEEDED),
                    statuses);
            RunRow skipped = platform.records.runs().find(queued).orElseThrow();
            assertEquals(0, skipped.attempt(), "never started");
            assertTrue(platform.temporalStatus(org.ftgan.workflows.experiment.WorkflowIds.run(queued)).isEmpty(),
                    "no workflow was ever started for it");
            assertEquals(0, platform.records.curves().count(queued));
            List<EventRow> events = platform.records.events().listByRun(queued);
            assertEquals(List.of("cancelled"), events.stream().map(e -> e.status().dbName()).filter(st -> !st.equals("queued"))
                    .toList(), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.reason() != null && e.reason().contains("before it started")),
                    events.toString());
            String ended = platform.records.events().listByExperiment(id).stream().filter(e -> e.runId() == null)
                    .map(EventRow::reason).filter(r -> r != null && r.contains(" of 3 runs")).findFirst().orElseThrow();
            assertEquals("1 succeeded, 0 failed, 2 cancelled of 3 runs", ended);
            platform.assertRecordsAgreeWithTemporal(id);
        }
    }

    @Test
    void aRunWhoseDatasetVanishedFailsWithItsReasonAndTheRecordsAgreeWithTemporal() throws Exception {
        // a dataset of its own (synth seed 5), so that removing it leaves the other tests' alone
        String yaml = definition("dataset-gone", "steps: 20, batch: 4, seed: 1, log_every: 5", "")
                .replace("seed: 1}\nmodel", "seed: 5}\nmodel");
        assertTrue(yaml.contains("seed: 5}"), yaml);
        String id;
        String datasetPath;
        try (PlatformWorker cpuOnly = platform.startWorker(List.of("cpu"))) {
            id = platform.submit(yaml);
            awaitExperiment(id, ExperimentStatus.RUNNING);
            // the training activity waits on the gpu queue, which nobody polls yet: remove its dataset
            ArtifactRow dataset = platform.records.artifacts().listByExperiment(id).stream()
                    .filter(a -> a.kind() == ArtifactKind.DATASET).findFirst().orElseThrow();
            datasetPath = dataset.path();
            Path datasetDir = platform.records.store().resolve(datasetPath);
            try (var files = Files.walk(datasetDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            try (PlatformWorker gpu = platform.startWorker(List.of("gpu"))) {
                awaitExperiment(id, ExperimentStatus.FAILED);
            }
        }
        RunRow run = platform.records.runs().find(id + "-r0000").orElseThrow();
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(1, run.attempt(), "the attempt that failed is recorded, and it is not retried");
        // the row names the dataset's directory or a file in it
        assertTrue(run.failureReason().contains("the prepared dataset datasets/") && datasetPath.startsWith("datasets/"),
                run.failureReason() + " / " + datasetPath);
        platform.assertRecordsAgreeWithTemporal(id);
    }

    @Test
    void cancelMakesRecordsThatOutlivedTheirWorkflowAgreeWithTemporal() throws Exception {
        // the records say running, Temporal has nothing running (terminated there): cancel must still work
        String id = platform.submit(definition("stale", "steps: 20, batch: 4, seed: 1", ""));
        String runId = id + "-r0000";
        com.fasterxml.jackson.databind.node.ObjectNode config = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        platform.records.runs().insertIfAbsent(List.of(new org.ftgan.records.PlannedRun(runId, id, 0, "r0000", config, config,
                "c", "d", "ds", "v", 1, 20L)));
        platform.records.runs().markAttemptStarted(runId, 1, "gone-worker");
        platform.records.experiments().setStatus(id, ExperimentStatus.RUNNING, "planned");
        platform.client.client().newUntypedWorkflowStub(org.ftgan.workflows.experiment.WorkflowIds.experiment(id))
                .terminate("the test makes its records stale");

        new org.ftgan.workflows.ExperimentActions(platform.submitter, platform.records).cancelExperiment(id);

        assertEquals(ExperimentStatus.CANCELLED, experiment(id).status());
        assertNotNull(experiment(id).finishedAt());
        assertEquals(RunStatus.CANCELLED, platform.records.runs().find(runId).orElseThrow().status());
    }

    @Test
    void aWorkerWithAnotherArtifactStoreRefusesToStartNamingBoth() throws Exception {
        try (PlatformWorker ignored = platform.startWorker()) {
            // the platform's store is registered by its first worker
        }
        Path other = dir.resolve("other-artifacts");
        org.ftgan.worker.WorkerSettings s = platform.settings(List.of("cpu", "gpu"));
        org.ftgan.worker.WorkerSettings elsewhere = new org.ftgan.worker.WorkerSettings(s.temporalTarget(), s.namespace(),
                s.queues(), s.slots(), other, s.dbUrl(), s.dbUser(), s.dbPassword());
        StartRefusedException e = assertThrows(StartRefusedException.class, () -> PlatformWorker.start(elsewhere));
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains(dir.resolve("artifacts").toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("--artifacts"), e.getMessage());
        // the same store under another path (a mount) is the same store
        Path link = Files.createSymbolicLink(dir.resolve("artifacts-link"), dir.resolve("artifacts"));
        try (PlatformWorker sameStore = PlatformWorker.start(new org.ftgan.worker.WorkerSettings(s.temporalTarget(),
                s.namespace(), s.queues(), s.slots(), link, s.dbUrl(), s.dbUser(), s.dbPassword()))) {
            assertNotNull(sameStore.identity());
        }
    }

    @Test
    void aWorkerKilledMidTrainingIsReplacedAndTheRunResumesFromItsLastCheckpoint() throws Exception {
        int interval = 20;
        String yaml = definition("killed", "steps: 160, batch: 4, seed: 1, log_every: 5, checkpoint_every_steps: " + interval, "");
        Process first = platform.startWorkerProcess("worker-a");
        String id = platform.submit(yaml);
        String runId = id + "-r0000";
        PlatformFixture.await("the first worker to pass a checkpoint", LONG, () -> {
            RunRow r = platform.records.runs().find(runId).orElse(null);
            return r != null && r.lastStep() != null && r.lastStep() >= 2 * interval + 5;
        });
        first.destroyForcibly().waitFor();
        long loggedBeforeKill = platform.records.curves().lastStep(runId).orElseThrow();
        platform.startWorkerProcess("worker-b");
        try {
            awaitExperiment(id, ExperimentStatus.SUCCEEDED);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nworker-b:\n" + platform.log("worker-b"), e);
        }
        RunRow run = platform.records.runs().find(runId).orElseThrow();
        assertEquals(2, run.attempt(), "one retried attempt");
        List<EventRow> events = platform.records.events().listByRun(runId);
        long resumedAt = events.stream().map(EventRow::reason)
                .map(r -> r == null ? null : Pattern.compile("resumed from step (\\d+)").matcher(r))
                .filter(m -> m != null && m.find()).map(m -> Long.parseLong(m.group(1)))
                .findFirst().orElseThrow(() -> new AssertionError("no resume event in " + events));
        assertEquals(0, resumedAt % interval, "resumed from a checkpoint");
        assertTrue(resumedAt > 0 && loggedBeforeKill - resumedAt <= interval,
                "at most one checkpoint interval redone: logged " + loggedBeforeKill + ", resumed at " + resumedAt);
        List<Long> steps = platform.records.curves().points(runId).stream().map(CurvePoint::step).toList();
        assertEquals(32, steps.size(), "one curve row per logged step, none duplicated: " + steps);
        assertEquals(steps.stream().distinct().count(), steps.size());
    }

    @Test
    void aWorkerStoppedWithSigtermCheckpointsAndTheNextResumesThere() throws Exception {
        // no periodic checkpoint within the budget: a resume past step 0 can only come from the shutdown checkpoint
        String yaml = definition("sigterm", "steps: 120, batch: 4, seed: 1, log_every: 5, checkpoint_every_steps: 100000", "");
        Process first = platform.startWorkerProcess("worker-term-a");
        String id = platform.submit(yaml);
        String runId = id + "-r0000";
        PlatformFixture.await("the first worker to train", LONG, () -> {
            RunRow r = platform.records.runs().find(runId).orElse(null);
            return r != null && r.lastStep() != null && r.lastStep() >= 20;
        });
        first.destroy();
        assertTrue(first.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the worker exits after its graceful shutdown");
        platform.startWorkerProcess("worker-term-b");
        awaitExperiment(id, ExperimentStatus.SUCCEEDED);
        String firstLog = platform.log("worker-term-a");
        String resumed = platform.records.events().listByRun(runId).stream().map(EventRow::reason)
                .filter(r -> r != null && r.contains("resumed from step")).findFirst()
                .orElseThrow(() -> new AssertionError("no resume event; worker-term-a:\n" + firstLog));
        Matcher m = Pattern.compile("resumed from step (\\d+)").matcher(resumed);
        assertTrue(m.find());
        assertTrue(Long.parseLong(m.group(1)) >= 20, resumed);
        assertTrue(platform.log("worker-term-a").contains("shutting down"), platform.log("worker-term-a"));
        // a routine end of an attempt (stopped for a shutdown, retried elsewhere) is no warning with a stack trace
        assertFalse(firstLog.contains("WARN") || firstLog.contains("\tat "), firstLog);
    }

    @Test
    void aPostgresRestartDuringARunLosesNothing() throws Exception {
        String yaml = definition("pg-restart", "steps: 150, batch: 4, seed: 1, log_every: 5, checkpoint_every_steps: 50", "");
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = platform.submit(yaml);
            String runId = id + "-r0000";
            PlatformFixture.await("training to log", LONG, () -> platform.records.curves().count(runId) >= 2);
            platform.restartPostgres(Duration.ofSeconds(4));
            awaitExperiment(id, ExperimentStatus.SUCCEEDED);
            List<Long> steps = platform.records.curves().points(runId).stream().map(CurvePoint::step).toList();
            assertEquals(30, steps.size(), "every logged step stored: " + steps);
            assertFalse(platform.records.results().list(runId).isEmpty());
        }
    }
}
