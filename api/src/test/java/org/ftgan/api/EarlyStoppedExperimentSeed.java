package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.definition.EarlyStopping;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.ResultRow;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.experiment.EarlyStoppingBook;
import org.ftgan.workflows.experiment.RungReport;

/**
 * A finished ASHA sweep of nine runs written through the records repositories, its decisions made by
 * the workflow's own {@link EarlyStoppingBook} and recorded as the run workflow records them (a
 * {@code stopped_early} event whose reason is the decision's): what the experiment page's rungs must
 * show. E_transfer is judged, from step 20 with reduction factor 3 (rungs 20 and 60; budget 160); run i
 * has E_transfer 2.0 + 0.25 i + (160 - step) / 160 at every evaluation (every 20 steps), so run 0 is the
 * best. The runs reach each rung in the order {@link #ARRIVAL}: six stop at 20, one at 60, two (runs 4
 * and 0) train their budget.
 */
final class EarlyStoppedExperimentSeed {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long BUDGET = 160;
    static final int RUNS = 9;
    static final List<Integer> ARRIVAL = List.of(4, 0, 7, 2, 8, 1, 5, 3, 6);
    static final EarlyStopping RULE = new EarlyStopping("asha", "E_transfer", "min", 20, 3, Long.MAX_VALUE);
    /** The rungs below the budget (EarlyStopping.rungs() overflows without max_steps). */
    static final List<Long> RUNGS = List.of(20L, 60L);

    private EarlyStoppedExperimentSeed() {
    }

    static double transfer(int run, long step) {
        return 2.0 + 0.25 * run + (BUDGET - step) / (double) BUDGET;
    }

    /** What was decided: the step each stopped run was stopped at, by run id. */
    record Seeded(String experimentId, Map<String, Long> stoppedAt) {
        String run(int i) {
            return runId(experimentId, i);
        }
    }

    /** Run ids as the platform writes them. */
    static String runId(String experimentId, int i) {
        return String.format("%s-r%04d", experimentId, i);
    }

    static Seeded seed(PlatformRecords records, String id) {
        ObjectNode definition = JSON.createObjectNode().put("name", "asha-sweep");
        ObjectNode sweep = definition.putObject("sweep");
        sweep.putObject("grid").putObject("training").putArray("lr");
        sweep.putObject("early_stopping").put("method", "asha").put("metric", "E_transfer").put("mode", "min")
                .put("min_steps", RULE.minSteps()).put("reduction_factor", RULE.reductionFactor());
        records.experiments().insertIfAbsent(new NewExperiment(id, "asha-sweep", "a seeded ASHA sweep of " + RUNS + " runs",
                List.of("e2e"), definition, "name: asha-sweep\n", "hash-" + id, "test"));
        List<PlannedRun> planned = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            ObjectNode overrides = JSON.createObjectNode();
            overrides.putObject("training").put("lr", 1.0e-3 / (i + 1));
            ObjectNode config = overrides.deepCopy();
            ((ObjectNode) config.get("training")).put("steps", BUDGET);
            String runId = runId(id, i);
            planned.add(new PlannedRun(runId, id, i, String.format("r%04d", i), config, overrides, "config-" + runId, "hash-" + id,
                    "dataset-" + id, "code-test", 1, BUDGET));
        }
        records.runs().insertIfAbsent(planned);
        records.experiments().setRunCount(id, RUNS);
        records.experiments().markStarted(id);
        records.experiments().setStatus(id, ExperimentStatus.RUNNING, "seeded");
        for (int i = 0; i < RUNS; i++) {
            records.runs().markAttemptStarted(runId(id, i), 1, "seed");
        }

        EarlyStoppingBook book = new EarlyStoppingBook(RULE, List.of());
        Map<String, Long> stoppedAt = new LinkedHashMap<>();
        List<Integer> going = new ArrayList<>(ARRIVAL);
        for (long rung : RUNGS) {
            List<Integer> next = new ArrayList<>();
            for (int i : going) {
                String runId = runId(id, i);
                for (long s = rung == RULE.minSteps() ? 20 : rung / RULE.reductionFactor() + 20; s <= rung; s += 20) {
                    records.evaluationCurves().upsert(runId, new EvaluationCurveRecords.Point(s, 1.0, 0.1, 1.5, transfer(i, s), 2.2, 40, 0.5));
                }
                EarlyStoppingBook.Decision d = book.judge(new RungReport(runId, rung, transfer(i, rung)));
                if (d.stop()) {
                    // training learns of the stop some steps later, checkpoints there and stops
                    records.runs().updateProgress(runId, rung + 10, null, "runs/" + runId + "/checkpoints/step-" + (rung + 10));
                    records.runs().setStatus(runId, RunStatus.STOPPED_EARLY, "stopped early by the sweep at " + d.reason()
                            + "; its figures so far, best and last checkpoints are kept", 1);
                    stoppedAt.put(runId, rung);
                } else {
                    next.add(i);
                }
            }
            going = next;
        }
        for (int i : going) {
            String runId = runId(id, i);
            for (long s = 80; s <= BUDGET; s += 20) {
                records.evaluationCurves().upsert(runId, new EvaluationCurveRecords.Point(s, 1.0, 0.1, 1.5, transfer(i, s), 2.2, 40, 0.5));
            }
            records.runs().updateProgress(runId, BUDGET, null, "runs/" + runId + "/checkpoints/step-" + BUDGET);
            records.results().replaceAll(runId, List.of(new ResultRow("e_transfer", "facetunegan", "", transfer(i, BUDGET), 0.1,
                    transfer(i, BUDGET), 40)));
            records.runs().setStatus(runId, RunStatus.SUCCEEDED, null, 1);
        }
        records.experiments().setStatus(id, ExperimentStatus.SUCCEEDED, "seeded: " + (RUNS - stoppedAt.size()) + " succeeded, "
                + stoppedAt.size() + " stopped early");
        records.experiments().markFinished(id);
        return new Seeded(id, stoppedAt);
    }
}
