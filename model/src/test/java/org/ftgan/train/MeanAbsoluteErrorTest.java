package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MeanAbsoluteErrorTest {

    @Test
    void meanOfAbsoluteDifferences() {
        INDArray a = Nd4j.createFromArray(new double[][] {{1, -2, 3}, {0, 0, 0}});
        INDArray b = Nd4j.createFromArray(new double[][] {{0, 2, 3}, {-1, 0, 0.5}});
        // |1| + |-4| + 0 + |1| + 0 + |-0.5| = 6.5 over 6 elements
        assertEquals(6.5 / 6, MeanAbsoluteError.value(a, b), 1e-15);
        assertEquals(6.5 / 6, MeanAbsoluteError.value(a.castTo(DataType.FLOAT), b.castTo(DataType.FLOAT)), 1e-7);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        INDArray a = TestArrays.gaussian(11, DataType.DOUBLE, 4, 6);
        INDArray b = TestArrays.gaussian(12, DataType.DOUBLE, 4, 6);
        for (int i = 0; i < a.length(); i++) {
            // keep every difference clear of the kink at 0, where differences would straddle it
            if (Math.abs(a.getDouble(i) - b.getDouble(i)) < 1e-3) {
                a.putScalar(i, a.getDouble(i) + 0.01);
            }
        }
        double weight = 0.4;
        INDArray gradA = Nd4j.zeros(DataType.DOUBLE, 4, 6);
        INDArray gradB = Nd4j.zeros(DataType.DOUBLE, 4, 6);
        MeanAbsoluteError.valueAndGradient(a, b, weight, gradA, gradB);
        GradientCheck.assertMatches(GradientCheck.numericGradient(a, () -> weight * MeanAbsoluteError.value(a, b)), gradA, "d/da");
        GradientCheck.assertMatches(GradientCheck.numericGradient(b, () -> weight * MeanAbsoluteError.value(a, b)), gradB, "d/db");
    }

    @Test
    void equalElementsGetZeroSubgradient() {
        INDArray a = Nd4j.createFromArray(new double[] {1, 2, 3, 4});
        INDArray b = Nd4j.createFromArray(new double[] {1, 0, 3, 5});
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, 4);
        MeanAbsoluteError.valueAndGradient(a, b, 1.0, grad, null);
        assertTrue(grad.equalsWithEps(Nd4j.createFromArray(new double[] {0, 0.25, 0, -0.25}), 1e-15), grad.toString());
    }

    @Test
    void rejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeanAbsoluteError.value(Nd4j.zeros(DataType.DOUBLE, 2, 3), Nd4j.zeros(DataType.DOUBLE, 3, 2)));
        assertTrue(e.getMessage().contains("MAE input b"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MeanAbsoluteError.valueAndGradient(Nd4j.zeros(DataType.DOUBLE, 2, 3), Nd4j.zeros(DataType.DOUBLE, 2, 3), 1.0,
                        Nd4j.zeros(DataType.DOUBLE, 6), null));
    }
}
