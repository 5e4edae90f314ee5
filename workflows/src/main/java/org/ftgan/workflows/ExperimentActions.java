package org.ftgan.workflows;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ftgan.names.FigureNames;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.ExperimentRow;
import org.ftgan.records.NewEvent;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;
import org.ftgan.workflows.ActionRefusedException.Reason;
import org.ftgan.workflows.experiment.ContinuableRun;
import org.ftgan.workflows.experiment.ContinueRequest;
import org.ftgan.workflows.experiment.ExperimentInput;
import org.ftgan.workflows.experiment.RunTally;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.ftgan.workflows.run.RunOutcome;

/**
 * What can be done to experiments already submitted: cancel an experiment or one run, retry the
 * failed runs of an ended experiment, continue ended runs to a larger budget, change how many runs
 * train at once, and run a stored definition again under a new id. Each checks
 * the records first and refuses with {@link ActionRefusedException} (not found, or conflicting
 * with the current state) rather than asking Temporal for something that cannot happen.
 */
public final class ExperimentActions {
    /** The runs a retry started again. */
    public record Retry(String experimentId, List<String> runIds) {
    }

    /** The runs a continuation queued again, to {@code steps} steps. */
    public record Continuation(String experimentId, long steps, List<String> runIds) {
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

    /** The most runs a search sweep may reach by additions: as many as a definition may expand to. */
    public static final int MAX_SEARCH_RUNS = 100_000;

