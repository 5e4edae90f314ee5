package org.ftgan.worker.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads workflow histories from the Temporal frontend: whole event lists (paged), the chain of
 * executions a workflow id went through by continuing as new, and the history length the server
 * reports for an execution.
 */
final class WorkflowHistories {
    private final WorkflowServiceStubs service;
    private final String namespace;

    WorkflowHistories(WorkflowServiceStubs service, String namespace) {
        this.service = service;
        this.namespace = namespace;
    }

    /** Every event of one execution; an empty {@code runId} means the newest execution of the id. */
    List<HistoryEvent> events(String workflowId, String runId) {
        List<HistoryEvent> events = new ArrayList<>();
        ByteString page = ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse r = service.blockingStub().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(namespace)
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                            .setNextPageToken(page)
                            .build());
            events.addAll(r.getHistory().getEventsList());
            page = r.getNextPageToken();
        } while (!page.isEmpty());
        return events;
    }

    /**
     * The event counts of every execution of {@code workflowId}, oldest first, found by walking back
     * from the newest through each started event's continued-from run id.
     */
    List<Integer> chainLengths(String workflowId) {
        List<Integer> lengths = new ArrayList<>();
        String runId = "";
        do {
            List<HistoryEvent> events = events(workflowId, runId);
            if (events.isEmpty() || events.get(0).getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
                throw new IllegalStateException("history of " + workflowId + " run '" + runId
                        + "' does not begin with a started event");
            }
            lengths.add(events.size());
            runId = events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        } while (!runId.isEmpty());
        Collections.reverse(lengths);
        return lengths;
    }

    /** The history length the server reports for the newest execution of {@code workflowId}. */
    long historyLength(String workflowId) {
        return service.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(namespace)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build())
                .getWorkflowExecutionInfo().getHistoryLength();
    }

    static Instant time(HistoryEvent e) {
        Timestamp t = e.getEventTime();
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /**
     * When the first activity of type {@code activityType} (e.g. "Train") reached {@code stage}: one of
     * the activity task scheduled, started or completed event types. Empty when it did not.
     */
    static Optional<Instant> activityTime(List<HistoryEvent> events, String activityType, EventType stage) {
        long scheduledId = -1;
        for (HistoryEvent e : events) {
            if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                    && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(activityType)) {
                scheduledId = e.getEventId();
                break;
            }
        }
        for (HistoryEvent e : events) {
            boolean match = switch (stage) {
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> e.getEventId() == scheduledId;
                case EVENT_TYPE_ACTIVITY_TASK_STARTED -> e.getEventType() == stage
                        && e.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduledId;
                case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> e.getEventType() == stage
                        && e.getActivityTaskCompletedEventAttributes().getScheduledEventId() == scheduledId;
                default -> throw new IllegalArgumentException("not an activity stage: " + stage);
            };
            if (scheduledId >= 0 && match) {
                return Optional.of(time(e));
            }
        }
        return Optional.empty();
    }
}
