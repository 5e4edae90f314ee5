package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ELU's float loops: the Vector API's lanes and the scalar fallback give the same bits (so a run's
 * numbers do not depend on whether a JVM has the module, nor on the JIT), and exp(x) - 1 is accurate
 * to a few float ulps.
 */
class FloatEluTest {
    @Test
    void theTestJvmHasTheVectorApiSoTheVectorLoopsAreTheOnesTested() {
        assertTrue(VectorApi.AVAILABLE, "run the tests with --add-modules jdk.incubator.vector (the surefire argLine does)");
    }

    @Test
    void vectorAndScalarForwardGiveTheSameBits() {
        // 1,003 values: not a multiple of any vector length, so the scalar tail runs too
        float[] x = values(1003, 2);
        float[] vector = x.clone();
        float[] scalar = x.clone();
        VectorElu.forward(vector, x.length);
        FloatElu.forwardScalar(scalar, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(scalar[i]), Float.floatToIntBits(vector[i]), "elu(" + x[i] + ")");
            if (x[i] > 0) {
                assertEquals(x[i], vector[i], 0f, "the identity for x > 0");
            }
        }
    }

    @Test
    void vectorAndScalarBackwardGiveTheSameBits() {
        float[] y = values(517, 3);
        FloatElu.forwardScalar(y, 0, y.length);
        float[] g = values(517, 4);
        float[] vector = g.clone();
        float[] scalar = g.clone();
        VectorElu.backward(y, vector, y.length);
        FloatElu.backwardScalar(y, scalar, 0, y.length);
        for (int i = 0; i < y.length; i++) {
            assertEquals(Float.floatToIntBits(scalar[i]), Float.floatToIntBits(vector[i]), "elu'(y=" + y[i] + ") * " + g[i]);
        }
    }

    @Test
    void expm1IsWithinThreeFloatUlpsOfTheDoubleResult() {
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = values(20_000, 6);
        for (int i = 0; i < 2_000; i++) {
            x[i] = (float) -Math.pow(10, rng.nextDouble(-12, 2)); // magnitudes from 1e-12 to 100
        }
        for (float v : x) {
            if (v > 0) {
                continue;
            }
            double exact = Math.expm1(v);
            float got = FloatElu.expm1(v);
            assertTrue(Math.abs(got - exact) <= 3 * Math.ulp((float) exact), "expm1(" + v + ") = " + got + ", exact " + exact);
        }
        assertEquals(-1f, FloatElu.expm1(-1e30f), 0f);
        assertEquals(-1f, FloatElu.expm1(Float.NEGATIVE_INFINITY), 0f);
        assertEquals(0f, FloatElu.expm1(-0f), 0f);
    }

    /** Gaussian values scaled by 3, with the edge cases first: zeros, tiny, large negative, large positive. */
    private static float[] values(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * 3);
        }
        float[] edges = {0f, -0f, 1e-30f, -1e-30f, -1e-7f, 1e-7f, -20f, -87f, -88f, -100f, -1e30f, 50f, Float.MIN_VALUE,
            -Float.MIN_VALUE, -0.34657f, -0.34658f, -0.5f, -0.6931472f};
        System.arraycopy(edges, 0, x, 0, edges.length);
        return x;
    }
}