    /**
     * Adds {@code count} points to a running search sweep (sweep.search); its workflow records the addition
     * as an event and proposes them as slots free up. Refused for an experiment that has ended, that has
     * no search, or that would exceed {@link #MAX_SEARCH_RUNS} runs.
     */
    public void addSearchPoints(String experimentId, int count) {
        ExperimentRow e = experiment(experimentId);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (e.status().isTerminal()) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId + " has already ended ("
                    + e.status().dbName() + "); points are added to a running search");
        }
        if (!e.definition().path("sweep").has("search")) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId
                    + " has no sweep.search: its runs were planned up front");
        }
        if ((long) e.runCount() + count > MAX_SEARCH_RUNS) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId + " has " + e.runCount()
                    + " runs; " + count + " more would exceed the " + MAX_SEARCH_RUNS + " allowed");
        }
        try {
            submitter.addSearchPoints(experimentId, count);
        } catch (WorkflowNotFoundException ended) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId
                    + " has no running workflow to add points to");
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
     * Continues ended runs of an experiment to a budget of {@code steps}: each trains on from its last
     * checkpoint (the curve it would have had uninterrupted) and is evaluated again, and the sweep's early
     * stopping no longer judges it. While the experiment runs, its workflow is asked to queue them beside
     * the sweep's other runs (they take the next free slots, first); once it has ended, its workflow starts
     * again for them, like a retry. The runs are either named ({@code runIds}) or the {@code top} best of
     * the experiment by a figure: each run's best value of {@code metric} in its evaluation during training,
     * else its final result (lower is better; runs with neither are not ranked). A continuable run has
     * ended succeeded, stopped early or cancelled, with a checkpoint, and has trained fewer than
     * {@code steps} steps ({@link ContinuableRun#whyNot}); the workflow checks that again when the request
     * reaches it, and passes over a run that no longer is (another request queued it meanwhile).
     *
     * @param metric a figure name ({@code E_transfer}); null: the sweep's early-stopping metric, else E_transfer
     */
    public Continuation continueRuns(String experimentId, long steps, List<String> runIds, Integer top, String metric) {
        ExperimentRow e = experiment(experimentId);
        if ((runIds == null || runIds.isEmpty()) == (top == null)) {
            throw new IllegalArgumentException("name the runs to continue or ask for the top K, one of the two");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        List<RunRow> all = records.runs().listByExperiment(experimentId);
        List<RunRow> chosen = runIds != null && !runIds.isEmpty() ? named(experimentId, all, runIds, steps)
                : best(experimentId, all, top, steps, metric == null ? defaultMetric(e) : metric);
        Continuation continuation = new Continuation(experimentId, steps, chosen.stream().map(RunRow::id).toList());
        ContinueRequest request = new ContinueRequest(continuation.runIds(), steps);
        if (!e.status().isTerminal()) {
            try {
                submitter.continueRuns(experimentId, request);
                return continuation;
            } catch (WorkflowNotFoundException endedJustNow) {
                // its workflow has closed since the status was read (or never ran): started again below
            }
        }
        Set<String> chosenIds = new HashSet<>();
        chosen.forEach(r -> chosenIds.add(r.id()));
        List<Integer> indexes = new ArrayList<>();
        RunTally kept = RunTally.NONE;
        for (RunRow run : all) {
            if (chosenIds.contains(run.id())) {
                indexes.add(run.runIndex());
                continue;
            }
            kept = kept.plus(switch (run.status()) {
                case SUCCEEDED -> RunOutcome.SUCCEEDED;
                case STOPPED_EARLY -> RunOutcome.STOPPED_EARLY;
                case FAILED -> RunOutcome.FAILED;
                default -> RunOutcome.CANCELLED;
            });
        }
        ExperimentSubmitter.Options o = submitter.options();
        boolean started = submitter.startWorkflow(ExperimentInput.continuation(experimentId, o.heartbeatTimeoutSeconds(),
                o.maxAttempts(), indexes, kept, steps).withRunsPerExecution(o.runsPerExecution()),
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
        if (!started) {
            // a workflow runs already (a retry, a continuation, or one that ended just as the status was
            // read): it takes the request like a running sweep does
            try {
                submitter.continueRuns(experimentId, request);
            } catch (WorkflowNotFoundException endedJustNow) {
                throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId
                        + " ended while the continuation was being asked for; ask again");
            }
        }
        return continuation;
    }

    /** The runs named, each checked: this experiment's, continuable, and short of the new budget. */
    private static List<RunRow> named(String experimentId, List<RunRow> all, List<String> runIds, long steps) {
        Map<String, RunRow> byId = new LinkedHashMap<>();
        all.forEach(r -> byId.put(r.id(), r));
        List<RunRow> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(runIds)) {
            RunRow run = byId.get(id);
            if (run == null) {
                throw new ActionRefusedException(Reason.NOT_FOUND, "experiment " + experimentId + " has no run '" + id + "'");
            }
            String why = ContinuableRun.whyNot(run, steps);
            if (why != null) {
                throw new ActionRefusedException(Reason.CONFLICT, "run " + id + " cannot be continued to " + steps
                        + " steps: " + why);
            }
            out.add(run);
        }
        return out;
    }

    /** The {@code top} continuable runs with the lowest figure. */
    private List<RunRow> best(String experimentId, List<RunRow> all, int top, long steps, String metric) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
        if (!FigureNames.NAMES.contains(metric)) {
            throw new IllegalArgumentException("metric '" + metric + "' is not a figure; expected one of " + FigureNames.NAMES);
        }
        String key = FigureNames.key(metric);
        record Ranked(RunRow run, double figure) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (RunRow run : all) {
            if (ContinuableRun.whyNot(run, steps) == null) {
                double f = figure(run.id(), key);
                if (Double.isFinite(f)) {
                    ranked.add(new Ranked(run, f));
                }
            }
        }
        if (ranked.isEmpty()) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId + " has no run that can be"
                    + " continued to " + steps + " steps with a figure of " + metric + " to rank it by");
        }
        ranked.sort(Comparator.comparingDouble(Ranked::figure).thenComparingInt(r -> r.run().runIndex()));
        return ranked.stream().limit(top).map(Ranked::run).toList();
    }

    /** The run's best value of a figure during training, else its final overall result; NaN for neither. */
    private double figure(String runId, String key) {
        double best = Double.NaN;
        for (EvaluationCurveRecords.Point p : records.evaluationCurves().points(runId)) {
            double v = p.figure(key);
            if (Double.isFinite(v) && !(v >= best)) {
                best = v;
            }
        }
        if (Double.isFinite(best)) {
            return best;
        }
        for (ResultRow r : records.results().list(runId)) {
            if (r.metric().equals(key) && r.method().equals(FigureNames.FACETUNEGAN) && r.expression().equals(ResultRow.OVERALL)) {
                return r.mean();
            }
        }
        return Double.NaN;
    }

    /** The sweep's early-stopping figure, else E_transfer. */
    private static String defaultMetric(ExperimentRow e) {
        String m = e.definition().path("sweep").path("early_stopping").path("metric").asText("");
        return FigureNames.NAMES.contains(m) ? m : FigureNames.E_TRANSFER;
    }

    /**
     * Sets how many of a running experiment's runs train at once, from now on (at least 1), and records
     * it as an experiment event.
     */
    public void setMaxParallel(String experimentId, int maxParallel, String by) {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("max_parallel must be at least 1, got " + maxParallel);
        }
        ExperimentRow e = experiment(experimentId);
        if (e.status().isTerminal()) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId + " has already ended ("
                    + e.status().dbName() + "); max_parallel matters only while it runs");
        }
        try {
            submitter.setMaxParallel(experimentId, maxParallel);
        } catch (WorkflowNotFoundException endedJustNow) {
            throw new ActionRefusedException(Reason.CONFLICT, "experiment " + experimentId + " has no running workflow");
        }
        records.events().append(new NewEvent(experimentId, null, e.status(), "max_parallel set to " + maxParallel + " by " + by,
                null, null, "experiment:" + experimentId + ":max-parallel:" + UUID.randomUUID()));
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
