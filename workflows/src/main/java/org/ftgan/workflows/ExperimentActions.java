package org.ftgan.workflows;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.ExperimentRow;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.RunRow;
import org.ftgan.workflows.ActionRefusedException.Reason;
import org.ftgan.workflows.experiment.ExperimentInput;
import org.ftgan.workflows.experiment.RunTally;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.ftgan.workflows.run.RunOutcome;

/**
 * What can be done to experiments already submitted: cancel an experiment or one run, retry the
 * failed runs of an ended experiment, and run a stored definition again under a new id. Each checks
 * the records first and refuses with {@link ActionRefusedException} (not found, or conflicting
 * with the current state) rather than asking Temporal for something that cannot happen.
 */
public final class ExperimentActions {
    /** The runs a retry started again. */
    public record Retry(String experimentId, List<String> runIds) {
    }

    private final ExperimentSubmitter submitter;
    private final PlatformRecords records;

    public ExperimentActions(ExperimentSubmitter submitter, PlatformRecords records) {
        this.submitter = submitter;
        this.records = records;
    }

    /** Cancels a running experiment: its running runs checkpoint and stop, queued ones never start. */
    public void cancelExperiment(String experimentId) {
        ExperimentRow e = experiment(experimentId);
        if (e.status().isTerminal()) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId + " has already ended ("
                    + e.status().dbName() + ")");
        }
        if (submitter.workflowRunning(WorkflowIds.experiment(experimentId))) {
            try {
                submitter.cancelExperiment(experimentId);
                return;
            } catch (WorkflowNotFoundException endedJustNow) {
                // its own bookkeeping ran before it closed; what is still unfinished below is stale
            }
        }
        // Temporal has nothing running for it (terminated there, or its bookkeeping was lost): the
        // records are the only thing left to stop, so they are made to say what Temporal says
        recordCancelled(experimentId, "cancelled by request; Temporal had no running workflow for it");
    }

    /** Marks every unfinished run of the experiment, and the experiment, cancelled in the records. */
    private void recordCancelled(String experimentId, String reason) {
        for (RunRow run : records.runs().listByExperiment(experimentId)) {
            if (!run.status().isTerminal()) {
                records.runs().setStatus(run.id(), RunStatus.CANCELLED, reason, run.attempt());
            }
        }
        if (!experiment(experimentId).status().isTerminal()) {
            records.experiments().setStatus(experimentId, ExperimentStatus.CANCELLED, reason);
            records.experiments().markFinished(experimentId);
        }
    }

    /**
     * Cancels one run; its siblings go on. A running one checkpoints and stops; a queued one (no
     * workflow yet) is recorded cancelled by its experiment's workflow and never starts.
     */
    public void cancelRun(String runId) {
        RunRow run = records.runs().find(runId).orElseThrow(() ->
                new ActionRefusedException(Reason.NOT_FOUND, "no run with id '" + runId + "'"));
        if (run.status().isTerminal()) {
            throw new ActionRefusedException(Reason.CONFLICT, "run " + runId + " has already ended ("
                    + run.status().dbName() + ")");
        }
        if (submitter.workflowRunning(WorkflowIds.run(runId))) {
            try {
                submitter.cancelRun(runId);
                return;
            } catch (WorkflowNotFoundException endedJustNow) {
                // handled below like a run without a workflow
            }
        }
        if (run.status() == RunStatus.QUEUED && submitter.workflowRunning(WorkflowIds.experiment(run.experimentId()))) {
            // a queued run has no workflow until its experiment reaches it: the experiment's skips it
            try {
                submitter.cancelQueuedRun(run.experimentId(), runId);
                return;
            } catch (WorkflowNotFoundException endedJustNow) {
                // its own bookkeeping ran before it closed; handled below like a run without a workflow
            }
        }
        // Temporal has nothing running for it (nor for its experiment, if it never started): unless a
        // workflow's own bookkeeping ended it just now, the records are stale and are made to say so
        RunRow now = records.runs().find(runId).orElse(run);
        if (!now.status().isTerminal()) {
            records.runs().setStatus(runId, RunStatus.CANCELLED,
                    "cancelled by request; Temporal had no running workflow for it", now.attempt());
        }
    }

    /**
     * Runs the failed runs of an ended experiment again (training resumes from their last
     * checkpoint); the experiment's workflow starts again for them and ends with a status that
     * counts every run.
     */
    public Retry retryFailed(String experimentId) {
        ExperimentRow e = experiment(experimentId);
        if (!e.status().isTerminal()) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId + " is still "
                    + e.status().dbName() + "; retry its failed runs once it has ended");
        }
        List<Integer> failed = new ArrayList<>();
        List<String> failedIds = new ArrayList<>();
        RunTally kept = RunTally.NONE;
        for (RunRow run : records.runs().listByExperiment(experimentId)) {
            switch (run.status()) {
                case FAILED -> {
                    failed.add(run.runIndex());
                    failedIds.add(run.id());
                }
                case SUCCEEDED -> kept = kept.plus(RunOutcome.SUCCEEDED);
                // stopped by the sweep's early stopping: kept as it is, and not a failure
                case STOPPED_EARLY -> kept = kept.plus(RunOutcome.STOPPED_EARLY);
                default -> kept = kept.plus(RunOutcome.CANCELLED);
            }
        }
        if (failed.isEmpty()) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId + " has no failed runs");
        }
        ExperimentSubmitter.Options o = submitter.options();
        boolean started = submitter.startWorkflow(ExperimentInput.retry(experimentId, o.heartbeatTimeoutSeconds(),
                o.maxAttempts(), failed, kept).withRunsPerExecution(o.runsPerExecution()),
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
        if (!started) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId
                    + " has a running workflow already (a retry is under way)");
        }
        return new Retry(experimentId, List.copyOf(failedIds));
    }

    /**
     * Runs an experiment's stored definition again as a new experiment {@code <id>-rerun-<n>} (n
     * counting from 1): same definition, same seeds, new runs.
     */
    public ExperimentSubmitter.Submission rerun(String experimentId, String submitterName) {
        ExperimentRow e = experiment(experimentId);
        String newId;
        for (int n = 1; ; n++) {
            newId = experimentId + "-rerun-" + n;
            if (records.experiments().insertIfAbsent(new NewExperiment(newId, e.name(), e.description(), e.tags(),
                    e.definition(), e.definitionYaml(), e.definitionHash(), submitterName))) {
                break;
            }
        }
        ExperimentSubmitter.Options o = submitter.options();
        submitter.startWorkflow(ExperimentInput.start(newId, o.heartbeatTimeoutSeconds(), o.maxAttempts())
                .withRunsPerExecution(o.runsPerExecution()), WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
        long runs = e.definition().path("runs").asLong(e.runCount());
        return new ExperimentSubmitter.Submission(newId, e.definitionHash(), runs, false);
    }

    private ExperimentRow experiment(String experimentId) {
        return records.experiments().find(experimentId).orElseThrow(() ->
                new ActionRefusedException(Reason.NOT_FOUND, "no experiment with id '" + experimentId + "'"));
    }
}
