package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The R1 penalty's ELU kernels on both implementations, against central differences of ELU's own
 * kernels: yTangent is the derivative of elu(x + t xTangent) at t = 0, and dxTangent the derivative
 * of ELU's backward elu'(x + t xTangent) (dy + t dyTangent); y and dx are ELU's forward and backward.
 */
class EluTangentKernelTest extends DoublePrecisionTest {
    private static final double STEP = 1e-6;

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void tangentAndItsBackwardAreDirectionalDerivatives(boolean cpuKernels) {
        useKernels(cpuKernels);
        Kernels k = Kernels.current();
        SplittableRandom rng = new SplittableRandom(11);
        long[] shape = {3, 7, 5};
        // values away from ELU's kink at 0, where one-sided derivatives differ
        INDArray x = GradientCheck.randn(rng, shape).muli(2);
        for (long i = 0; i < x.length(); i++) {
            double v = x.getDouble(i);
            if (Math.abs(v) < 1e-3) {
                x.putScalar(i, v < 0 ? -0.5 : 0.5);
            }
        }
        INDArray xTangent = GradientCheck.randn(rng, shape);
        INDArray dy = GradientCheck.randn(rng, shape);
        INDArray dyTangent = GradientCheck.randn(rng, shape);

        INDArray y = Nd4j.create(x.dataType(), shape);
        INDArray yTangent = Nd4j.create(x.dataType(), shape);
        k.eluTangent(x, xTangent, y, yTangent);
        INDArray dx = Nd4j.create(x.dataType(), shape);
        INDArray dxTangent = Nd4j.create(x.dataType(), shape);
        k.eluTangentBackward(x, xTangent, dy, dyTangent, dx, dxTangent);

        INDArray elu = Nd4j.create(x.dataType(), shape);
        k.elu(x, elu);
        INDArray eluBackward = Nd4j.create(x.dataType(), shape);
        k.eluBackward(x, elu, dy, eluBackward);
        INDArray plus = forwardAndBackward(k, x.add(xTangent.mul(STEP)), dy.add(dyTangent.mul(STEP)));
        INDArray minus = forwardAndBackward(k, x.sub(xTangent.mul(STEP)), dy.sub(dyTangent.mul(STEP)));
        for (long i = 0; i < x.length(); i++) {
            assertEquals(elu.getDouble(i), y.getDouble(i), 1e-15, "y at " + i);
            assertEquals(eluBackward.getDouble(i), dx.getDouble(i), 1e-15, "dx at " + i);
            double yNumeric = (plus.getDouble(0, i) - minus.getDouble(0, i)) / (2 * STEP);
            double dxNumeric = (plus.getDouble(1, i) - minus.getDouble(1, i)) / (2 * STEP);
            assertEquals(yNumeric, yTangent.getDouble(i), 1e-7 * (1 + Math.abs(yNumeric)), "yTangent at " + i);
            assertEquals(dxNumeric, dxTangent.getDouble(i), 1e-7 * (1 + Math.abs(dxNumeric)), "dxTangent at " + i);
        }
    }

    /** Rows [elu(x); elu'(x) dy], flattened. */
    private static INDArray forwardAndBackward(Kernels k, INDArray x, INDArray dy) {
        INDArray y = Nd4j.create(x.dataType(), x.shape());
        k.elu(x, y);
        INDArray dx = Nd4j.create(x.dataType(), x.shape());
        k.eluBackward(x, y, dy, dx);
        return Nd4j.vstack(y.reshape(1, y.length()), dx.reshape(1, dx.length()));
    }
}
