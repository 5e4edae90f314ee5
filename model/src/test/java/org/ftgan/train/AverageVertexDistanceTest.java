package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class AverageVertexDistanceTest {

    @Test
    void meshShiftedByThreeFourZeroIsFiveAway() {
        Mesh sphere = MeshShapes.icosphere(2);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = TestArrays.batchOf(sphere, 3, type);
            INDArray b = TestArrays.batchOf(MeshShapes.scaledAndMoved(sphere, 1f, 3f, 4f, 0f), 3, type);
            assertEquals(5.0, AverageVertexDistance.value(a, b), 1e-5, type.toString());
            assertArrayEquals(new double[] {5, 5, 5}, AverageVertexDistance.perSample(a, b), 1e-5);
        }
    }

    @Test
    void averagesOverVerticesAndSamples() {
        // sample 0: distances 1 and 3; sample 1: distances 0 and 2 -> mean 1.5
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 2, 2, 3);
        INDArray b = Nd4j.createFromArray(new double[] {1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, -2}).reshape(2, 2, 3);
        assertEquals(1.5, AverageVertexDistance.value(a, b), 1e-15);
        assertArrayEquals(new double[] {2, 1}, AverageVertexDistance.perSample(a, b), 1e-15);
        assertArrayEquals(new float[] {0, 2}, AverageVertexDistance.perVertex(a, b, 1), 0f);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        INDArray a = TestArrays.gaussian(1, DataType.DOUBLE, 2, 7, 3);
        INDArray b = TestArrays.gaussian(2, DataType.DOUBLE, 2, 7, 3);
        double weight = 1.7;
        INDArray gradA = Nd4j.zeros(DataType.DOUBLE, 2, 7, 3);
        INDArray gradB = Nd4j.zeros(DataType.DOUBLE, 2, 7, 3);
        AverageVertexDistance.valueAndGradient(a, b, weight, gradA, gradB);
        GradientCheck.assertMatches(GradientCheck.numericGradient(a, () -> weight * AverageVertexDistance.value(a, b)), gradA, "d/da");
        GradientCheck.assertMatches(GradientCheck.numericGradient(b, () -> weight * AverageVertexDistance.value(a, b)), gradB, "d/db");
        assertEquals(0.0, gradA.add(gradB).norm2Number().doubleValue(), 1e-15, "d/db must be -d/da");
    }

    @Test
    void gradientIsAddedToWhatTheArrayHolds() {
        INDArray a = TestArrays.gaussian(3, DataType.DOUBLE, 1, 4, 3);
        INDArray b = TestArrays.gaussian(4, DataType.DOUBLE, 1, 4, 3);
        INDArray fresh = Nd4j.zeros(DataType.DOUBLE, 1, 4, 3);
        AverageVertexDistance.valueAndGradient(a, b, 0.5, fresh, null);
        INDArray accumulated = Nd4j.ones(DataType.DOUBLE, 1, 4, 3);
        AverageVertexDistance.valueAndGradient(a, b, 0.5, accumulated, null);
        assertTrue(accumulated.equalsWithEps(fresh.add(1.0), 1e-15));
    }

    @Test
    void coincidentVerticesGetZeroGradient() {
        INDArray a = TestArrays.gaussian(5, DataType.DOUBLE, 1, 3, 3);
        INDArray b = a.dup();
        b.putScalar(new long[] {0, 2, 1}, b.getDouble(0, 2, 1) + 2.0); // only vertex 2 differs
        INDArray gradA = Nd4j.zeros(DataType.DOUBLE, 1, 3, 3);
        double value = AverageVertexDistance.valueAndGradient(a, b, 1.0, gradA, null);
        assertEquals(2.0 / 3, value, 1e-15);
        for (int i = 0; i < 6; i++) {
            assertEquals(0.0, gradA.getDouble(i), "vertices 0 and 1 coincide");
        }
        assertEquals(-1.0 / 3, gradA.getDouble(0, 2, 1), 1e-15);
    }

    @Test
    void floatArraysGiveTheDoubleResultToFloatPrecision() {
        INDArray a = TestArrays.gaussian(6, DataType.DOUBLE, 2, 50, 3);
        INDArray b = TestArrays.gaussian(7, DataType.DOUBLE, 2, 50, 3);
        INDArray gradDouble = Nd4j.zeros(DataType.DOUBLE, 2, 50, 3);
        INDArray gradFloat = Nd4j.zeros(DataType.FLOAT, 2, 50, 3);
        double vd = AverageVertexDistance.valueAndGradient(a, b, 1.0, gradDouble, null);
        double vf = AverageVertexDistance.valueAndGradient(a.castTo(DataType.FLOAT), b.castTo(DataType.FLOAT), 1.0, gradFloat, null);
        assertEquals(vd, vf, 1e-6);
        assertTrue(gradFloat.castTo(DataType.DOUBLE).equalsWithEps(gradDouble, 1e-7));
    }

    @Test
    void readsViewsAtAnOffsetInsideALargerArray() {
        INDArray big = TestArrays.gaussian(8, DataType.DOUBLE, 4, 5, 3);
        INDArray view = big.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray other = TestArrays.gaussian(9, DataType.DOUBLE, 2, 5, 3);
        assertEquals(AverageVertexDistance.value(view.dup(), other), AverageVertexDistance.value(view, other), 0.0);
    }

    @Test
    void rejectsMismatchedShapesAndNonContiguousArrays() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 2, 5, 3);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> AverageVertexDistance.value(a, Nd4j.zeros(DataType.DOUBLE, 2, 4, 3)));
        assertTrue(shape.getMessage().contains("AVD input b"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AverageVertexDistance.value(Nd4j.zeros(DataType.DOUBLE, 2, 5), Nd4j.zeros(DataType.DOUBLE, 2, 5)));
        INDArray fOrder = Nd4j.create(DataType.DOUBLE, new long[] {2, 5, 3}, 'f');
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> AverageVertexDistance.value(fOrder, a));
        assertTrue(order.getMessage().contains("contiguous c-order"), order.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AverageVertexDistance.value(Nd4j.zeros(DataType.INT, 2, 5, 3), Nd4j.zeros(DataType.INT, 2, 5, 3)));
    }
}
