package org.ftgan.worker.run;

import io.temporal.failure.CanceledFailure;
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
 * siblings go on); a cancelled one is recorded and ends the workflow as cancelled.
 */
public class RunWorkflowImpl implements RunWorkflow {
    /**
     * Change id (Workflow.getVersion) of the evaluation that a cancellation waits for: from version 1
     * a cancelled run ends once its evaluation activity has stopped; runs recorded before (default
     * version) did not wait for it.
     */
    static final String EVALUATION_WAITS_FOR_CANCELLATION = "evaluation-waits-for-cancellation";

    private final BookkeepingActivities bookkeeping =
            Workflow.newActivityStub(BookkeepingActivities.class, ActivityStubs.bookkeeping());

    @Override
    public RunOutcome run(RunInput input) {
        TrainingActivities training = Workflow.newActivityStub(TrainingActivities.class,
                ActivityStubs.training(input.heartbeatTimeoutSeconds(), input.maxAttempts()));
        String runId = input.runId();
        try {
            TrainingOutcome trained = training.train(input);
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
