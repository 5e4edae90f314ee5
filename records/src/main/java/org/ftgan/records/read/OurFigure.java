package org.ftgan.records.read;

import java.util.Locale;

/**
 * Which of this platform's stored results sits beside a published row: the row's {@code ours}
 * ("blendshape" is the baseline's figure of the table's metric, the others are FaceTuneGAN's own)
 * at the row's expression ("all" and none are the overall figure, stored with expression '').
 */
public record OurFigure(String metric, String method, String expression) {
    public static OurFigure of(String ours, String tableMetric, String expression) {
        boolean baseline = ours.equals("blendshape");
        return new OurFigure((baseline ? tableMetric : ours).toLowerCase(Locale.ROOT), baseline ? "blendshape" : "facetunegan",
                expression == null || expression.equals("all") ? "" : expression);
    }

    /** The key of a results row (metric, method, expression) in the maps the queries build. */
    public static String key(String metric, String method, String expression) {
        return metric + "/" + method + "/" + expression;
    }

    public String key() {
        return key(metric, method, expression);
    }
}
