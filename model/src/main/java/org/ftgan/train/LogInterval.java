package org.ftgan.train;

import java.util.Arrays;

/**
 * The loss sums of the steps since the last progress report, kept in a checkpoint so that a run
 * resumed in the middle of a {@code log_every} interval reports the same means as one that never
 * stopped.
 *
 * @param steps    steps summed (0 right after a report)
 * @param lossSums one sum per {@link LossTerms#NAMES} entry
 */
public record LogInterval(int steps, double[] lossSums) {
    public LogInterval {
        if (steps < 0) {
            throw new IllegalArgumentException("log interval steps must be >= 0, got " + steps);
        }
        if (lossSums.length != LossTerms.NAMES.size()) {
            throw new IllegalArgumentException("log interval needs " + LossTerms.NAMES.size() + " loss sums, got "
                    + lossSums.length);
        }
        lossSums = lossSums.clone();
    }

    /** Nothing summed yet. */
    public static LogInterval empty() {
        return new LogInterval(0, new double[LossTerms.NAMES.size()]);
    }

    @Override
    public double[] lossSums() {
        return lossSums.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogInterval l && l.steps == steps && Arrays.equals(l.lossSums, lossSums);
    }

    @Override
    public int hashCode() {
        return 31 * steps + Arrays.hashCode(lossSums);
    }

    @Override
    public String toString() {
        return "LogInterval[steps=" + steps + ", lossSums=" + Arrays.toString(lossSums) + "]";
    }
}
