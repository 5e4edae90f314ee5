package org.ftgan.worker.experiment;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.ftgan.worker.ActivityStubs;
import org.ftgan.worker.Failures;
import org.ftgan.worker.TaskQueues;
import org.ftgan.worker.bookkeeping.BookkeepingActivities;
import org.ftgan.worker.run.RunIds;
import org.ftgan.worker.run.RunInput;
import org.ftgan.worker.run.RunOutcome;
import org.ftgan.worker.run.RunWorkflow;

/**
 * See {@link ExperimentWorkflow}. Curves and metrics never pass through here (activities write
 * them to PostgreSQL); the history holds ids, counts and one event group per child run. After
 * {@link #RUNS_PER_EXECUTION} child runs the workflow drains its running children and continues as
 * new, so a sweep of thousands of runs keeps every history small (parallelism dips briefly at
 * each such boundary).
 */
public class ExperimentWorkflowImpl implements ExperimentWorkflow {
    /** Child runs started per workflow execution before continuing as new. */
    public static final int RUNS_PER_EXECUTION = 200;

    private final BookkeepingActivities bookkeeping =
            Workflow.newActivityStub(BookkeepingActivities.class, ActivityStubs.bookkeeping());

    @Override
    public String run(ExperimentInput input) {
        String id = input.experimentId();
        ExperimentActivities cpu = Workflow.newActivityStub(ExperimentActivities.class,
                ActivityStubs.cpu(input.heartbeatTimeoutSeconds(), input.maxAttempts()));
        try {
            if (input.dataset() == null) {
                if (input.isRetry()) {
                    bookkeeping.requeueRuns(id, input.runIndexes(), "retry of failed runs requested");
                }
                bookkeeping.setExperimentStatus(id, "preparing", null);
                // on a retry the preparation is found in the artifact store and reused
                PreparedDatasetRef dataset = cpu.prepareDataset(id);
                RunPlan plan = bookkeeping.planRuns(id, dataset);
                input = input.planned(dataset, plan);
                bookkeeping.setExperimentStatus(id, "running", (input.isRetry() ? "retrying " : "") + input.runCount()
                        + " runs, " + plan.maxParallel() + " at a time, on dataset " + dataset.contentHash());
            }
            RunTally tally = runSome(input);
            int done = input.nextRun() + Math.min(RUNS_PER_EXECUTION, input.runCount() - input.nextRun());
            if (done < input.runCount()) {
                Workflow.continueAsNew(input.next(done, tally));
            }
            cpu.writeReport(id);
            String status = tally.failed() == 0 && tally.cancelled() == 0 ? "succeeded"
                    : tally.succeeded() == 0 && tally.failed() == 0 ? "cancelled" : "failed";
            bookkeeping.setExperimentStatus(id, status, tally.succeeded() + " succeeded, " + tally.failed()
                    + " failed, " + tally.cancelled() + " cancelled of " + tally.finished() + " runs");
            return status;
        } catch (CanceledFailure e) {
            Workflow.newDetachedCancellationScope(() -> {
                bookkeeping.cancelQueuedRuns(id, "experiment cancelled");
                bookkeeping.setExperimentStatus(id, "cancelled", "cancelled by request");
            }).run();
            throw e;
        } catch (RuntimeException e) {
            if (Failures.isCancellation(e)) {
                Workflow.newDetachedCancellationScope(() -> {
                    bookkeeping.cancelQueuedRuns(id, "experiment cancelled");
                    bookkeeping.setExperimentStatus(id, "cancelled", "cancelled by request");
                }).run();
                throw e;
            }
            String reason = Failures.reason(e);
            bookkeeping.cancelQueuedRuns(id, "experiment failed: " + reason);
            bookkeeping.setExperimentStatus(id, "failed", reason);
            return "failed";
        }
    }

    /** Starts this execution's share of runs, at most maxParallel at once, and waits for all of them. */
    private RunTally runSome(ExperimentInput input) {
        RunTally tally = input.tally();
        int end = Math.min(input.runCount(), input.nextRun() + RUNS_PER_EXECUTION);
        List<Promise<RunOutcome>> running = new ArrayList<>();
        for (int i = input.nextRun(); i < end; i++) {
            while (running.size() >= input.maxParallel()) {
                Promise.anyOf(running).get();
                tally = collectFinished(running, tally);
            }
            if (CancellationScope.current().isCancelRequested()) {
                break;
            }
            String runId = RunIds.of(input.experimentId(), input.runIndexAt(i));
            RunWorkflow child = Workflow.newChildWorkflowStub(RunWorkflow.class, ChildWorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.run(runId))
                    .setTaskQueue(TaskQueues.WORKFLOWS)
                    .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                    // a retried run starts a new workflow under the id of its closed, failed one
                    .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                    .build());
            running.add(Async.function(child::run, new RunInput(runId, input.experimentId(), input.dataset(),
                    input.heartbeatTimeoutSeconds(), input.maxAttempts())));
        }
        while (!running.isEmpty()) {
            Promise.anyOf(running).get();
            tally = collectFinished(running, tally);
        }
        if (CancellationScope.current().isCancelRequested()) {
            // the children were asked to cancel with this scope and have checkpointed; no new ones start
            throw new CanceledFailure("experiment " + input.experimentId() + " cancelled");
        }
        return tally;
    }

    private static RunTally collectFinished(List<Promise<RunOutcome>> running, RunTally tally) {
        for (Iterator<Promise<RunOutcome>> it = running.iterator(); it.hasNext(); ) {
            Promise<RunOutcome> p = it.next();
            if (!p.isCompleted()) {
                continue;
            }
            it.remove();
            RuntimeException failure = p.getFailure();
            if (failure == null) {
                tally = tally.plus(p.get());
            } else if (Failures.isCancellation(failure)) {
                // a single run cancelled by request: the experiment goes on
                tally = tally.plus(RunOutcome.CANCELLED);
            } else {
                tally = tally.plus(RunOutcome.FAILED);
            }
        }
        return tally;
    }
}
