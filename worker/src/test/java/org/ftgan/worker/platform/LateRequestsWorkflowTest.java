package org.ftgan.worker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.EventRow;
import org.ftgan.records.RunRow;
import org.ftgan.worker.PlatformWorker;
import org.ftgan.workflows.ExperimentActions;
import org.ftgan.workflows.TaskQueues;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that reach an experiment's workflow after its last run has ended, while it writes its report,
 * on the real Temporal dev server and PostgreSQL. The moment is made to last: the only worker of the cpu
 * queue (where the report is written) is stopped before the run can train, so the report waits, scheduled,
 * while a search point is added and the ended run is continued; then a cpu worker starts again. Both
 * requests are run (the experiment goes back to running) instead of dropped, and the final status events
 * of both endings are kept.
 */
class LateRequestsWorkflowTest {
    private static final Duration LONG = Duration.ofMinutes(6);

    @TempDir
    static Path dir;
    static PlatformFixture platform;

    @BeforeAll
    static void start() throws Exception {
        platform = new PlatformFixture(dir);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            WorkflowHistoryRecorder.recordIfAsked(platform.client.client());
            platform.close();
        }
    }

    @Test
    void aSearchPointAndAContinuationAskedForWhileTheReportIsWrittenAreRun() throws Exception {
        ExperimentActions actions = new ExperimentActions(platform.submitter, platform.records);
        // the dataset is prepared and the first point proposed by a worker without training (cpu queue
        // only); it stops, and one without reports (gpu queue only) trains: no race with the run's end
        PlatformWorker cpu = platform.startWorker(List.of(TaskQueues.CPU));
        String id = platform.submit("""
                name: late-requests
                description: requests that arrive as the experiment ends
                tags: [test]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: 20, batch: 4, seed: 1, log_every: 10, checkpoint_every_steps: 10}
                evaluation: {triplets: 20, seed: 1, pool: all, every_steps: 0}
                sweep:
                  max_parallel: 1
                  search:
                    method: random
                    n: 1
                    seed: 3
                    space: {training: {lr: {log_uniform: [1.0e-4, 1.0e-3]}}}
                """);
        String first = id + "-r0000";
        String second = id + "-r0001";
        PlatformFixture.await("the first point's run workflow to start", LONG, () -> platform.temporalStatus(WorkflowIds.run(first))
                .isPresent());
        cpu.close();
        platform.startWorker(List.of(TaskQueues.GPU));
        PlatformFixture.await("the report to be scheduled with no cpu worker to write it", LONG,
                () -> history(id).stream().anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                        && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("WriteReport")));
        assertEquals(RunStatus.SUCCEEDED, platform.records.runs().find(first).orElseThrow().status());
        assertEquals(ExperimentStatus.RUNNING, platform.records.experiments().find(id).orElseThrow().status());

        actions.addSearchPoints(id, 1);
        assertEquals(List.of(first), actions.continueRuns(id, 30, List.of(first), null, null).runIds());
        platform.startWorker(List.of(TaskQueues.CPU));
        PlatformFixture.await("the experiment's workflow to close", LONG, () -> platform.temporalStatus(WorkflowIds.experiment(id))
                .map(s -> s != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).orElse(false));

        assertEquals(ExperimentStatus.SUCCEEDED, platform.records.experiments().find(id).orElseThrow().status());
        platform.assertRecordsAgreeWithTemporal(id);
        RunRow continued = platform.records.runs().find(first).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, continued.status());
        assertEquals(30L, continued.lastStep(), "the late continuation trained");
        assertEquals(RunStatus.SUCCEEDED, platform.records.runs().find(second).orElseThrow().status(), "the late point ran");
        assertEquals(2, platform.records.experiments().find(id).orElseThrow().runCount());

        // both endings are recorded, with the experiment running again between them
        List<String> experimentEvents = platform.records.events().listByExperiment(id).stream().filter(e -> e.runId() == null)
                .map(e -> e.status().dbName() + ": " + e.reason()).toList();
        int firstEnd = experimentEvents.indexOf("succeeded: 1 succeeded, 0 failed, 0 cancelled of 1 runs");
        int again = indexOfPrefix(experimentEvents, "running: running again for requests that arrived as it ended");
        int secondEnd = experimentEvents.indexOf("succeeded: 2 succeeded, 0 failed, 0 cancelled of 2 runs");
        assertTrue(firstEnd >= 0 && again > firstEnd && secondEnd > again, experimentEvents.toString());
        // its end time is the second ending's, not the first's
        java.time.Instant ranAgain = platform.records.events().listByExperiment(id).stream().filter(e -> e.runId() == null
                && e.reason() != null && e.reason().startsWith("running again")).findFirst().orElseThrow().createdAt();
        java.time.Instant finished = platform.records.experiments().find(id).orElseThrow().finishedAt();
        assertTrue(finished != null && !finished.isBefore(ranAgain), "finished at " + finished + ", ran again at " + ranAgain);
        List<EventRow> runEvents = platform.records.events().listByRun(first);
        assertTrue(runEvents.stream().anyMatch(e -> e.status() == RunStatus.QUEUED && e.reason().contains("continued to 30 steps")),
                runEvents.toString());
        // the new path was taken under its change id
        assertTrue(history(id).stream().anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                && e.getMarkerRecordedEventAttributes().getDetailsMap().toString().contains("late-requests")));
    }

    private static List<HistoryEvent> history(String experimentId) {
        return platform.client.client().fetchHistory(WorkflowIds.experiment(experimentId)).getEvents();
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
