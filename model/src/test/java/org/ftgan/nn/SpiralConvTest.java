package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ftgan.topology.Spirals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class SpiralConvTest extends DoublePrecisionTest {
    /** Spirals whose rows repeat indices heavily, like padded spirals on a tiny mesh. */
    private static Spirals repeatingSpirals() {
        int v = 7;
        int len = 5;
        int[] idx = new int[v * len];
        for (int i = 0; i < v; i++) {
            idx[i * len] = i;
            idx[i * len + 1] = (i + 1) % v;
            idx[i * len + 2] = (i + 1) % v;
            idx[i * len + 3] = 0;
            idx[i * len + 4] = 0;
        }
        return new Spirals(v, len, idx);
    }

    /** Widening layers gather then multiply; narrowing ones (5 -> 2) multiply then gather on the Java path. */
    @ParameterizedTest(name = "cpuKernels={0}, in={1}, out={2}")
    @CsvSource({"true, 3, 4", "false, 3, 4", "true, 5, 2", "false, 5, 2"})
    void forwardIsTheSpiralConcatenationTimesWeightPlusBias(boolean cpuKernels, int in, int out) {
        Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
        SplittableRandom rng = new SplittableRandom(3);
        Spirals s = repeatingSpirals();
        SpiralConv conv = new SpiralConv("conv", in, out, s, rng);
        conv.bias().value().assign(GradientCheck.randn(rng, 1, out));
        INDArray x = GradientCheck.randn(rng, 2, 7, in);
        INDArray y = conv.forward(x);
        INDArray w = conv.weight().value();
        for (int b = 0; b < 2; b++) {
            for (int v = 0; v < 7; v++) {
                for (int o = 0; o < out; o++) {
                    double expected = conv.bias().value().getDouble(0, o);
                    for (int k = 0; k < s.length(); k++) {
                        for (int c = 0; c < in; c++) {
                            expected += x.getDouble(b, s.at(v, k), c) * w.getDouble((long) k * in + c, o);
                        }
                    }
                    assertEquals(expected, y.getDouble(b, v, o), 1e-12);
                }
            }
        }
    }

    @ParameterizedTest(name = "cpuKernels={0}, in={1}, out={2}")
    @CsvSource({"true, 3, 4", "false, 3, 4", "true, 6, 2"})
    void gradientsAddUpOverRepeatedSpiralIndices(boolean cpuKernels, int in, int out) {
        Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
        SplittableRandom rng = new SplittableRandom(5);
        SpiralConv conv = new SpiralConv("conv", in, out, repeatingSpirals(), rng);
        GradientCheck.checkModule(conv, GradientCheck.randn(rng, 3, 7, in), 11, 200);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void gradientsOnRandomSpiralsWithWideChannels(boolean cpuKernels) {
        Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
        SplittableRandom rng = new SplittableRandom(7);
        SpiralConv conv = new SpiralConv("conv", 16, 8, RandomTopology.spirals(40, 9, rng), rng);
        GradientCheck.checkModule(conv, GradientCheck.randn(rng, 2, 40, 16), 13, 150);
    }

    @Test
    void rejectsInputWithTheWrongVertexCount() {
        SpiralConv conv = new SpiralConv("conv", 3, 4, repeatingSpirals(), new SplittableRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(GradientCheck.randn(new SplittableRandom(2), 2, 8, 3)));
        assertEquals("SpiralConv input: expected shape [batch, 7, 3], got [2, 8, 3]", e.getMessage());
    }

    @Test
    void replicaSharesParametersAndAccumulatesIntoThem() {
        SplittableRandom rng = new SplittableRandom(9);
        SpiralConv conv = new SpiralConv("conv", 3, 2, repeatingSpirals(), rng);
        SpiralConv twin = conv.replica();
        assertEquals(conv.weight(), twin.weight());
        INDArray x = GradientCheck.randn(rng, 1, 7, 3);
        INDArray r = GradientCheck.randn(rng, 1, 7, 2);
        conv.zeroGrad();
        conv.forward(x);
        twin.forward(x);
        conv.backward(r);
        INDArray once = conv.weight().grad().dup();
        twin.backward(r);
        assertEquals(0.0, conv.weight().grad().sub(once.mul(2)).norm2Number().doubleValue(), 1e-12);
    }
}
