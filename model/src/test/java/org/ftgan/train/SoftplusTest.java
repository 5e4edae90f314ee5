package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftplusTest {

    @Test
    void knownValues() {
        assertEquals(Math.log(2), Softplus.softplus(0), 1e-15);
        assertEquals(Math.log1p(Math.E), Softplus.softplus(1), 1e-15);
        assertEquals(0.5, Softplus.sigmoid(0), 0);
        // no overflow or cancellation at the extremes
        assertEquals(1000.0, Softplus.softplus(1000), 1e-12);
        assertEquals(Math.exp(-1000), Softplus.softplus(-1000), 0);
        assertEquals(Math.exp(-50), Softplus.softplus(-50), 1e-30);
        assertEquals(1.0, Softplus.sigmoid(1000), 0);
        assertEquals(0.0, Softplus.sigmoid(-1000), 1e-300);
    }

    @Test
    void meanOverTheChosenLogitOfEachSample() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{5, 0, -7}, {3, 9, 2}});
        int[] classes = {1, 2};
        assertEquals((Math.log(2) + Softplus.softplus(2)) / 2, Softplus.meanSoftplus(logits, classes, 0, null), 1e-15);
        assertEquals((Math.log(2) + Softplus.softplus(-2)) / 2, Softplus.meanSoftplusOfNegated(logits, classes, 0, null), 1e-15);
        assertEquals(Math.log(2) / 2 + Softplus.softplus(2) / 2,
                Softplus.meanSoftplus(logits.castTo(DataType.FLOAT), classes, 0, null), 1e-7);
    }

    @Test
    void gradientsMatchCentralDifferencesAndTouchOnlyTheChosenColumn() {
        INDArray logits = TestArrays.gaussian(21, DataType.DOUBLE, 5, 4).muli(3);
        int[] classes = {0, 3, 3, 1, 2};
        double weight = 1.3;
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, 5, 4);
        Softplus.meanSoftplus(logits, classes, weight, grad);
        GradientCheck.assertMatches(GradientCheck.numericGradient(logits, () -> weight * Softplus.meanSoftplus(logits, classes, 0, null)),
                grad, "softplus(z)");
        INDArray gradNegated = Nd4j.zeros(DataType.DOUBLE, 5, 4);
        Softplus.meanSoftplusOfNegated(logits, classes, weight, gradNegated);
        GradientCheck.assertMatches(
                GradientCheck.numericGradient(logits, () -> weight * Softplus.meanSoftplusOfNegated(logits, classes, 0, null)),
                gradNegated, "softplus(-z)");
        for (int b = 0; b < 5; b++) {
            for (int c = 0; c < 4; c++) {
                if (c != classes[b]) {
                    assertEquals(0.0, grad.getDouble(b, c));
                    assertEquals(0.0, gradNegated.getDouble(b, c));
                }
            }
        }
    }

    @Test
    void rejectsBadClassIndices() {
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Softplus.meanSoftplus(logits, new int[] {0, 3}, 1, null));
        assertTrue(e.getMessage().contains("classes[1] = 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Softplus.meanSoftplus(logits, new int[] {0}, 1, null));
        assertThrows(IllegalArgumentException.class, () -> Softplus.meanSoftplus(Nd4j.zeros(DataType.DOUBLE, 6), new int[] {0}, 1, null));
    }
}
