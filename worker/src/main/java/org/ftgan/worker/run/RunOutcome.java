package org.ftgan.worker.run;

/** How a run workflow ended, as its parent counts it. */
public enum RunOutcome {
    SUCCEEDED, FAILED, CANCELLED
}
