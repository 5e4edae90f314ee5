package org.ftgan.worker;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.ftgan.workflows.TaskQueues;

/**
 * Activity options of the workflows, in one place so that timeouts and retry policies can be read
 * side by side. Retryable failures (a dead worker, a restarted database) are retried with backoff;
 * {@link FailureTypes#NON_RETRYABLE} ones never are.
 */
public final class ActivityStubs {
    private ActivityStubs() {
    }

    private static RetryOptions retries(int maxAttempts) {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(maxAttempts)
                .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
                .build();
    }

    /**
     * Short PostgreSQL writes: retried without limit (every 10 s at most), so that a database
     * restart only delays a workflow.
     */
    public static ActivityOptions bookkeeping() {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(500))
                        .setMaximumInterval(Duration.ofSeconds(10))
                        .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
                        .build())
                .build();
    }

    /**
     * Dataset preparation and reports: minutes to hours, heartbeating once a second from beside the
     * work ({@link ActivityHeartbeat}); the heartbeat timeout is how soon a dead worker is noticed and
     * (at 0.8 of it) how soon a cancellation reaches the activity.
     */
    public static ActivityOptions cpu(int heartbeatTimeoutSeconds, int maxAttempts) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setStartToCloseTimeout(Duration.ofHours(12))
                .setHeartbeatTimeout(Duration.ofSeconds(heartbeatTimeoutSeconds))
                .setRetryOptions(retries(maxAttempts))
                .build();
    }

    /**
     * Training: days of start-to-close, a short heartbeat timeout so a dead worker is noticed
     * quickly, and cancellation that waits for the activity's last checkpoint.
     */
    public static ActivityOptions training(int heartbeatTimeoutSeconds, int maxAttempts) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.GPU)
                .setStartToCloseTimeout(Duration.ofDays(30))
                .setHeartbeatTimeout(Duration.ofSeconds(heartbeatTimeoutSeconds))
                .setRetryOptions(retries(maxAttempts))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .build();
    }

    /**
     * Evaluation: minutes on the full test split; heartbeats like training, and stops between two
     * batches when cancelled. With {@code waitForCancellation} a cancelled run ends only once its
     * evaluation has stopped (so nothing of it is stored after the run is recorded cancelled); runs
     * whose history predates that keep the old way, not waiting (see {@code RunWorkflowImpl}).
     */
    public static ActivityOptions evaluation(int heartbeatTimeoutSeconds, int maxAttempts, boolean waitForCancellation) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.EVALUATION)
                .setStartToCloseTimeout(Duration.ofHours(6))
                .setHeartbeatTimeout(Duration.ofSeconds(heartbeatTimeoutSeconds))
                .setRetryOptions(retries(maxAttempts))
                .setCancellationType(waitForCancellation ? ActivityCancellationType.WAIT_CANCELLATION_COMPLETED
                        : ActivityCancellationType.TRY_CANCEL)
                .build();
    }
}
