package org.ftgan.worker.bookkeeping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ftgan.definition.ExperimentDefinition;
import org.ftgan.definition.InvalidDefinitionException;
import org.ftgan.definition.RunBudget;
import org.ftgan.definition.RunSpec;
import org.ftgan.definition.Search;
import org.ftgan.definition.Sweep;
import org.ftgan.definition.Tpe;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.FigureNames;
import org.ftgan.names.RunStatus;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.NewEvent;
import org.ftgan.records.ResultRow;
import org.ftgan.records.ExperimentRow;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.RunRow;
import org.ftgan.worker.FailureTypes;
import org.ftgan.worker.RoutineFailures;
import org.ftgan.worker.run.RunIds;
import org.ftgan.workflows.CodeVersion;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.bookkeeping.BookkeepingActivities;
import org.ftgan.workflows.experiment.ContinuableRun;
import org.ftgan.workflows.experiment.PreparedDatasetRef;
import org.ftgan.workflows.experiment.RunPlan;
import org.ftgan.workflows.experiment.SearchPoint;

/** See {@link BookkeepingActivities}. */
public class BookkeepingActivitiesImpl implements BookkeepingActivities {
    /** Rows inserted per statement batch when planning a large sweep. */
    private static final int PLAN_BATCH = 500;

    private final PlatformRecords records;

    public BookkeepingActivitiesImpl(PlatformRecords records) {
        this.records = records;
    }

    /** The stored definition (already validated and with its variables substituted at submission). */
    public static ExperimentDefinition storedDefinition(PlatformRecords records, String experimentId) {
        ExperimentRow row = records.experiments().find(experimentId).orElseThrow(() ->
                RoutineFailures.nonRetryable("no experiment " + experimentId + " in the records",
                        FailureTypes.INVALID_CONFIG));
        // the stored JSON has its variables substituted; "runs" is a count derived from it, not a key
        ObjectNode stored = row.definition().deepCopy();
        stored.remove("runs");
        try {
            return ExperimentDefinition.parse(stored.toString(), "experiment " + experimentId, Map.of());
        } catch (InvalidDefinitionException e) {
            throw RoutineFailures.nonRetryable("the stored definition of " + experimentId
                    + " no longer validates: " + String.join("; ", e.report().lines()), FailureTypes.INVALID_CONFIG);
        }
    }

    @Override
    public RunPlan planRuns(String experimentId, PreparedDatasetRef dataset) {
        ExperimentDefinition definition = storedDefinition(records, experimentId);
        // the hash of the definition as submitted (its text), not of the stored JSON form
        String definitionHash = records.experiments().find(experimentId).orElseThrow().definitionHash();
        Sweep sweep = definition.sweep();
        long size = sweep.size();
        if (sweep.search() != null) {
            // its points are proposed while it runs (proposeSearchRun), each from the figures before it; planned
            // again for a retry or a continuation, it keeps the points added while it ran
            int recorded = records.experiments().find(experimentId).orElseThrow().runCount();
            records.experiments().setRunCount(experimentId, Math.max(recorded, Math.toIntExact(size)));
            return new RunPlan(Math.toIntExact(size), definition.maxParallel(), definition.earlyStopping(), true);
        }
        List<PlannedRun> batch = new ArrayList<>(PLAN_BATCH);
        for (long from = 0; from < size; from += PLAN_BATCH) {
            batch.clear();
            for (RunSpec spec : sweep.runs(from, (int) Math.min(PLAN_BATCH, size - from))) {
                batch.add(planned(experimentId, spec, definitionHash, dataset));
            }
            records.runs().insertIfAbsent(batch);
        }
        records.experiments().setRunCount(experimentId, Math.toIntExact(size));
        return new RunPlan(Math.toIntExact(size), definition.maxParallel(), definition.earlyStopping());
    }

    private static PlannedRun planned(String experimentId, RunSpec spec, String definitionHash, PreparedDatasetRef dataset) {
        int index = Math.toIntExact(spec.index());
        return new PlannedRun(RunIds.of(experimentId, index), experimentId, index, spec.key(), spec.config(),
                spec.overrides(), spec.configHash(), definitionHash, dataset.contentHash(),
                CodeVersion.current(), spec.seed(), spec.config().path("training").path("steps").asLong(0) > 0
                        ? spec.config().path("training").path("steps").asLong() : null);
    }

    @Override
    public SearchPoint proposeSearchRun(String experimentId, PreparedDatasetRef dataset, int index, List<Integer> finished) {
        String runId = RunIds.of(experimentId, index);
        Optional<RunRow> proposed = records.runs().find(runId);
        if (proposed.isPresent()) {
            // proposed by an earlier attempt whose answer was lost: the same point, as recorded
            return new SearchPoint(runId, proposed.get().overrides().toString(), finished.size());
        }
        ExperimentDefinition definition = storedDefinition(records, experimentId);
        Search search = definition.sweep().search();
        if (search == null) {
            throw RoutineFailures.nonRetryable("experiment " + experimentId + " has no sweep.search to propose points",
                    FailureTypes.INVALID_CONFIG);
        }
        List<Tpe.Observation> observed = new ArrayList<>();
        for (int i : finished) {
            RunRow r = records.runs().find(RunIds.of(experimentId, i)).orElse(null);
            // a run cancelled by request says nothing about its point
            if (r != null && r.status() != RunStatus.CANCELLED) {
                observed.add(new Tpe.Observation(r.overrides(), figure(r, search)));
            }
        }
        RunSpec spec = definition.sweep().searchRun(index, Tpe.propose(search, index, observed));
        String definitionHash = records.experiments().find(experimentId).orElseThrow().definitionHash();
        records.runs().insertIfAbsent(List.of(planned(experimentId, spec, definitionHash, dataset)));
        return new SearchPoint(runId, spec.overrides().toString(), observed.size());
    }

