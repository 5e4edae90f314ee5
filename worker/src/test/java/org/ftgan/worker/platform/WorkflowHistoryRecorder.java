package org.ftgan.worker.platform;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the histories of every closed workflow on a test's Temporal server as JSON, for
 * {@code WorkflowReplayTest}: run {@code PlatformWorkflowTest} with
 * {@code -Dftgan.recordHistories=worker/src/test/resources/workflow-histories} (an absolute path) to
 * record its scenarios (a finished sweep, cancellations, a worker killed and replaced, a SIGTERM, a
 * PostgreSQL restart, a diverging run, a sweep that continued as new, ...) with the current code, and
 * {@code EarlyStoppingWorkflowTest} likewise for an ASHA sweep whose worker was killed mid-sweep. Without the property it does nothing.
 */
final class WorkflowHistoryRecorder {
    static final String PROPERTY = "ftgan.recordHistories";

    private WorkflowHistoryRecorder() {
    }

    static void recordIfAsked(WorkflowClient client) {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        Path dir = Path.of(target);
        try {
            Files.createDirectories(dir);
            List<WorkflowExecutionMetadata> closed = client.listExecutions("").filter(
                    m -> m.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).toList();
            for (WorkflowExecutionMetadata m : closed) {
                var history = client.fetchHistory(m.getExecution().getWorkflowId(), m.getExecution().getRunId());
                // terminated before the workflow code ran (a test's stale records): nothing for the code to replay
                if (history.getEvents().stream().noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)) {
                    continue;
                }
                String json = history.toJson(true);
                String name = m.getWorkflowType() + "-" + m.getExecution().getWorkflowId() + "-"
                        + m.getExecution().getRunId().substring(0, 8) + ".json";
                Files.writeString(dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_")), json, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record workflow histories into " + dir, e);
        }
    }
}
