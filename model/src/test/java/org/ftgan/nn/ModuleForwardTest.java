package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.topology.DownSampling;
import org.ftgan.topology.Spirals;
import org.ftgan.topology.UpSampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** What the modules compute, against direct formulas, and the two implementations against each other. */
class ModuleForwardTest extends DoublePrecisionTest {
    @Test
    void upSampleMatchesTheTopologyRecordsApply() {
        SplittableRandom rng = new SplittableRandom(1);
        UpSampling up = RandomTopology.up(30, 9, rng);
        INDArray x = GradientCheck.randn(rng, 1, 9, 3).castTo(DataType.FLOAT);
        float[] expected = up.apply(x.data().asFloat(), 3);
        float[] got = new UpSample(up).forward(x).dup().data().asFloat();
        assertArrayEquals(expected, got, 1e-6f);
    }

    @Test
    void downSampleKeepsTheSelectedVertices() {
        DownSampling d = new DownSampling(5, new int[] {1, 4});
        INDArray x = Nd4j.arange(0, 20).castTo(DataType.DOUBLE).reshape(2, 5, 2);
        INDArray y = new DownSample(d).forward(x);
        assertArrayEquals(new double[] {2, 3, 8, 9, 12, 13, 18, 19}, y.dup().data().asDouble(), 0);
    }

    @Test
    void instanceNormGivesZeroMeanUnitBiasedVariancePerSampleAndChannel() {
        SplittableRandom rng = new SplittableRandom(2);
        INDArray x = GradientCheck.randn(rng, 2, 50, 3).muli(4).addi(7);
        INDArray y = new InstanceNorm().forward(x);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                INDArray col = y.get(NDArrayIndex.point(b), NDArrayIndex.all(),
                        NDArrayIndex.point(c));
                INDArray raw = x.get(NDArrayIndex.point(b), NDArrayIndex.all(),
                        NDArrayIndex.point(c));
                double var = raw.varNumber().doubleValue() * 49 / 50; // ND4J's var is unbiased
                assertEquals(0.0, col.meanNumber().doubleValue(), 1e-12);
                assertEquals(var / (var + InstanceNorm.EPS), col.mul(col).meanNumber().doubleValue(), 1e-12);
            }
        }
    }

    @Test
    void adainScalesAndShiftsTheNormalisedFeaturesPerSample() {
        SplittableRandom rng = new SplittableRandom(3);
        INDArray x = GradientCheck.randn(rng, 2, 10, 2);
        INDArray style = Nd4j.createFromArray(new double[][] {{9, 2, 3, 0.5, -1}, {9, -1, 4, 2, 0}});
        AdaIN adain = new AdaIN(2);
        INDArray y = adain.forward(x, style.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 5))).dup();
        INDArray n = new InstanceNorm().forward(x);
        for (int b = 0; b < 2; b++) {
            for (int v = 0; v < 10; v++) {
                for (int c = 0; c < 2; c++) {
                    double expected = style.getDouble(b, 1 + c) * n.getDouble(b, v, c) + style.getDouble(b, 3 + c);
                    assertEquals(expected, y.getDouble(b, v, c), 1e-12);
                }
            }
        }
    }

    @Test
    void bothImplementationsAgreeOnASpiralBlockForwardAndBackward() {
        SplittableRandom rng = new SplittableRandom(4);
        SpiralBlock block = new SpiralBlock("b", 3, 6, RandomTopology.spirals(30, 9, rng), NormKind.INSTANCE, null,
                RandomTopology.down(30, 10, rng), rng);
        INDArray x = GradientCheck.randn(rng, 2, 30, 3);
        INDArray r = GradientCheck.randn(rng, 2, 10, 6);
        Kernels.use(Kernels.cpu());
        INDArray yJava = block.forward(x).dup();
        block.zeroGrad();
        INDArray dxJava = block.backward(r).dup();
        INDArray dwJava = block.parameters().get(0).grad().dup();
        Kernels.use(Kernels.nd4j());
        INDArray yNd4j = block.forward(x).dup();
        block.zeroGrad();
        INDArray dxNd4j = block.backward(r).dup();
        assertEquals(0.0, yJava.sub(yNd4j).amaxNumber().doubleValue(), 1e-12);
        assertEquals(0.0, dxJava.sub(dxNd4j).amaxNumber().doubleValue(), 1e-12);
        assertEquals(0.0, dwJava.sub(block.parameters().get(0).grad()).amaxNumber().doubleValue(), 1e-12);
    }

    /** A down-sampling block evaluates less (ELU after D; no norm: conv at kept vertices only) but equals the plain chain. */
    @ParameterizedTest(name = "norm={0}, cpuKernels={1}")
    @CsvSource({"NONE, true", "INSTANCE, true", "NONE, false", "INSTANCE, false"})
    void downSamplingBlockEqualsConvNormEluThenDownSample(NormKind norm, boolean cpuKernels) {
        Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
        SplittableRandom topo = new SplittableRandom(6);
        Spirals spirals = RandomTopology.spirals(40, 9, topo);
        DownSampling down = RandomTopology.down(40, 11, topo);
        SpiralBlock block = new SpiralBlock("b", 4, 6, spirals, norm, null, down, new SplittableRandom(8));
        SpiralConv conv = new SpiralConv("b.conv", 4, 6, spirals, new SplittableRandom(8));
        List<Layer> chain = new ArrayList<>(List.of(conv));
        if (norm == NormKind.INSTANCE) {
            chain.add(new InstanceNorm());
        }
        chain.addAll(List.of(new ELU(), new DownSample(down)));
        Sequential reference = new Sequential(chain);
        SplittableRandom rng = new SplittableRandom(9);
        INDArray x = GradientCheck.randn(rng, 3, 40, 4);
        INDArray r = GradientCheck.randn(rng, 3, 11, 6);
        INDArray expected = reference.forward(x).dup();
        reference.zeroGrad();
        INDArray expectedDx = reference.backward(r).dup();
        assertEquals(0.0, block.forward(x).sub(expected).amaxNumber().doubleValue(), 1e-12);
        block.zeroGrad();
        assertEquals(0.0, block.backward(r).sub(expectedDx).amaxNumber().doubleValue(), 1e-12);
        INDArray dw = block.parameters().get(0).grad();
        assertEquals(0.0, dw.sub(conv.weight().grad()).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void bufViewsReadRowSlicesAtTheirOffset() {
        INDArray m = Nd4j.arange(0, 12).castTo(DataType.FLOAT).reshape(4, 3);
        INDArray rows = m.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
        HostArray b = HostArray.of(rows);
        assertEquals(6.0, b.get(0), 0);
        assertEquals(11.0, b.get(5), 0);
    }
}
