package org.ftgan.workflows.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ftgan.definition.EarlyStopping;

/**
 * The experiment workflow's early-stopping decisions (sweep.early_stopping): the figures that runs
 * reported at judged steps, and which runs were stopped. Plain and deterministic, so that it can live in
 * workflow state: it is rebuilt by replaying the same reports in the same order (signals in the
 * history), and its reports travel across continue-as-new in {@link ExperimentInput#rungReports}.
 *
 * <p>Each (run, step) is judged once, when it first arrives; a report of a run already stopped is
 * ignored. The rules (see {@link EarlyStopping}):
 * <ul>
 *   <li>asha: of the n runs that have reached the rung so far (this one included), the best
 *       max(1, floor(n / reduction_factor)) continue: a run stops when that many or more are strictly
 *       better. The first run at a rung always continues; ties continue.</li>
 *   <li>median: a run stops when the median of the other runs' figures at the same step is strictly
 *       better than its own; with no other run there yet it continues.</li>
 * </ul>
 *
 * <p>A decision's reason names the step, the metric, the run's figure and the cut-off it was judged
 * against (asha: the kept-th best figure of the others there; median: their median). A stopped run's
 * event carries it, and the records' {@code StopReason} reads those back for the dashboard's rungs:
 * keep the two in step ({@code EarlyStoppingBookTest} parses every reason it makes).
 */
public final class EarlyStoppingBook {
    private final EarlyStopping rule;
    private final List<RungReport> judged = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> stopped = new HashSet<>();

    /** @param judgedBefore reports judged in earlier executions of the workflow, in order */
    public EarlyStoppingBook(EarlyStopping rule, List<RungReport> judgedBefore) {
        this.rule = rule;
        for (RungReport r : judgedBefore) {
            judged.add(r);
            seen.add(key(r));
        }
    }

    /** What was decided about one report. */
    public record Decision(RungReport report, boolean stop, String reason) {
    }

    /**
     * Judges a report: null when it is not judged (not a judged step, already judged, or its run was
     * stopped already), else whether its run stops, and why.
     */
    public Decision judge(RungReport r) {
        if (!rule.judges(r.step()) || stopped.contains(r.runId()) || !seen.add(key(r))) {
            return null;
        }
        List<Double> others = new ArrayList<>();
        for (RungReport o : judged) {
            if (o.step() == r.step() && !o.runId().equals(r.runId())) {
                others.add(o.value());
            }
        }
        judged.add(r);
        Decision d = rule.method().equals(EarlyStopping.ASHA) ? asha(r, others) : median(r, others);
        if (d.stop()) {
            stopped.add(r.runId());
        }
        return d;
    }

    private Decision asha(RungReport r, List<Double> others) {
        int n = others.size() + 1;
        int kept = Math.max(1, n / rule.reductionFactor());
        long better = others.stream().filter(v -> rule.better(v, r.value())).count();
        boolean stop = better >= kept;
        // the cut-off: the kept-th best of the others, which a run must equal or beat (none while fewer have arrived)
        List<Double> sorted = bestFirst(others);
        String cutoff = sorted.size() >= kept ? "cut-off " + figure(sorted.get(kept - 1)) + "; " : "";
        String reason = String.format(Locale.ROOT, "rung %d: %s %s is %s the best %d of the %d runs that reached it (%s%d better; asha, reduction factor %d)",
                r.step(), rule.metric(), figure(r.value()), stop ? "not among" : "among", kept, n, cutoff, better, rule.reductionFactor());
        return new Decision(r, stop, reason);
    }

    private Decision median(RungReport r, List<Double> others) {
        if (others.isEmpty()) {
            return new Decision(r, false, "step " + r.step() + ": no other run there yet");
        }
        List<Double> sorted = bestFirst(others);
        int m = sorted.size();
        double median = m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2;
        boolean stop = rule.better(median, r.value());
        String reason = String.format(Locale.ROOT, "step %d: %s %s is %s the median %s of the %d other runs there (median rule)",
                r.step(), rule.metric(), figure(r.value()), stop ? "worse than" : "no worse than", figure(median), m);
        return new Decision(r, stop, reason);
    }

    /** The figures best first; NaN last. */
    private List<Double> bestFirst(List<Double> figures) {
        List<Double> sorted = new ArrayList<>(figures);
        sorted.sort((a, b) -> rule.better(a, b) ? -1 : rule.better(b, a) ? 1 : 0);
        return sorted;
    }

    /** Every judged report, in the order judged (for continue-as-new). */
    public List<RungReport> judged() {
        return List.copyOf(judged);
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String key(RungReport r) {
        return r.runId() + "@" + r.step();
    }
}
