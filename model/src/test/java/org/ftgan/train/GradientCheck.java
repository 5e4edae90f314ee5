package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences of a scalar function of a DOUBLE array, compared with an analytic gradient. */
final class GradientCheck {
    private static final double STEP = 1e-6;

    private GradientCheck() {
    }

    /** d f / d x[i] for every flat index i, by (f(x + h e_i) - f(x - h e_i)) / 2h; x is restored. */
    static double[] numericGradient(INDArray x, DoubleSupplier f) {
        assertEquals(DataType.DOUBLE, x.dataType(), "finite differences need DOUBLE inputs");
        double[] g = new double[(int) x.length()];
        for (int i = 0; i < g.length; i++) {
            double original = x.getDouble(i);
            x.putScalar(i, original + STEP);
            double up = f.getAsDouble();
            x.putScalar(i, original - STEP);
            double down = f.getAsDouble();
            x.putScalar(i, original);
            g[i] = (up - down) / (2 * STEP);
        }
        return g;
    }

    /**
     * Every element agrees to a relative error below {@code 1e-6}; elements where both are tiny
     * (an input the function does not depend on) must agree to 1e-10 absolutely.
     */
    static void assertMatches(double[] numeric, INDArray analytic, String what) {
        assertEquals(numeric.length, analytic.length(), what + ": gradient length");
        double worst = 0;
        boolean anyNonZero = false;
        for (int i = 0; i < numeric.length; i++) {
            double a = analytic.getDouble(i);
            double n = numeric[i];
            double scale = Math.max(Math.abs(a), Math.abs(n));
            if (scale < 1e-8) {
                assertTrue(Math.abs(a - n) < 1e-10, what + ": element " + i + " analytic " + a + " numeric " + n);
                continue;
            }
            anyNonZero = true;
            worst = Math.max(worst, Math.abs(a - n) / scale);
        }
        assertTrue(anyNonZero, what + ": gradient is zero everywhere, the check would prove nothing");
        assertTrue(worst < 1e-6, what + ": worst relative error " + worst);
    }
}
