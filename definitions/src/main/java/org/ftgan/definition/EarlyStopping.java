package org.ftgan.definition;

import java.util.List;
import java.util.Locale;
import org.ftgan.names.FigureNames;

/**
 * A sweep's {@code early_stopping:} section: which figure of the evaluation during training judges the
 * runs, and by which rule. Immutable and plain (its JSON is part of workflow inputs).
 *
 * <ul>
 *   <li>{@code asha}: asynchronous successive halving. Rungs are at {@code minSteps * reductionFactor^k}
 *       steps below {@code maxSteps}; a run reaching a rung continues only if it is in the top
 *       1/{@code reductionFactor} of the runs that have reached that rung so far (at least the best one).</li>
 *   <li>{@code median}: at every evaluation from {@code minSteps} on (below {@code maxSteps}), a run stops
 *       when its figure is worse than the median of the other runs' figures at the same step.</li>
 * </ul>
 *
 * @param method          {@link #ASHA} or {@link #MEDIAN}
 * @param metric          the figure's name as {@link FigureNames} writes it ({@code E_transfer})
 * @param mode            {@code min}: lower is better (every figure is an error in millimetres); {@code max}
 * @param minSteps        the first rung; a multiple of {@code evaluation.every_steps}
 * @param reductionFactor rungs' spacing and the kept fraction (asha; 2 or more)
 * @param maxSteps        no decision at this step or after (a run past every rung trains to its budget)
 */
public record EarlyStopping(String method, String metric, String mode, long minSteps, int reductionFactor, long maxSteps) {
    public static final String ASHA = "asha";
    public static final String MEDIAN = "median";
    public static final List<String> METHODS = List.of(ASHA, MEDIAN);
    public static final List<String> MODES = List.of("min", "max");
    /** The figures that evaluation during training records, by name. */
    public static final List<String> METRICS = FigureNames.NAMES;

    /** The figure's key ({@code e_transfer}), as evaluation curves and results name it. */
    public String metricKey() {
        return FigureNames.key(metric);
    }

    /** Whether a figure measured at {@code step} is judged: a rung (asha) or any step in range (median). */
    public boolean judges(long step) {
        if (step < minSteps || step >= maxSteps) {
            return false;
        }
        if (!method.equals(ASHA)) {
            return true;
        }
        long rung = minSteps;
        while (rung < step) {
            rung = Math.multiplyExact(rung, reductionFactor);
        }
        return rung == step;
    }

    /** The rungs (asha), in order; without {@code max_steps}, every rung a step count can reach. */
    public List<Long> rungs() {
        java.util.ArrayList<Long> out = new java.util.ArrayList<>();
        // without max_steps (Long.MAX_VALUE) the rungs go on until the next one would pass a long
        for (long r = minSteps; r < maxSteps; r = r > Long.MAX_VALUE / reductionFactor ? Long.MAX_VALUE : r * reductionFactor) {
            out.add(r);
        }
        return out;
    }

    /** Whether {@code a} is strictly better than {@code b} (NaN is worse than anything). */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return mode.equals("max") ? a > b : a < b;
    }

    /** One line for events and logs. */
    public String describe() {
        return String.format(Locale.ROOT, "%s on %s (%s), from step %d%s", method, metric, mode, minSteps,
                method.equals(ASHA) ? ", reduction factor " + reductionFactor : "");
    }
}
