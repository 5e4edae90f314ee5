package org.ftgan.workflows.run;

/** How a run workflow ended, as its parent counts it. */
public enum RunOutcome {
    SUCCEEDED, FAILED, CANCELLED,
    /** The sweep's early stopping stopped it at a rung (sweep.early_stopping); not a failure. */
    STOPPED_EARLY
}
