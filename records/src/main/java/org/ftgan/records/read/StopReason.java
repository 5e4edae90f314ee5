package org.ftgan.records.read;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code stopped_early} event's reason says about the decision: the step it was judged at, the
 * run's figure there and the cut-off it lost against. The reasons are written by the experiment
 * workflow's {@code EarlyStoppingBook} (workflows module) and prefixed by the run workflow:
 * <ul>
 *   <li>asha: {@code ... at rung 20: E_rec 3.142 is not among the best 1 of the 4 runs that reached it
 *       (cut-off 1.234; 3 better; asha, reduction factor 3) ...}; the cut-off is the kept-th best
 *       figure of the others there (reasons written before it was added have none: null);</li>
 *   <li>median: {@code ... at step 20: E_rec 3.142 is worse than the median 1.234 of the 2 other runs
 *       there (median rule) ...}; the cut-off is that median.</li>
 * </ul>
 * Figures are written with 4 significant digits (NaN as {@code NaN}).
 *
 * @param step   the judged step (asha: the rung)
 * @param metric the figure's name ({@code E_rec})
 * @param value  the run's figure at that step, NaN for NaN
 * @param cutoff the cut-off, or null where the reason does not give it
 */
public record StopReason(long step, String metric, double value, Double cutoff) {
    private static final Pattern DECISION = Pattern.compile("(?:rung|step) (\\d+): (\\S+) (\\S+) is ");
    private static final Pattern ASHA_CUTOFF = Pattern.compile("\\(cut-off ([^;\\s]+);");
    private static final Pattern MEDIAN_CUTOFF = Pattern.compile(" the median (\\S+) of ");

    /** The decision a reason describes, or empty when it is not one of early stopping's. */
    public static Optional<StopReason> parse(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        Matcher m = DECISION.matcher(reason);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            long step = Long.parseLong(m.group(1));
            double value = Double.parseDouble(m.group(3));
            Matcher c = ASHA_CUTOFF.matcher(reason);
            Double cutoff = null;
            if (c.find(m.end())) {
                cutoff = Double.parseDouble(c.group(1));
            } else {
                Matcher med = MEDIAN_CUTOFF.matcher(reason);
                if (med.find(m.end())) {
                    cutoff = Double.parseDouble(med.group(1));
                }
            }
            return Optional.of(new StopReason(step, m.group(2), value, cutoff));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
