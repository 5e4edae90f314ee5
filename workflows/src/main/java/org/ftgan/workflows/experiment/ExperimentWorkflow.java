package org.ftgan.workflows.experiment;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.ftgan.names.ExperimentStatus;

/**
 * One experiment: prepare its dataset once, plan its sweep's runs, run them as child
 * {@link org.ftgan.workflows.run.RunWorkflow}s with bounded parallelism, then write the report.
 * Its id is {@code experiment-<experiment id>} ({@link WorkflowIds}).
 */
@WorkflowInterface
public interface ExperimentWorkflow {
    /** @return the experiment's final status: succeeded, failed or cancelled */
    @WorkflowMethod
    ExperimentStatus run(ExperimentInput input);

    /**
     * Cancels one run of this experiment: one that has not started yet is recorded cancelled at once
     * and never starts (the sweep goes on without it); one that has started is cancelled like its own
     * workflow (it checkpoints and stops). A run that has ended, or that is not this experiment's, is
     * left alone.
     */
    @SignalMethod
    void cancelRun(String runId);

    /**
     * A run's figure at a step its sweep's early stopping judges (sent by the run's training). The
     * workflow judges each (run, step) once, in the order the reports arrive, and stops a losing run
     * ({@link org.ftgan.workflows.run.RunWorkflow#stopEarly}). Ignored by experiments without early stopping.
     */
    @SignalMethod
    void reportRung(RungReport report);

    /**
     * Runs at most {@code maxParallel} of this experiment's runs at once from now on (at least 1), in
     * place of the sweep's {@code max_parallel}: raising it starts queued runs at once; lowering it lets
     * the running ones finish and starts no new one until fewer run. Kept across continue-as-new.
     */
    @SignalMethod
    void setMaxParallel(int maxParallel);

    /**
     * Adds {@code count} points to a search sweep (sweep.search) while it runs, recorded as an experiment
     * event; they are proposed like the others, as slots free up. Ignored by sweeps planned up front and
     * for counts below 1.
     */
    @SignalMethod
    void addSearchPoints(int count);

    /**
     * Continues ended runs of this experiment to a budget of {@code request.steps()} from their last
     * checkpoints, while the sweep runs: each run still continuable when the request is handled is queued
     * again (an event per run) and takes the next free slot before the sweep's own next run; it trains
     * without early stopping, is evaluated again, and counts in the experiment's tally once, with its new
     * outcome. A request arriving as the experiment ends is still handled (the experiment runs again for it).
     */
    @SignalMethod
    void continueRuns(ContinueRequest request);
}
