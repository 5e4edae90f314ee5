package org.ftgan.nn;

/**
 * ELU's float loops over a heap array (the CPU kernels stage a sample's rows there): on the Vector
 * API where the process has it ({@link VectorApi}), else in scalar code. Both take exp(x) - 1 from
 * the same formula ({@link #expm1}) made of additions, multiplications, fused multiply-adds and bit
 * operations only, each exactly rounded by IEEE 754 wherever it runs (interpreted, compiled, in vector
 * lanes or alone), so every path gives the same bits: a run computes the same numbers with the Vector
 * API or without it, and before and after the JIT compiles the loop. (The Vector API's own
 * {@code EXPM1} does not: compiled it runs Intel's SVML, interpreted {@code Math.expm1}, and the two
 * differ in the last bit, which broke bit-for-bit resumption.)
 */
final class FloatElu {
    /** Below this, exp(x) - 1 is -1 in float; the clamp keeps 2^n a normal float. */
    static final float LOWEST = -87.3f;
    static final float LOG2_E = 1.44269504f;
    /**
     * 1.5 x 2^23: adding it to t (|t| < 2^22) rounds t to the nearest integer, which then sits in the
     * low mantissa bits; cheaper than a float-to-int conversion, which Java 17's Vector API does not
     * compile to vector instructions.
     */
    static final float ROUNDER = 12582912f;
    /** The bits of {@link #ROUNDER} less the float exponent bias: subtracted from the rounded bits, it leaves n + 127. */
    static final int ROUNDER_BITS_LESS_BIAS = Float.floatToRawIntBits(ROUNDER) - 127;
    /** ln 2 split in two (Cody and Waite), so n ln 2 is subtracted without rounding error in the high part. */
    static final float LN2_HIGH = 0.693359375f;
    static final float LN2_LOW = -2.12194440e-4f;
    /** Taylor coefficients of expm1(r) = r + r^2/2 + ... + r^7/5040 on |r| <= ln 2 / 2 (error below 2e-8 relative). */
    static final float C2 = 1 / 2f;
    static final float C3 = 1 / 6f;
    static final float C4 = 1 / 24f;
    static final float C5 = 1 / 120f;
    static final float C6 = 1 / 720f;
    static final float C7 = 1 / 5040f;

    private FloatElu() {
    }

    /** v[i] = v[i] > 0 ? v[i] : exp(v[i]) - 1, in place, for i in [0, n). */
    static void forward(float[] v, int n) {
        if (VectorApi.AVAILABLE) {
            VectorElu.forward(v, n);
        } else {
            forwardScalar(v, 0, n);
        }
    }

    /** g[i] = y[i] > 0 ? g[i] : g[i] * (y[i] + 1) (the derivative from the output), in place, for i in [0, n). */
    static void backward(float[] y, float[] g, int n) {
        if (VectorApi.AVAILABLE) {
            VectorElu.backward(y, g, n);
        } else {
            backwardScalar(y, g, 0, n);
        }
    }

    static void forwardScalar(float[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            v[i] = v[i] > 0 ? v[i] : expm1(v[i]);
        }
    }

    static void backwardScalar(float[] y, float[] g, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] = y[i] > 0 ? g[i] : g[i] * (y[i] + 1);
        }
    }

    /**
     * exp(x) - 1 for x <= 0, within about 2 float ulps: x = n ln 2 + r with |r| <= ln 2 / 2, so
     * exp(x) - 1 = 2^n expm1(r) + (2^n - 1), exact for n = 0 (no cancellation near 0). {@link VectorElu}
     * computes the same steps in its lanes.
     */
    static float expm1(float x) {
        x = Math.max(x, LOWEST);
        float rounded = x * LOG2_E + ROUNDER;
        float nf = rounded - ROUNDER; // n = round(x log2 e), between -126 and 0
        float r = Math.fma(nf, -LN2_HIGH, x);
        r = Math.fma(nf, -LN2_LOW, r);
        float p = Math.fma(r, C7, C6);
        p = Math.fma(r, p, C5);
        p = Math.fma(r, p, C4);
        p = Math.fma(r, p, C3);
        p = Math.fma(r, p, C2);
        p = Math.fma(r * r, p, r);
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(rounded) - ROUNDER_BITS_LESS_BIAS) << 23); // 2^n
        return Math.fma(scale, p, scale - 1f);
    }
}
