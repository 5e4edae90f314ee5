package org.ftgan.workflows.experiment;

import org.ftgan.records.RunRow;
import org.ftgan.workflows.run.RunOutcome;

/**
 * One run checked for a continuation to a larger step budget: its sweep index and the outcome it ended
 * with (counted out of the experiment's tally when it is queued again), or why it cannot be continued.
 *
 * @param whyNot null when the run can be continued
 */
public record ContinuableRun(String runId, int runIndex, RunOutcome previousOutcome, String whyNot) {

    /**
     * Why a run cannot be continued to {@code steps} steps, or null when it can: it must have ended
     * succeeded, stopped early or cancelled, with a checkpoint, short of {@code steps}. A failed run is
     * retried, not continued.
     */
    public static String whyNot(RunRow run, long steps) {
        return switch (run.status()) {
            case SUCCEEDED, STOPPED_EARLY, CANCELLED -> run.lastCheckpoint() == null || run.lastStep() == null
                    ? "it has no checkpoint (it never trained)"
                    : run.lastStep() >= steps ? "it has trained " + run.lastStep() + " steps already; ask for more" : null;
            case FAILED -> "it failed; retry the experiment's failed runs instead";
            default -> "it has not ended (" + run.status().dbName() + ")";
        };
    }

    /** The run as it stands now, for a continuation to {@code steps} steps. */
    public static ContinuableRun of(RunRow run, long steps) {
        String why = whyNot(run, steps);
        RunOutcome outcome = switch (run.status()) {
            case SUCCEEDED -> RunOutcome.SUCCEEDED;
            case STOPPED_EARLY -> RunOutcome.STOPPED_EARLY;
            case CANCELLED -> RunOutcome.CANCELLED;
            case FAILED -> RunOutcome.FAILED;
            default -> null;
        };
        return new ContinuableRun(run.id(), run.runIndex(), why == null ? outcome : null, why);
    }
}
