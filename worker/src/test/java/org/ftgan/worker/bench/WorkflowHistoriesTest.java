package org.ftgan.worker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding an activity's stages in a history where two activities interleave. */
class WorkflowHistoriesTest {
    private static HistoryEvent scheduled(long id, long second, String type) {
        return base(id, second, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .setActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes.newBuilder()
                        .setActivityType(ActivityType.newBuilder().setName(type)))
                .build();
    }

    private static HistoryEvent started(long id, long second, long scheduledId) {
        return base(id, second, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
                .setActivityTaskStartedEventAttributes(ActivityTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(scheduledId))
                .build();
    }

    private static HistoryEvent completed(long id, long second, long scheduledId) {
        return base(id, second, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                .setActivityTaskCompletedEventAttributes(ActivityTaskCompletedEventAttributes.newBuilder()
                        .setScheduledEventId(scheduledId))
                .build();
    }

    private static HistoryEvent.Builder base(long id, long second, EventType type) {
        return HistoryEvent.newBuilder().setEventId(id).setEventType(type)
                .setEventTime(Timestamp.newBuilder().setSeconds(second).setNanos(5000));
    }

    private static final List<HistoryEvent> HISTORY = List.of(
            scheduled(5, 100, "Train"),
            scheduled(6, 101, "Evaluate"),
            started(7, 102, 6),
            completed(8, 103, 6),
            started(9, 104, 5),
            completed(10, 105, 5));

    @Test
    void eachStageIsTheEventOfThatActivitysScheduledId() {
        assertEquals(Optional.of(Instant.ofEpochSecond(100, 5000)),
                WorkflowHistories.activityTime(HISTORY, "Train", EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
        assertEquals(Optional.of(Instant.ofEpochSecond(104, 5000)),
                WorkflowHistories.activityTime(HISTORY, "Train", EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED));
        assertEquals(Optional.of(Instant.ofEpochSecond(105, 5000)),
                WorkflowHistories.activityTime(HISTORY, "Train", EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED));
        assertEquals(Optional.of(Instant.ofEpochSecond(103, 5000)),
                WorkflowHistories.activityTime(HISTORY, "Evaluate", EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED));
    }

    @Test
    void anActivityNotInTheHistoryOrNotYetCompletedHasNoTime() {
        assertTrue(WorkflowHistories.activityTime(HISTORY, "PrepareDataset",
                EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).isEmpty());
        assertTrue(WorkflowHistories.activityTime(HISTORY.subList(0, 4), "Train",
                EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).isEmpty());
    }

    @Test
    void aStageThatIsNotAnActivityStageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkflowHistories.activityTime(
                HISTORY, "Train", EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
        assertTrue(e.getMessage().contains("EVENT_TYPE_WORKFLOW_TASK_COMPLETED"), e.getMessage());
    }
}
