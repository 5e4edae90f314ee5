package org.ftgan.workflows.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ftgan.workflows.run.RunOutcome;

/**
 * Counts of finished runs by outcome, carried across continue-as-new. {@code stoppedEarly} is left
 * out of the JSON while 0, so that the tallies of sweeps without early stopping read as before.
 */
public record RunTally(int succeeded, int failed, int cancelled,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) int stoppedEarly) {
    public static final RunTally NONE = new RunTally(0, 0, 0, 0);

    public RunTally(int succeeded, int failed, int cancelled) {
        this(succeeded, failed, cancelled, 0);
    }

    public RunTally plus(RunOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> new RunTally(succeeded + 1, failed, cancelled, stoppedEarly);
            case FAILED -> new RunTally(succeeded, failed + 1, cancelled, stoppedEarly);
            case CANCELLED -> new RunTally(succeeded, failed, cancelled + 1, stoppedEarly);
            case STOPPED_EARLY -> new RunTally(succeeded, failed, cancelled, stoppedEarly + 1);
        };
    }

    /**
     * This tally without one run that ended with {@code outcome} (a run queued again to continue). A tally
     * with no such run is returned as it is: it never counted that run, so there is none to take out (a
     * workflow must not fail on it).
     */
    public RunTally minus(RunOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> succeeded == 0 ? this : new RunTally(succeeded - 1, failed, cancelled, stoppedEarly);
            case FAILED -> failed == 0 ? this : new RunTally(succeeded, failed - 1, cancelled, stoppedEarly);
            case CANCELLED -> cancelled == 0 ? this : new RunTally(succeeded, failed, cancelled - 1, stoppedEarly);
            case STOPPED_EARLY -> stoppedEarly == 0 ? this : new RunTally(succeeded, failed, cancelled, stoppedEarly - 1);
        };
    }

    public int finished() {
        return succeeded + failed + cancelled + stoppedEarly;
    }
}
