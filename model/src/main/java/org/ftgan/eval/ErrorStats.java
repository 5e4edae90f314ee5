package org.ftgan.eval;

import java.util.Arrays;

/**
 * Summary of per-item errors (mm): how many items, their mean, their population standard deviation
 * (divided by n, not n - 1: the figure describes the evaluated items, it does not estimate a wider
 * population) and their median (the mean of the two middle values when n is even).
 */
public record ErrorStats(int n, double mean, double std, double median) {
    public ErrorStats {
        if (n < 1) {
            throw new IllegalArgumentException("error statistics need at least one item, got n = " + n);
        }
    }

    /** Statistics of {@code errors}, which must be non-empty and finite. */
    public static ErrorStats of(double[] errors) {
        if (errors.length == 0) {
            throw new IllegalArgumentException("no errors to summarize");
        }
        double sum = 0;
        for (int i = 0; i < errors.length; i++) {
            if (!Double.isFinite(errors[i])) {
                throw new IllegalArgumentException("error " + i + " is " + errors[i] + ", expected a finite value");
            }
            sum += errors[i];
        }
        double mean = sum / errors.length;
        double squares = 0;
        for (double e : errors) {
            squares += (e - mean) * (e - mean);
        }
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new ErrorStats(errors.length, mean, Math.sqrt(squares / errors.length), median);
    }

    /** {@link #of} for a non-empty array, null for an empty one (a figure with nothing to measure). */
    public static ErrorStats ofOrNull(double[] errors) {
        return errors.length == 0 ? null : of(errors);
    }
}
