package org.ftgan.workflows.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ftgan.definition.EarlyStopping;

/**
 * What an experiment workflow execution starts from. The first execution has only the id and the
 * timeouts; each continue-as-new carries the prepared dataset, the plan and the tallies so far, so
 * a sweep of thousands of runs never has them all in one history.
 *
 * <p>A retry of failed runs starts the workflow again with {@code runIndexes}: only those runs are
 * queued and run again, and {@code tally} already holds the outcomes of the runs that are kept. A
 * continuation is such a retry of ended runs with a new step budget ({@code continueToSteps}).
 *
 * @param experimentId           the experiments row
 * @param heartbeatTimeoutSeconds the long activities' heartbeat timeout (a dead worker is noticed after this, a
 *                               cancellation reaches a running activity within 0.8 of it)
 * @param maxAttempts            attempts per training or evaluation activity (retryable failures only)
 * @param dataset                null until prepared
 * @param runCount               runs this workflow runs (0 until planned; the retried runs' count on a retry)
 * @param maxParallel            runs at once
 * @param nextRun                position of the next run to start (an index into {@code runIndexes} on a retry)
 * @param tally                  outcomes of the runs finished in earlier executions (or kept by a retry)
 * @param runIndexes             null: every run of the sweep in order; else the sweep indexes to run again
 * @param cancelledRuns          ids of runs not started yet whose cancellation was asked in an earlier
 *                               execution ({@link ExperimentWorkflow#cancelRun}): they never start; null
 *                               (histories from before there was such a thing) for none
 * @param runsPerExecution       child runs per workflow execution before it continues as new; null (every
 *                               production submission, and histories from before it could be set) for the
 *                               workflow's default. Tests set it small to continue as new after a few runs.
 *                               Left out of the JSON when null, so that inputs read as they did before it.
 * @param earlyStopping          the sweep's early stopping, from its plan; null (left out of the JSON) for none
 * @param rungReports            the figures judged by early stopping in earlier executions, in order (its
 *                               decisions' state, see {@link EarlyStoppingBook}); null (left out) for none
 * @param continueToSteps        on a continuation ({@link #continuation}): the new step budget of the runs at
 *                               {@code runIndexes}, which train on from their last checkpoints; null (left out)
 *                               otherwise
 * @param attemptBases           on a continuation, once its runs are queued again: the attempts each run
 *                               (in {@code runIndexes}' order) had recorded before, so that the new attempts
 *                               number on from them; null (left out) otherwise
 * @param search                 a search sweep's state (sweep.search: the points are proposed while it runs, and
 *                               {@code runCount} is the number to propose, raised by requests); null (left out of
 *                               the JSON) for a sweep planned up front, and on a retry or continuation
 */
