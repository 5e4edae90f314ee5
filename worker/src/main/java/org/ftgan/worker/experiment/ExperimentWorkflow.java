package org.ftgan.worker.experiment;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One experiment: prepare its dataset once, plan its sweep's runs, run them as child
 * {@link org.ftgan.worker.run.RunWorkflow}s with bounded parallelism, then write the report.
 * Its id is {@code experiment-<experiment id>} ({@link WorkflowIds}).
 */
@WorkflowInterface
public interface ExperimentWorkflow {
    /** @return the experiment's final status: succeeded, failed or cancelled */
    @WorkflowMethod
    String run(ExperimentInput input);
}
