package org.ftgan.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ftgan.worker.experiment.ExperimentWorkflowImpl;
import org.ftgan.worker.run.RunWorkflowImpl;
import org.ftgan.workflows.PlatformDataConverter;
import org.junit.jupiter.api.Test;

/**
 * Workflows run for days: a worker deployed mid-experiment replays the recorded history of every
 * running workflow against its own code, and a change that makes that code take another path fails
 * the experiment with a non-determinism error. This replays histories recorded from the platform's
 * scenarios ({@code src/test/resources/workflow-histories}, see {@code WorkflowHistoryRecorder})
 * against the current workflow code; a change that breaks one must go through
 * {@code Workflow.getVersion} (README, "Changing a workflow").
 */
class WorkflowReplayTest {
    private static final Path HISTORIES = Path.of("src", "test", "resources", "workflow-histories");

    @Test
    void everyRecordedHistoryReplaysOnTheCurrentWorkflowCode() throws Exception {
        List<WorkflowExecutionHistory> histories = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(HISTORIES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            histories.add(WorkflowExecutionHistory.fromJson(Files.readString(f, StandardCharsets.UTF_8)));
        }
        // the recorded scenarios: both workflow types, experiments that ended in each way
        Set<String> types = histories.stream().map(h -> h.getEvents().get(0).getWorkflowExecutionStartedEventAttributes()
                .getWorkflowType().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("ExperimentWorkflow", "RunWorkflow"), types, "histories in " + HISTORIES);
        Set<EventType> endings = histories.stream().map(h -> h.getLastEvent().getEventType()).collect(Collectors.toSet());
        assertTrue(endings.containsAll(Set.of(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED)), "completed and cancelled workflows: " + endings);
        // a sweep that continued as new: the execution that did, and the one it continued into
        assertTrue(endings.contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW), "a continued execution: " + endings);
        assertTrue(histories.stream().anyMatch(h -> !h.getEvents().get(0).getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId().isEmpty()), "an execution continued from another");

        // an early-stopping sweep (EarlyStoppingWorkflowTest): the experiment judged reported figures and stopped runs
        assertTrue(histories.stream().anyMatch(h -> h.getEvents().stream().anyMatch(e -> e.getEventType()
                == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED
                && e.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getSignalName().equals("stopEarly"))),
                "an experiment that stopped runs early");

        // on a worker with the platform's data converter, as the real workers have
        ReplayResults results;
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(PlatformDataConverter.INSTANCE).build())
                .build())) {
            Worker worker = env.newWorker("replay");
            worker.registerWorkflowImplementationTypes(ExperimentWorkflowImpl.class, RunWorkflowImpl.class);
            results = WorkflowReplayer.replayWorkflowExecutions(histories, false, worker);
        }
        assertTrue(!results.hadAnyError(), () -> results.allErrors().stream()
                .map(e -> e.workflowId + ": " + e.exception).collect(Collectors.joining("\n")));
    }
}
