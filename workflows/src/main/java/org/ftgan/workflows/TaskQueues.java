package org.ftgan.workflows;

/**
 * The Temporal task queues. Workflows and their short bookkeeping activities run on
 * {@link #WORKFLOWS}, which every worker polls; data preparation and reports on {@link #CPU};
 * training on {@link #GPU} (CPU workers may poll it too, as `ftgan up` does); evaluation on
 * {@link #EVALUATION}, which every worker of the GPU queue polls with slots of its own.
 */
public final class TaskQueues {
    public static final String WORKFLOWS = "workflows";
    public static final String CPU = "cpu";
    public static final String GPU = "gpu";
    /**
     * Evaluation has a queue of its own so that a run whose training ended is evaluated at once: on
     * the training queue its evaluation waited behind every training queued before it (other
     * experiments' runs of hours), the run showing "evaluating" all that time.
     */
    public static final String EVALUATION = "evaluation";

    private TaskQueues() {
    }
}
