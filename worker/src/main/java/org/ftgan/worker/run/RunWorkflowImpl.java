package org.ftgan.worker.run;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import org.ftgan.names.RunStatus;
import org.ftgan.worker.ActivityStubs;
import org.ftgan.worker.Failures;
import org.ftgan.workflows.bookkeeping.BookkeepingActivities;
import org.ftgan.workflows.run.RunInput;
import org.ftgan.workflows.run.RunOutcome;
import org.ftgan.workflows.run.RunWorkflow;
import org.ftgan.workflows.run.TrainingActivities;
import org.ftgan.workflows.run.TrainingOutcome;

/**
 * See {@link RunWorkflow}. A failed run is recorded and returned as {@link RunOutcome#FAILED} (its
 * siblings go on); a cancelled one is recorded and ends the workflow as cancelled. One that the sweep's
 * early stopping stops ({@link #stopEarly}) has its training cancelled (it checkpoints and stops), is
 * recorded {@code stopped_early} without a final evaluation, and returns {@link RunOutcome#STOPPED_EARLY}.
 */
public class RunWorkflowImpl implements RunWorkflow {
    /**
     * Change id (Workflow.getVersion) of the evaluation that a cancellation waits for: from version 1
     * a cancelled run ends once its evaluation activity has stopped; runs recorded before (default
     * version) did not wait for it.
     */
    static final String EVALUATION_WAITS_FOR_CANCELLATION = "evaluation-waits-for-cancellation";
    /**
     * Change id of early stopping: from version 1 a run whose training was cancelled by {@link #stopEarly}
     * ends {@code stopped_early}. Asked only then, which no history recorded before it holds.
     */
    static final String EARLY_STOPPING = "early-stopping";

    private final BookkeepingActivities bookkeeping =
            Workflow.newActivityStub(BookkeepingActivities.class, ActivityStubs.bookkeeping());
    /** The scope training runs in while it runs, else null: what {@link #stopEarly} cancels. */
    private CancellationScope training;
    /** Why early stopping stopped this run, or null. */
    private String stoppedEarly;

    @Override
    public String stoppedEarly() {
        return stoppedEarly;
    }

    @Override
    public void stopEarly(String reason) {
        // once training has ended (evaluating, or done) the run finishes as it is
        if (training != null && stoppedEarly == null) {
            stoppedEarly = reason;
            training.cancel();
        }
    }

    @Override
    public RunOutcome run(RunInput input) {
        TrainingActivities trainer = Workflow.newActivityStub(TrainingActivities.class,
                ActivityStubs.training(input.heartbeatTimeoutSeconds(), input.maxAttempts()));
        String runId = input.runId();
        try {
            TrainingOutcome[] result = new TrainingOutcome[1];
            // a scope of its own, so that early stopping can cancel training without cancelling the run
            CancellationScope scope = Workflow.newCancellationScope(() -> result[0] = trainer.train(input));
            this.training = scope;
            try {
                scope.run();
            } finally {
                this.training = null;
            }
            TrainingOutcome trained = result[0];
            bookkeeping.setRunStatus(runId, RunStatus.EVALUATING, "trained " + trained.step() + " steps"
                    + (trained.resumedFrom() > 0 ? " (last attempt resumed at step " + trained.resumedFrom() + ")" : ""));
            boolean waitForCancellation = Workflow.getVersion(EVALUATION_WAITS_FOR_CANCELLATION,
                    Workflow.DEFAULT_VERSION, 1) >= 1;
            TrainingActivities evaluation = Workflow.newActivityStub(TrainingActivities.class,
                    ActivityStubs.evaluation(input.heartbeatTimeoutSeconds(), input.maxAttempts(), waitForCancellation));
            evaluation.evaluate(input, trained.checkpoint());
            bookkeeping.setRunStatus(runId, RunStatus.SUCCEEDED, null);
            return RunOutcome.SUCCEEDED;
        } catch (RuntimeException e) {
            if (Failures.isCancellation(e) && stoppedEarly != null && !CancellationScope.current().isCancelRequested()
                    && Workflow.getVersion(EARLY_STOPPING, Workflow.DEFAULT_VERSION, 1) >= 1) {
                bookkeeping.setRunStatus(runId, RunStatus.STOPPED_EARLY, "stopped early by the sweep at " + stoppedEarly
                        + "; its figures so far, best and last checkpoints are kept");
                return RunOutcome.STOPPED_EARLY;
            }
            if (Failures.isCancellation(e)) {
                Workflow.newDetachedCancellationScope(() ->
                        bookkeeping.setRunStatus(runId, RunStatus.CANCELLED, "cancelled by request; the last checkpoint is kept"))
                        .run();
                throw e instanceof CanceledFailure c ? c : new CanceledFailure("run " + runId + " cancelled");
            }
            bookkeeping.setRunStatus(runId, RunStatus.FAILED, Failures.reason(e));
            return RunOutcome.FAILED;
        }
    }
}
