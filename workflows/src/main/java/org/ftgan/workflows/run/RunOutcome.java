package org.ftgan.workflows.run;

/** How a run workflow ended, as its parent counts it. */
public enum RunOutcome {
    SUCCEEDED, FAILED, CANCELLED
}
