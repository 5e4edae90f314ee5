package org.ftgan.topology;

import static org.ftgan.topology.MeshTopologyTest.faces;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;

class SpiralBuilderTest {

    // 5 x 5 grid, vertex (i, j) = 5j + i, diagonals from (i, j) to (i+1, j+1):
    //
    //   20 21 22 23 24
    //   15 16 17 18 19
    //   10 11 12 13 14
    //    5  6  7  8  9
    //    0  1  2  3  4
    //
    // Ring 1 of 12, counter-clockwise from its lowest neighbour: 6, 7, 13, 18, 17, 11 (ends west).
    // Ring 2: from 6 (ring 0,1,7,12,11,5) the walk resumes after the collected arc 7,12,11 -> 5, 0, 1;
    // from 7 (1,2,8,13,12,6) after 6,1 -> 2, 8; from 13 (7,8,14,19,18,12) -> 14, 19;
    // from 18 (12,13,19,24,23,17) -> 24, 23; from 17 (11,12,18,23,22,16) -> 22, 16;
    // from 11 (5,6,12,17,16,10) -> 10. All 12 vertices at hexagonal distance 2, counter-clockwise.
    private static final int[] CENTRE_TWO_RINGS = {12, 6, 7, 13, 18, 17, 11, 5, 0, 1, 2, 8, 14, 19, 24, 23, 22, 16, 10};

    private static Spirals gridSpirals(int length, int dilation) {
        return SpiralBuilder.build(MeshTopology.of(MeshShapes.grid(5, 5, 1f)), length, dilation);
    }

    private static int[] row(Spirals s, int v) {
        return Arrays.copyOfRange(s.indices(), v * s.length(), (v + 1) * s.length());
    }

    @Test
    void interiorSpiralOfLengthNineIsTheRingThenTheStartOfTheNextRing() {
        Spirals s = SpiralBuilder.build(MeshTopology.of(MeshShapes.grid(5, 5, 1f)));
        assertEquals(9, s.length());
        assertArrayEquals(new int[] {12, 6, 7, 13, 18, 17, 11, 5, 0}, row(s, 12));
    }

    @Test
    void interiorSpiralOfLengthNineteenCoversTwoFullRings() {
        assertArrayEquals(CENTRE_TWO_RINGS, row(gridSpirals(19, 1), 12));
    }

    @Test
    void dilationTwoKeepsEveryOtherVertexOfTheLongerSpiral() {
        assertArrayEquals(new int[] {12, 7, 18, 11, 0, 2, 14, 24, 22}, row(gridSpirals(9, 2), 12));
    }

    @Test
    void cornerSpiralWalksItsFanAndThenTheNextRing() {
        // ring of 0: 1, 6, 5; from 1 (0,2,7,6) -> 2, 7; from 6 (0,1,7,12,11,5) -> 12, 11;
        // from 5 (0,6,11,10) -> 10
        assertArrayEquals(new int[] {0, 1, 6, 5, 2, 7, 12, 11, 10}, row(gridSpirals(9, 1), 0));
    }

    @Test
    void flippedWindingTurnsTheSpiralTheOtherWay() {
        Spirals s = SpiralBuilder.build(MeshTopology.of(MeshTopologyTest.flipped(MeshShapes.grid(5, 5, 1f))));
        assertArrayEquals(new int[] {12, 6, 11, 17, 18, 13, 7, 1, 0}, row(s, 12));
    }

    @Test
    void loneTriangleAndIsolatedVertexArePaddedWithTheirLastIndex() {
        Mesh mesh = MeshShapes.union(MeshShapes.grid(3, 3, 1f), faces(4, 0, 1, 2));
        Spirals s = SpiralBuilder.build(MeshTopology.of(mesh));
        assertArrayEquals(new int[] {9, 10, 11, 11, 11, 11, 11, 11, 11}, row(s, 9));
        assertArrayEquals(new int[] {10, 9, 11, 11, 11, 11, 11, 11, 11}, row(s, 10));
        assertArrayEquals(new int[] {11, 9, 10, 10, 10, 10, 10, 10, 10}, row(s, 11));
        assertArrayEquals(new int[] {12, 12, 12, 12, 12, 12, 12, 12, 12}, row(s, 12));
        // with dilation 2 the lone triangle collects 9, 10, 11 and keeps 9, 11
        Spirals dilated = SpiralBuilder.build(MeshTopology.of(mesh), 4, 2);
        assertArrayEquals(new int[] {9, 11, 11, 11}, row(dilated, 9));
    }

