package org.ftgan.workflows.run;

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
}
