package org.ftgan.records.read;

import java.util.List;
import org.ftgan.names.FigureNames;
import org.ftgan.names.RunStatus;

/**
 * An experiment's figures as a table: one row per run with the overall means of E_rec,
 * E_id_decomp, E_neu and E_transfer of FaceTuneGAN and E_transfer of the blendshape baseline, and
 * the definition's published rows, each with our matching figure (the mean over the runs that
 * have it) beside the paper's.
 *
 * @param published null when the definition has no {@code published:} section
 */
public record FigureTable(String experimentId, String experimentName, List<RunRow> runs, Published published) {
    /** Column titles of the run figures, in order. */
    public static final List<String> FIGURES = FigureNames.WITH_BASELINE;

    /** @param figures one per {@link #FIGURES} entry, null where the run has no such result */
    public record RunRow(String runId, String runKey, RunStatus status, List<Double> figures) {
    }

    public record Published(Integer table, String title, String metric, String unit, String source, List<PublishedRow> rows) {
    }

    /**
     * @param expression null for a figure over all expressions
     * @param ours       which of our figures matches ({@link #FIGURES} entry), null if none does
     * @param ourMean    mean of our figure over the runs that have it, null if none has
     * @param ourRuns    how many runs contributed to {@code ourMean}
     */
    public record PublishedRow(String method, String expression, double mean, Double std, Double median, String ours,
                               Double ourMean, int ourRuns) {
    }
}
