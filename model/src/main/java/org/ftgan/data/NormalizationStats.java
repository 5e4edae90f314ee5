package org.ftgan.data;

/**
 * Per-vertex, per-coordinate mean and standard deviation over a set of samples (the train split),
 * in mm. The standard deviation is the population one (divide by n) and is floored at
 * {@value #STD_FLOOR_MM} mm, so a coordinate that never varies normalizes to 0 instead of
 * dividing by zero.
 *
 * <p>Accumulates in double, shifted by the first sample, so large offsets (a face 1.7 m from the
 * scanner's origin, in mm) do not cancel away the variance.
 */
final class NormalizationStats {
    static final double STD_FLOOR_MM = 1e-3;

    private final int length;
    private double[] shift;
    private final double[] sum;
    private final double[] sumSquares;
    private long count;

    NormalizationStats(int length) {
        this.length = length;
        this.sum = new double[length];
        this.sumSquares = new double[length];
    }

    void add(float[] sample) {
        if (sample.length != length) {
            throw new IllegalArgumentException("sample has " + sample.length + " values, expected " + length);
        }
        if (shift == null) {
            shift = new double[length];
            for (int i = 0; i < length; i++) {
                shift[i] = sample[i];
            }
        }
        for (int i = 0; i < length; i++) {
            double d = sample[i] - shift[i];
            sum[i] += d;
            sumSquares[i] += d * d;
        }
        count++;
    }

    long count() {
        return count;
    }

    float[] mean() {
        requireSamples();
        float[] m = new float[length];
        for (int i = 0; i < length; i++) {
            m[i] = (float) (shift[i] + sum[i] / count);
        }
        return m;
    }

    float[] std() {
        requireSamples();
        float[] s = new float[length];
        for (int i = 0; i < length; i++) {
            double meanShifted = sum[i] / count;
            double variance = Math.max(0, sumSquares[i] / count - meanShifted * meanShifted);
            s[i] = (float) Math.max(STD_FLOOR_MM, Math.sqrt(variance));
        }
        return s;
    }

    private void requireSamples() {
        if (count == 0) {
            throw new IllegalStateException("no samples in the statistics (the train split is empty)");
        }
    }
}
