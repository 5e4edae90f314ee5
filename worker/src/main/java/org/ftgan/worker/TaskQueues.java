package org.ftgan.worker;

/**
 * The three Temporal task queues. Workflows and their short bookkeeping activities run on
 * {@link #WORKFLOWS}, which every worker polls; data preparation and reports on {@link #CPU};
 * training and evaluation on {@link #GPU} (CPU workers may poll it too, as `ftgan up` does).
 */
public final class TaskQueues {
    public static final String WORKFLOWS = "workflows";
    public static final String CPU = "cpu";
    public static final String GPU = "gpu";

    private TaskQueues() {
    }
}
