package org.ftgan.records;

import java.util.List;
import org.ftgan.names.FigureNames;

/**
 * One evaluation figure of a run: a metric of a method, over all test meshes ({@code expression}
 * is "") or over one expression.
 */
public record ResultRow(String metric, String method, String expression, double mean, double std, double median, int n) {
    /** The figures' keys ({@link FigureNames#KEYS}). */
    public static final List<String> METRICS = FigureNames.KEYS;
    public static final List<String> METHODS = FigureNames.METHODS;
    /** The expression value of a figure over all expressions. */
    public static final String OVERALL = "";

    public ResultRow {
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("result metric '" + metric + "' is not one of " + METRICS);
        }
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("result method '" + method + "' is not one of " + METHODS);
        }
        if (expression == null) {
            throw new IllegalArgumentException("result " + metric + "/" + method + " expression must be \"\" for overall, not null");
        }
        if (n < 0) {
            throw new IllegalArgumentException("result " + metric + "/" + method + "/" + expression + " n must be >= 0, got " + n);
        }
    }
}