    @Test
    void smallClosedComponentIsCoveredOnceThenPadded() {
        // the 12-vertex icosahedron after a grid: a length-19 spiral holds all 12, then 7 repeats
        Mesh mesh = MeshShapes.union(MeshShapes.grid(4, 4, 1f), MeshShapes.icosphere(0));
        MeshTopology topo = MeshTopology.of(mesh);
        Spirals s = SpiralBuilder.build(topo, 19, 1);
        for (int v = 16; v < 28; v++) {
            int[] r = row(s, v);
            int[] distinct = Arrays.stream(r, 0, 12).sorted().toArray();
            assertArrayEquals(IntStream.range(16, 28).toArray(), distinct, "spiral of " + v);
            for (int k = 12; k < 19; k++) {
                assertEquals(r[11], r[k], "padding of " + v);
            }
        }
        // length 9 on the icosahedron: v, its 5 neighbours, then 3 of the next 5, no padding
        Spirals nine = SpiralBuilder.build(topo);
        for (int v = 16; v < 28; v++) {
            assertEquals(9, Arrays.stream(row(nine, v)).distinct().count(), "spiral of " + v);
        }
    }

    @Test
    void everySpiralIsAWalkInsideItsOwnComponent() {
        Mesh withTriangle = MeshShapes.union(MeshShapes.union(MeshShapes.grid(9, 6, 1f), MeshShapes.icosphere(2)),
                faces(4, 0, 1, 2));
        Mesh nonManifold = faces(9, 0, 1, 2, 0, 3, 4, 5, 6, 7, 6, 5, 8, 5, 6, 0);
        for (Mesh mesh : new Mesh[] {withTriangle, nonManifold, MeshShapes.icosphere(3)}) {
            MeshTopology topo = MeshTopology.of(mesh);
            for (int length : new int[] {1, 9, 19, 40}) {
                checkSpirals(topo, SpiralBuilder.build(topo, length, 1));
            }
        }
    }

    /**
     * Each row starts at its vertex, lists distinct vertices of its component, each a neighbour of
     * an earlier one, then repeats its last distinct vertex to the end.
     */
    private static void checkSpirals(MeshTopology topo, Spirals s) {
        assertEquals(topo.vertexCount(), s.vertexCount());
        for (int v = 0; v < topo.vertexCount(); v++) {
            int[] r = row(s, v);
            assertEquals(v, r[0]);
            for (int k = 1; k < r.length; k++) {
                int w = r[k];
                assertEquals(topo.componentOf(v), topo.componentOf(w), "vertex " + v + " position " + k);
                boolean seen = false;
                for (int j = 0; j < k; j++) {
                    seen |= r[j] == w;
                }
                if (seen) {
                    for (int j = k; j < r.length; j++) {
                        assertEquals(r[k - 1], r[j], "padding of " + v + " at " + j);
                    }
                    break;
                }
                boolean touchesEarlier = false;
                for (int j = 0; j < k; j++) {
                    touchesEarlier |= isNeighbour(topo, r[j], w);
                }
                assertTrue(touchesEarlier, "vertex " + v + ": " + w + " is not next to the spiral so far");
            }
        }
    }

    private static boolean isNeighbour(MeshTopology topo, int a, int b) {
        int[] off = topo.neighbourOffsets();
        return Arrays.binarySearch(topo.neighbourIndices(), off[a], off[a + 1], b) >= 0;
    }

    @Test
    void spiralsAreDeterministic() {
        Mesh mesh = MeshShapes.union(MeshShapes.grid(20, 13, 1f), MeshShapes.icosphere(3));
        Spirals a = SpiralBuilder.build(MeshTopology.of(mesh), 19, 2);
        Spirals b = SpiralBuilder.build(MeshTopology.of(mesh), 19, 2);
        assertArrayEquals(a.indices(), b.indices());
    }

    @Test
    void nonManifoldInputsGiveFullSpirals() {
        // two triangles sharing vertex 0 only
        Spirals bowtie = SpiralBuilder.build(MeshTopology.of(faces(5, 0, 1, 2, 0, 3, 4)));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 4, 4, 4, 4}, row(bowtie, 0));
        assertArrayEquals(new int[] {1, 0, 2, 3, 4, 4, 4, 4, 4}, row(bowtie, 1));
        // three triangles on edge 0-1
        Spirals fin = SpiralBuilder.build(MeshTopology.of(faces(5, 0, 1, 2, 1, 0, 3, 0, 1, 4)));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 4, 4, 4, 4}, row(fin, 0));
        assertArrayEquals(new int[] {2, 0, 1, 3, 4, 4, 4, 4, 4}, row(fin, 2));
    }

    @Test
    void badLengthOrDilationIsRejected() {
        MeshTopology topo = MeshTopology.of(MeshShapes.grid(3, 3, 1f));
        assertThrows(IllegalArgumentException.class, () -> SpiralBuilder.build(topo, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SpiralBuilder.build(topo, 9, 0));
    }
}
