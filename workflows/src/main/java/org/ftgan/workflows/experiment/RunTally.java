package org.ftgan.workflows.experiment;

import org.ftgan.workflows.run.RunOutcome;

/** Counts of finished runs by outcome, carried across continue-as-new. */
public record RunTally(int succeeded, int failed, int cancelled) {
    public static final RunTally NONE = new RunTally(0, 0, 0);

    public RunTally plus(RunOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> new RunTally(succeeded + 1, failed, cancelled);
            case FAILED -> new RunTally(succeeded, failed + 1, cancelled);
            case CANCELLED -> new RunTally(succeeded, failed, cancelled + 1);
        };
    }

    public int finished() {
        return succeeded + failed + cancelled;
    }
}
