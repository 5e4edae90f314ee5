package org.ftgan.workflows.experiment;

/**
 * Workflow ids derive from record ids, so that submitting an experiment twice, or a parent retrying
 * a child's start, never runs anything twice: Temporal refuses a second workflow with a live id.
 */
public final class WorkflowIds {
    private WorkflowIds() {
    }

    public static String experiment(String experimentId) {
        return "experiment-" + experimentId;
    }

    public static String run(String runId) {
        return "run-" + runId;
    }
}