public record ExperimentInput(String experimentId, int heartbeatTimeoutSeconds, int maxAttempts,
                              PreparedDatasetRef dataset, int runCount, int maxParallel, int nextRun,
                              RunTally tally, List<Integer> runIndexes, List<String> cancelledRuns,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer runsPerExecution,
                              @JsonInclude(JsonInclude.Include.NON_NULL) EarlyStopping earlyStopping,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<RungReport> rungReports,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Long continueToSteps,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> attemptBases,
                              @JsonInclude(JsonInclude.Include.NON_NULL) SearchState search) {

    public static ExperimentInput start(String experimentId, int heartbeatTimeoutSeconds, int maxAttempts) {
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, null, 0, 0, 0, RunTally.NONE,
                null, null, null, null, null, null, null, null);
    }

    /** Runs the given sweep indexes again; {@code kept} counts the outcomes of the other runs. */
    public static ExperimentInput retry(String experimentId, int heartbeatTimeoutSeconds, int maxAttempts,
                                        List<Integer> runIndexes, RunTally kept) {
        if (runIndexes.isEmpty()) {
            throw new IllegalArgumentException("experiment " + experimentId + ": a retry needs at least one run");
        }
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, null, 0, 0, 0, kept,
                List.copyOf(runIndexes), null, null, null, null, null, null, null);
    }

    /**
     * Continues the runs at the given sweep indexes (ended, with a checkpoint) to a budget of {@code steps}:
     * they are queued again and train on from their last checkpoints, without early stopping; {@code kept}
     * counts the outcomes of the other runs.
     */
    public static ExperimentInput continuation(String experimentId, int heartbeatTimeoutSeconds, int maxAttempts,
                                               List<Integer> runIndexes, RunTally kept, long steps) {
        if (runIndexes.isEmpty()) {
            throw new IllegalArgumentException("experiment " + experimentId + ": a continuation needs at least one run");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("experiment " + experimentId + ": a continuation needs a budget of at least 1 step, got " + steps);
        }
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, null, 0, 0, 0, kept,
                List.copyOf(runIndexes), null, null, null, null, steps, null, null);
    }

    /** Not a property (see {@link #isRetry}): whether this execution continues runs to a new budget. */
    @JsonIgnore
    public boolean isContinuation() {
        return continueToSteps != null;
    }

    /** This continuation with the attempts its runs had recorded before it, in {@code runIndexes}' order. */
    public ExperimentInput withAttemptBases(List<Integer> bases) {
        if (bases.size() != runIndexes.size()) {
            throw new IllegalArgumentException("experiment " + experimentId + ": " + bases.size() + " attempt bases for "
                    + runIndexes.size() + " runs");
        }
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, runCount, maxParallel,
                nextRun, tally, runIndexes, cancelledRuns, runsPerExecution, earlyStopping, rungReports, continueToSteps,
                List.copyOf(bases), search);
    }

    /** The attempts recorded before this execution by the run at {@code position} (0 unless a continuation's). */
    public int attemptBaseAt(int position) {
        return attemptBases == null ? 0 : attemptBases.get(position);
    }

    /** This input with {@code maxParallel} runs at once (changed while it runs, {@link ExperimentWorkflow#setMaxParallel}). */
    public ExperimentInput withMaxParallel(int maxParallel) {
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, runCount, maxParallel,
                nextRun, tally, runIndexes, cancelledRuns, runsPerExecution, earlyStopping, rungReports, continueToSteps,
                attemptBases, search);
    }

    /** This input with {@code runsPerExecution} (null: the workflow's default). */
    public ExperimentInput withRunsPerExecution(Integer runsPerExecution) {
        if (runsPerExecution != null && runsPerExecution < 1) {
            throw new IllegalArgumentException("runsPerExecution must be at least 1, got " + runsPerExecution);
        }
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, runCount, maxParallel,
                nextRun, tally, runIndexes, cancelledRuns, runsPerExecution, earlyStopping, rungReports, continueToSteps,
                attemptBases, search);
    }

    /** Child runs per workflow execution: {@code runsPerExecution}, or {@code byDefault} when it is null. */
    public int runsPerExecutionOr(int byDefault) {
        return runsPerExecution == null ? byDefault : runsPerExecution;
    }

    /** Not a property: the workflow input is serialized by Jackson, which would add it as "retry". */
    @JsonIgnore
    public boolean isRetry() {
        return runIndexes != null;
    }

    /** The sweep index of the run at {@code position} in this workflow's order. */
    public int runIndexAt(int position) {
        return runIndexes == null ? position : runIndexes.get(position);
    }

    /** The runs whose cancellation was asked in an earlier execution (never null). */
    public List<String> cancelledRunsOrNone() {
        return cancelledRuns == null ? List.of() : cancelledRuns;
    }

    public ExperimentInput next(int nextRun, RunTally tally, List<String> cancelled) {
        return next(nextRun, tally, cancelled, rungReports);
    }

    /** The next execution's input, carrying the early-stopping figures judged so far ({@code judged}; null for none). */
    public ExperimentInput next(int nextRun, RunTally tally, List<String> cancelled, List<RungReport> judged) {
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, runCount, maxParallel,
                nextRun, tally, runIndexes, cancelled.isEmpty() ? null : List.copyOf(cancelled), runsPerExecution,
                earlyStopping, judged == null || judged.isEmpty() ? null : List.copyOf(judged), continueToSteps, attemptBases,
                search);
    }

    /** The figures judged in earlier executions (never null). */
    public List<RungReport> rungReportsOrNone() {
        return rungReports == null ? List.of() : rungReports;
    }

    public ExperimentInput planned(PreparedDatasetRef dataset, RunPlan plan) {
        if (isRetry()) {
            // continued runs were chosen by hand: the sweep's early stopping no longer judges them
            return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, runIndexes.size(),
                    plan.maxParallel(), 0, tally, runIndexes, cancelledRuns, runsPerExecution,
                    isContinuation() ? null : plan.earlyStopping(), null, continueToSteps, attemptBases, null);
        }
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, plan.runCount(),
                plan.maxParallel(), 0, RunTally.NONE, null, cancelledRuns, runsPerExecution, plan.earlyStopping(), null,
                null, null, plan.searchOrFalse() ? SearchState.NEW : null);
    }

    /** This input with a search's state and its number of points ({@code runCount}); for continue-as-new. */
    public ExperimentInput withSearch(int points, SearchState state) {
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, points, maxParallel,
                nextRun, tally, runIndexes, cancelledRuns, runsPerExecution, earlyStopping, rungReports, continueToSteps,
                attemptBases, state);
    }
}
