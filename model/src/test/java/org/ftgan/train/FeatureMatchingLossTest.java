package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftgan.nn.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FeatureMatchingLossTest {
    private static final int CHANNELS = 3;

    @Test
    void flattenedIsTheMeanAbsoluteErrorOfEveryFeature() {
        INDArray a = TestArrays.gaussian(1, DataType.DOUBLE, 2, 4 * CHANNELS);
        INDArray b = TestArrays.gaussian(2, DataType.DOUBLE, 2, 4 * CHANNELS);
        assertEquals(MeanAbsoluteError.value(a, b),
                FeatureMatchingLoss.valueAndGradient(FeaturePooling.FLATTENED, CHANNELS, a, b, 1.0, null), 0);
    }

    @Test
    void vertexMeanComparesEachChannelsMeanOverTheVertices() {
        // one row, two vertices of three channels, vertex-major: vertex 0 = (1, 2, 3), vertex 1 = (3, 2, -1)
        INDArray a = Nd4j.createFromArray(new double[][] {{1, 2, 3, 3, 2, -1}});
        // channel means of a: (2, 2, 1); b's vertices swapped and a channel changed: means (2, 2, 2)
        INDArray b = Nd4j.createFromArray(new double[][] {{3, 2, 0, 1, 2, 4}});
        assertEquals(1.0 / 3, FeatureMatchingLoss.valueAndGradient(FeaturePooling.VERTEX_MEAN, CHANNELS, a, b, 1.0, null), 1e-15);
        // where the features sit on the face does not matter, only their means
        INDArray moved = Nd4j.createFromArray(new double[][] {{3, 2, -1, 1, 2, 3}});
        assertEquals(0.0, FeatureMatchingLoss.valueAndGradient(FeaturePooling.VERTEX_MEAN, CHANNELS, a, moved, 1.0, null), 0);
        assertTrue(FeatureMatchingLoss.valueAndGradient(FeaturePooling.FLATTENED, CHANNELS, a, moved, 1.0, null) > 1);
    }

    @ParameterizedTest(name = "cpu kernels: {0}")
    @ValueSource(booleans = {true, false})
    void vertexMeanGradientMatchesCentralDifferences(boolean cpuKernels) {
        Kernels previous = Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
        try {
            checkVertexMeanGradient();
        } finally {
            Kernels.use(previous);
        }
    }

    private static void checkVertexMeanGradient() {
        INDArray a = TestArrays.gaussian(11, DataType.DOUBLE, 4, 5 * CHANNELS);
        INDArray b = TestArrays.gaussian(12, DataType.DOUBLE, 4, 5 * CHANNELS);
        double weight = 0.7;
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, 4, 5 * CHANNELS);
        grad.addi(0.25); // the loss adds into the caller's gradient
        FeatureMatchingLoss.valueAndGradient(FeaturePooling.VERTEX_MEAN, CHANNELS, a, b, weight, grad);
        grad.subi(0.25);
        GradientCheck.assertMatches(GradientCheck.numericGradient(a,
                () -> weight * FeatureMatchingLoss.valueAndGradient(FeaturePooling.VERTEX_MEAN, CHANNELS, a, b, 1.0, null)),
                grad, "d/da");
    }

    @Test
    void floatAgreesWithDouble() {
        INDArray a = TestArrays.gaussian(21, DataType.DOUBLE, 3, 4 * CHANNELS);
        INDArray b = TestArrays.gaussian(22, DataType.DOUBLE, 3, 4 * CHANNELS);
        INDArray g = Nd4j.zeros(DataType.DOUBLE, 3, 4 * CHANNELS);
        INDArray gf = Nd4j.zeros(DataType.FLOAT, 3, 4 * CHANNELS);
        double v = FeatureMatchingLoss.valueAndGradient(FeaturePooling.VERTEX_MEAN, CHANNELS, a, b, 1.0, g);
        double vf = FeatureMatchingLoss.valueAndGradient(FeaturePooling.VERTEX_MEAN, CHANNELS,
                a.castTo(DataType.FLOAT), b.castTo(DataType.FLOAT), 1.0, gf);
        assertEquals(v, vf, 1e-6);
        assertTrue(g.castTo(DataType.FLOAT).equalsWithEps(gf, 1e-6), gf.toString());
    }

    @Test
    void rowsThatAreNotWholeVerticesAreRejected() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 2, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureMatchingLoss.valueAndGradient(FeaturePooling.VERTEX_MEAN, CHANNELS, a, a.dup(), 1.0, null));
        assertTrue(e.getMessage().contains("7 features") && e.getMessage().contains("3 channels"), e.getMessage());
    }
}
