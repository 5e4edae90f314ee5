package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float-only fast paths of the Java loops (training runs in float, the gradient checks in
 * double): float results must equal the double path's to float precision.
 */
class FloatLoopsTest {
    private DataType previous;

    @BeforeEach
    void useFloat() {
        previous = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Kernels.use(Kernels.cpu());
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(previous, previous);
        Kernels.use(Kernels.hostMemory() ? Kernels.cpu() : Kernels.nd4j());
    }

    @Test
    void eluInFloatMatchesEluInDouble() {
        INDArray x = GradientCheck.randn(new SplittableRandom(2), 3, 500, 7).muli(3);
        INDArray dy = GradientCheck.randn(new SplittableRandom(3), 3, 500, 7);
        ELU single = new ELU();
        ELU twice = new ELU();
        assertClose("ELU forward", twice.forward(x), single.forward(x.castTo(DataType.FLOAT)), 2e-7);
        assertClose("ELU backward", twice.backward(dy), single.backward(dy.castTo(DataType.FLOAT)), 2e-7);
    }

    @Test
    void instanceNormInFloatMatchesInstanceNormInDouble() {
        INDArray x = GradientCheck.randn(new SplittableRandom(9), 3, 400, 5).muli(2).addi(3);
        INDArray dy = GradientCheck.randn(new SplittableRandom(10), 3, 400, 5);
        InstanceNorm single = new InstanceNorm();
        InstanceNorm twice = new InstanceNorm();
        assertClose("InstanceNorm forward", twice.forward(x), single.forward(x.castTo(DataType.FLOAT)), 1e-6);
        assertClose("InstanceNorm backward", twice.backward(dy), single.backward(dy.castTo(DataType.FLOAT)), 1e-6);
    }

    @Test
    void upSampleInFloatMatchesUpSampleInDouble() {
        SplittableRandom rng = new SplittableRandom(11);
        UpSample up = new UpSample(RandomTopology.up(90, 25, rng));
        UpSample twice = up.replica();
        INDArray x = GradientCheck.randn(rng, 3, 25, 6);
        INDArray dy = GradientCheck.randn(rng, 3, 90, 6);
        assertClose("UpSample forward", twice.forward(x), up.forward(x.castTo(DataType.FLOAT)), 1e-6);
        assertClose("UpSample backward", twice.backward(dy), up.backward(dy.castTo(DataType.FLOAT)), 1e-6);
    }

    /** Covers the float scatter (repeated spiral indices included) and the bias-gradient sums, at two mesh sizes. */
    @ParameterizedTest(name = "in={0}, out={1}, batch={2}, vertices={3}")
    @CsvSource({"3, 4, 2, 60", "16, 32, 3, 60", "40, 24, 5, 60", "8, 16, 2, 700"})
    void spiralConvInFloatMatchesSpiralConvInDouble(int in, int out, int batch, int vertices) {
        SplittableRandom topo = new SplittableRandom(4);
        var spirals = RandomTopology.spirals(vertices, 9, topo);
        SpiralConv single = new SpiralConv("conv", in, out, spirals, new SplittableRandom(5));
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        SpiralConv twice = new SpiralConv("conv", in, out, spirals, new SplittableRandom(5));
        twice.weight().value().assign(single.weight().value().castTo(DataType.DOUBLE));
        single.bias().value().assign(GradientCheck.randn(new SplittableRandom(6), 1, out).castTo(DataType.FLOAT));
        twice.bias().value().assign(single.bias().value().castTo(DataType.DOUBLE));
        INDArray x = GradientCheck.randn(new SplittableRandom(7), batch, vertices, in).castTo(DataType.FLOAT);
        INDArray dy = GradientCheck.randn(new SplittableRandom(8), batch, vertices, out).castTo(DataType.FLOAT);
        single.zeroGrad();
        twice.zeroGrad();
        assertClose("forward", twice.forward(x.castTo(DataType.DOUBLE)), single.forward(x), 1e-6);
        assertClose("input gradient", twice.backward(dy.castTo(DataType.DOUBLE)), single.backward(dy), 1e-6);
        assertClose("weight gradient", twice.weight().grad(), single.weight().grad(), 1e-6);
        assertClose("bias gradient", twice.bias().grad(), single.bias().grad(), 1e-6);
    }

    /** |float - double| at most {@code relative} times the largest magnitude of the double result. */
    private static void assertClose(String what, INDArray expected, INDArray got, double relative) {
        assertEquals(DataType.FLOAT, got.dataType(), what);
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(scale > 0, what + ": expected values are all zero");
        double err = expected.sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(err <= relative * scale, what + ": max error " + err + " exceeds " + relative + " x " + scale);
    }
}
