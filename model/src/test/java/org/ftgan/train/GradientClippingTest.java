package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.ftgan.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class GradientClippingTest {

    private static List<Parameter> withGradients(double[] first, float[] second) {
        Parameter a = new Parameter("a", Nd4j.zeros(DataType.DOUBLE, first.length));
        a.grad().assign(Nd4j.createFromArray(first));
        Parameter b = new Parameter("b", Nd4j.zeros(DataType.FLOAT, second.length));
        b.grad().assign(Nd4j.createFromArray(second));
        return List.of(a, b);
    }

    @Test
    void globalNormRunsOverAllParameters() {
        // 1^2 + 2^2 + 2^2 + 4^2 = 25
        assertEquals(5.0, GradientClipping.globalNorm(withGradients(new double[] {1, 2}, new float[] {2, 4})), 1e-12);
    }

    @Test
    void largeGradientsAreScaledToTheLimit() {
        List<Parameter> params = withGradients(new double[] {3, 0}, new float[] {0, 4});
        double before = GradientClipping.clipGlobalNorm(params, 1.0);
        assertEquals(5.0, before, 1e-12);
        double scale = 1.0 / (5.0 + 1e-6);
        assertEquals(3 * scale, params.get(0).grad().getDouble(0), 1e-12);
        assertEquals(4 * scale, params.get(1).grad().getDouble(1), 1e-7);
        assertEquals(1.0, GradientClipping.globalNorm(params), 1e-6);
    }

    @Test
    void smallGradientsAreLeftAlone() {
        List<Parameter> params = withGradients(new double[] {0.3}, new float[] {0.4f});
        assertEquals(0.5, GradientClipping.clipGlobalNorm(params, 1.0), 1e-7);
        assertEquals(0.3, params.get(0).grad().getDouble(0), 0);
        assertEquals(0.4f, params.get(1).grad().getFloat(0), 0f);
    }

    @Test
    void nonFiniteNormIsReportedAndNothingScaled() {
        List<Parameter> params = withGradients(new double[] {Double.NaN, 1}, new float[] {2});
        assertEquals(Double.NaN, GradientClipping.clipGlobalNorm(params, 1.0));
        assertEquals(1.0, params.get(0).grad().getDouble(1), 0);
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGlobalNorm(params, 0));
    }
}