    /**
     * A finished run's figure for the search: its final evaluation's overall figure; without one (stopped
     * early), the best of its evaluation curve; NaN when it has neither (a failed run), which ranks last.
     */
    private double figure(RunRow run, Search search) {
        for (ResultRow r : records.results().list(run.id())) {
            if (r.metric().equals(search.metricKey()) && r.method().equals(FigureNames.FACETUNEGAN)
                    && r.expression().equals(ResultRow.OVERALL)) {
                return r.mean();
            }
        }
        double best = Double.NaN;
        for (EvaluationCurveRecords.Point p : records.evaluationCurves().points(run.id())) {
            double v = switch (search.metricKey()) {
                case "e_rec" -> p.reconstruction();
                case "e_id_decomp" -> p.identityDecomposition();
                case "e_neu" -> p.neutralization();
                default -> p.transfer();
            };
            if (!Double.isNaN(v) && (Double.isNaN(best) || (search.mode().equals("max") ? v > best : v < best))) {
                best = v;
            }
        }
        return best;
    }

    @Override
    public void recordSearchPointsAdded(String experimentId, int added, int runCount) {
        ExperimentRow e = records.experiments().find(experimentId).orElseThrow(() ->
                RoutineFailures.nonRetryable("no experiment " + experimentId + " in the records", FailureTypes.INVALID_CONFIG));
        records.experiments().setRunCount(experimentId, runCount);
        records.events().append(new NewEvent(experimentId, null, e.status(), added + " search point" + (added == 1 ? "" : "s")
                + " added by request: " + runCount + " in all", null, null, "experiment:" + experimentId + ":search-points:" + runCount));
    }

    @Override
    public void setExperimentStatus(String experimentId, ExperimentStatus s, String reason) {
        // one event per call of the workflow (a retry or continuation enters each status again), none
        // more for a retried attempt of the same call
        ActivityInfo call = Activity.getExecutionContext().getInfo();
        records.experiments().setStatus(experimentId, s, reason, call.getWorkflowRunId() + ":" + call.getActivityId());
        if (s == ExperimentStatus.PREPARING) {
            records.experiments().markStarted(experimentId);
        } else if (s.isTerminal()) {
            records.experiments().markFinished(experimentId);
        }
    }

    @Override
    public void setRunStatus(String runId, RunStatus s, String reason) {
        RunRow run = records.runs().find(runId).orElseThrow(() ->
                RoutineFailures.nonRetryable("no run " + runId + " in the records", FailureTypes.INVALID_CONFIG));
        if (run.status() == s && s.isTerminal()) {
            return;
        }
        records.runs().setStatus(runId, s, reason, run.attempt());
    }

    @Override
    public void requeueRuns(String experimentId, List<Integer> runIndexes, String reason) {
        for (int index : runIndexes) {
            String runId = RunIds.of(experimentId, index);
            RunRow run = records.runs().find(runId).orElseThrow(() -> RoutineFailures.nonRetryable(
                    "no run " + runId + " in the records to retry", FailureTypes.INVALID_CONFIG));
            if (run.status() != RunStatus.QUEUED) {
                // a run that failed before its first attempt started has attempt 0; events count from 1
                records.runs().setStatus(runId, RunStatus.QUEUED, reason, Math.max(1, run.attempt()));
            }
        }
    }

    @Override
    public List<Integer> continueRuns(String experimentId, List<Integer> runIndexes, long steps, String reason) {
        List<Integer> bases = new ArrayList<>(runIndexes.size());
        for (int index : runIndexes) {
            String runId = RunIds.of(experimentId, index);
            RunRow run = records.runs().find(runId).orElseThrow(() -> RoutineFailures.nonRetryable(
                    "no run " + runId + " in the records to continue", FailureTypes.INVALID_CONFIG));
            ObjectNode config = RunBudget.withSteps(run.config(), steps);
            bases.add(records.runs().continueTo(runId, config, RunBudget.configHash(config), steps, reason));
        }
        return bases;
    }

    @Override
    public List<ContinuableRun> checkContinuable(String experimentId, List<String> runIds, long steps) {
        List<ContinuableRun> out = new ArrayList<>(runIds.size());
        for (String runId : runIds) {
            RunRow run = records.runs().find(runId).orElse(null);
            out.add(run == null || !run.experimentId().equals(experimentId)
                    ? new ContinuableRun(runId, -1, null, "it is not a run of experiment " + experimentId)
                    : ContinuableRun.of(run, steps));
        }
        return out;
    }

    @Override
    public void cancelQueuedRuns(String experimentId, String reason) {
        for (RunRow run : records.runs().listByExperiment(experimentId)) {
            if (run.status() == RunStatus.QUEUED) {
                records.runs().setStatus(run.id(), RunStatus.CANCELLED, reason, run.attempt());
            }
        }
    }
}
