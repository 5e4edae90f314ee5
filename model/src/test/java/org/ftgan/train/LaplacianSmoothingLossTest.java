package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LaplacianSmoothingLossTest {

    /** Vertex 0 joined to four vertices around it at (+-1, 0, 0), (0, +-1, 0); the four have no neighbours. */
    private static final LaplacianSmoothingLoss STAR = new LaplacianSmoothingLoss(new int[] {0, 4, 4, 4, 4, 4}, new int[] {1, 2, 3, 4});

    private static INDArray star(double centreZ) {
        return Nd4j.createFromArray(new double[] {0, 0, centreZ, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0}).reshape(1, 5, 3);
    }

    @Test
    void vertexAtItsNeighboursCentroidCostsNothing() {
        assertEquals(0.0, STAR.value(star(0)), 0);
        assertEquals(0.0, STAR.value(star(0).castTo(DataType.FLOAT)), 0);
    }

    @Test
    void vertexOffItsCentroidCostsItsDistanceOverAllVertices() {
        // only vertex 0 has a ring; it is 2 above its centroid; the mean runs over all 5 vertices
        assertEquals(2.0 / 5, STAR.value(star(2)), 1e-15);
    }

    @Test
    void unchangedByTranslationAndProportionalToScale() {
        Mesh sphere = MeshShapes.icosphere(2);
        int[][] rings = TestArrays.oneRings(sphere);
        LaplacianSmoothingLoss loss = new LaplacianSmoothingLoss(rings[0], rings[1]);
        double base = loss.value(TestArrays.batchOf(sphere, 1, DataType.DOUBLE));
        assertTrue(base > 0, "a sphere's vertices lie outside their rings' centroids");
        double moved = loss.value(TestArrays.batchOf(MeshShapes.scaledAndMoved(sphere, 1f, 3f, -2f, 7f), 1, DataType.DOUBLE));
        double scaled = loss.value(TestArrays.batchOf(MeshShapes.scaledAndMoved(sphere, 2f, 0f, 0f, 0f), 1, DataType.DOUBLE));
        assertEquals(base, moved, 1e-6);
        assertEquals(2 * base, scaled, 1e-6);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Mesh sphere = MeshShapes.icosphere(1);
        int[][] rings = TestArrays.oneRings(sphere);
        LaplacianSmoothingLoss loss = new LaplacianSmoothingLoss(rings[0], rings[1]);
        INDArray x = TestArrays.batchOf(sphere, 2, DataType.DOUBLE).addi(TestArrays.gaussian(31, DataType.DOUBLE, 2, 42, 3).muli(0.05));
        double weight = 0.7;
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, 2, 42, 3);
        loss.valueAndGradient(x, weight, grad);
        GradientCheck.assertMatches(GradientCheck.numericGradient(x, () -> weight * loss.value(x)), grad, "dL_lap/dx");
    }

    @Test
    void floatInputGivesTheDoubleResultToFloatPrecision() {
        Mesh sphere = MeshShapes.icosphere(2);
        int[][] rings = TestArrays.oneRings(sphere);
        LaplacianSmoothingLoss loss = new LaplacianSmoothingLoss(rings[0], rings[1]);
        INDArray x = TestArrays.batchOf(sphere, 2, DataType.DOUBLE).addi(TestArrays.gaussian(32, DataType.DOUBLE, 2, 162, 3).muli(0.05));
        INDArray gradDouble = Nd4j.zeros(DataType.DOUBLE, 2, 162, 3);
        INDArray gradFloat = Nd4j.zeros(DataType.FLOAT, 2, 162, 3);
        double vd = loss.valueAndGradient(x, 1.0, gradDouble);
        double vf = loss.valueAndGradient(x.castTo(DataType.FLOAT), 1.0, gradFloat);
        assertEquals(vd, vf, 1e-6);
        assertTrue(gradFloat.castTo(DataType.DOUBLE).equalsWithEps(gradDouble, 1e-6));
    }

    @Test
    void rejectsBrokenNeighbourListsAndWrongVertexCounts() {
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> new LaplacianSmoothingLoss(new int[] {0, 1, 2}, new int[] {1, 1}));
        assertTrue(self.getMessage().contains("vertex 1 is listed as its own neighbour"), self.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new LaplacianSmoothingLoss(new int[] {0, 1, 2}, new int[] {1, 2}));
        assertTrue(range.getMessage().contains("indices[1] = 2"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LaplacianSmoothingLoss(new int[] {0, 2, 1}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new LaplacianSmoothingLoss(new int[] {0, 1, 3}, new int[] {1, 0}));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> STAR.value(Nd4j.zeros(DataType.DOUBLE, 1, 6, 3)));
        assertTrue(count.getMessage().contains("expected 5 vertices"), count.getMessage());
    }
}
