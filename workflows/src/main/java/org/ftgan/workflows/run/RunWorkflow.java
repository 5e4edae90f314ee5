package org.ftgan.workflows.run;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One run of a sweep: train (resuming from the last checkpoint on a retried attempt), then
 * evaluate. Its id is {@code run-<run id>}. Cancelling it stops training at the next heartbeat,
 * after a checkpoint.
 */
@WorkflowInterface
public interface RunWorkflow {
    @WorkflowMethod
    RunOutcome run(RunInput input);

    /**
     * Stops the run's training (after a checkpoint, as a cancellation does) because the sweep's early
     * stopping judged it a loser; the run ends {@code stopped_early} with {@code reason}, without the
     * final evaluation (its figures during training, best and last checkpoints stay). Sent by the
     * experiment workflow; ignored once training has ended.
     */
    @SignalMethod
    void stopEarly(String reason);

    /**
     * Why early stopping stopped the run, or null while it has not. Asked by the run's training right
     * after it reports a judged figure, so that it stops within about a second of the decision instead of
     * at the next heartbeat's answer (up to 0.8 heartbeat timeouts). A query: nothing in the history.
     */
    @QueryMethod
    String stoppedEarly();
}
