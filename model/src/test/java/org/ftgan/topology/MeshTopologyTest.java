package org.ftgan.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;

class MeshTopologyTest {

    /** A mesh of {@code vertexCount} vertices at the origin with the given faces. */
    static Mesh faces(int vertexCount, int... triangles) {
        return new Mesh(new float[3 * vertexCount], triangles);
    }

    /** The same mesh with the winding of every face reversed. */
    static Mesh flipped(Mesh mesh) {
        int[] t = mesh.triangles().clone();
        for (int i = 0; i < t.length; i += 3) {
            int b = t[i + 1];
            t[i + 1] = t[i + 2];
            t[i + 2] = b;
        }
        return new Mesh(mesh.positions(), t);
    }

    @Test
    void interiorGridVertexRingIsCounterClockwiseFromLowestNeighbour() {
        // 5 x 5 grid, vertex (i, j) = 5j + i; centre 12 = (2, 2). Its neighbours counter-clockwise
        // from +x: E 13, NE 18, N 17, W 11, SW 6, S 7; rotated to start at 6.
        MeshTopology topo = MeshTopology.of(MeshShapes.grid(5, 5, 1f));
        assertArrayEquals(new int[] {6, 7, 13, 18, 17, 11}, topo.ring(12));
        assertEquals(6, topo.degree(12));
        assertEquals(13, topo.ringAt(12, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> topo.ringAt(12, 6));
    }

    @Test
    void boundaryGridVertexFanIsRotatedToLowestNeighbour() {
        MeshTopology topo = MeshTopology.of(MeshShapes.grid(5, 5, 1f));
        // corner 0: faces (0,1,6) and (0,6,5): fan 1 -> 6 -> 5
        assertArrayEquals(new int[] {1, 6, 5}, topo.ring(0));
        // bottom edge vertex 2 = (2,0): faces (2,3,8), (2,8,7), (1,2,7): fan 3 -> 8 -> 7 -> 1,
        // taken cyclically and rotated to start at 1
        assertArrayEquals(new int[] {1, 3, 8, 7}, topo.ring(2));
        // top-right corner 24: faces (18,19,24), (18,24,23): fan 23 -> 18 -> 19
        assertArrayEquals(new int[] {18, 19, 23}, topo.ring(24));
    }

    @Test
    void flippingAllFacesReversesEveryRingApartFromItsStart() {
        for (Mesh mesh : List.of(MeshShapes.grid(7, 6, 1f), MeshShapes.icosphere(2))) {
            MeshTopology topo = MeshTopology.of(mesh);
            MeshTopology flipped = MeshTopology.of(flipped(mesh));
            for (int v = 0; v < mesh.vertexCount(); v++) {
                int[] ring = topo.ring(v);
                int[] expected = new int[ring.length];
                expected[0] = ring[0];
                for (int k = 1; k < ring.length; k++) {
                    expected[k] = ring[ring.length - k];
                }
                assertArrayEquals(expected, flipped.ring(v), "vertex " + v);
            }
        }
    }

    @Test
    void gridBoundaryHasOneLoopAroundItsRim() {
        int nx = 7;
        int ny = 4;
        MeshTopology topo = MeshTopology.of(MeshShapes.grid(nx, ny, 1f));
        assertEquals(2 * (nx - 1) + 2 * (ny - 1), topo.boundaryEdgeCount());
        assertEquals(2 * nx + 2 * ny - 4, topo.boundaryVertexCount());
        assertEquals(1, topo.boundaryLoopCount());
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                boolean rim = i == 0 || j == 0 || i == nx - 1 || j == ny - 1;
                assertEquals(rim, topo.isBoundaryVertex(j * nx + i), "vertex (" + i + ", " + j + ")");
            }
        }
        // a counter-clockwise grid's outer boundary runs counter-clockwise: along the bottom row, +x
        int[] b = topo.boundaryEdges();
        assertEquals(0, b[0]);
        assertEquals(1, b[1]);
        assertEquals(0, topo.nonManifoldVertexCount());
    }

    @Test
    void boundaryEdgesFollowTheirFaceWindingAndFormClosedLoops() {
        MeshTopology topo = MeshTopology.of(MeshShapes.grid(6, 5, 1f));
        int[] b = topo.boundaryEdges();
        int[] outCount = new int[topo.vertexCount()];
        int[] inCount = new int[topo.vertexCount()];
        for (int i = 0; i < b.length; i += 2) {
            outCount[b[i]]++;
            inCount[b[i + 1]]++;
        }
        for (int v = 0; v < topo.vertexCount(); v++) {
            int expected = topo.isBoundaryVertex(v) ? 1 : 0;
            assertEquals(expected, outCount[v], "edges leaving " + v);
            assertEquals(expected, inCount[v], "edges entering " + v);
        }
    }

    @Test
    void icosphereIsClosed() {
        MeshTopology topo = MeshTopology.of(MeshShapes.icosphere(2));
        assertEquals(0, topo.boundaryEdgeCount());
        assertEquals(0, topo.boundaryVertexCount());
        assertEquals(0, topo.boundaryLoopCount());
        assertEquals(30 * 16, topo.edgeCount());
        assertEquals(1, topo.componentCount());
        assertEquals(0, topo.nonManifoldVertexCount());
    }

    @Test
    void gridWithAHoleHasTwoBoundaryLoops() {
        // 8 x 8 grid without the 2 x 2 quads whose lower-left corner is (3..4, 3..4)
        int nx = 8;
        Mesh full = MeshShapes.grid(nx, nx, 1f);
        int[] t = full.triangles();
        int[] kept = new int[t.length];
        int k = 0;
        for (int f = 0; f < t.length; f += 3) {
            int corner = t[f];
            int i = corner % nx;
            int j = corner / nx;
            if (i >= 3 && i <= 4 && j >= 3 && j <= 4) {
                continue;
            }
            System.arraycopy(t, f, kept, k, 3);
            k += 3;
        }
        MeshTopology topo = MeshTopology.of(new Mesh(full.positions(), Arrays.copyOf(kept, k)));
        assertEquals(2, topo.boundaryLoopCount());
        assertEquals(4 * (nx - 1) + 8, topo.boundaryEdgeCount());
        assertEquals(4 * (nx - 1) + 8, topo.boundaryVertexCount());
        // the centre of the hole, (4, 4), is now used by no face
        int centre = 4 * nx + 4;
        assertEquals(0, topo.degree(centre));
        assertFalse(topo.isBoundaryVertex(centre));
        assertEquals(2, topo.componentCount());
        assertTrue(topo.isBoundaryVertex(3 * nx + 3));
    }

    @Test
    void componentsOfUnionsAreNumberedByLowestVertex() {
        Mesh grid = MeshShapes.grid(4, 4, 1f);
        Mesh sphere = MeshShapes.icosphere(1);
        Mesh lone = faces(4, 0, 1, 2); // a triangle and an unused vertex
        Mesh all = MeshShapes.union(MeshShapes.union(grid, sphere), lone);
        MeshTopology topo = MeshTopology.of(all);
        assertEquals(4, topo.componentCount());
        int g = grid.vertexCount();
        int s = sphere.vertexCount();
        for (int v = 0; v < all.vertexCount(); v++) {
            int expected = v < g ? 0 : v < g + s ? 1 : v < g + s + 3 ? 2 : 3;
            assertEquals(expected, topo.componentOf(v), "vertex " + v);
        }
        assertEquals(0, topo.degree(g + s + 3));
        assertEquals(2, topo.boundaryLoopCount(), "grid rim and lone triangle");
    }

    @Test
    void componentIdsFollowLowestVertexEvenWhenInterleaved() {
        // faces join 0-2-4 and 1-3-5; vertex 6 unused
        MeshTopology topo = MeshTopology.of(faces(7, 4, 2, 0, 1, 3, 5));
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 2}, topo.componentIds());
    }

    @Test
    void laplacianNeighboursAreTheSortedOneRingAndEveryEdgeAppearsOnce() {
        Mesh mesh = MeshShapes.union(MeshShapes.grid(9, 7, 1f), MeshShapes.icosphere(2));
        MeshTopology topo = MeshTopology.of(mesh);
        int v = mesh.vertexCount();
        List<TreeSet<Integer>> expected = new ArrayList<>();
        for (int i = 0; i < v; i++) {
            expected.add(new TreeSet<>());
        }
        TreeSet<Long> expectedEdges = new TreeSet<>();
        int[] t = mesh.triangles();
        for (int f = 0; f < t.length; f += 3) {
            for (int c = 0; c < 3; c++) {
                int a = t[f + c];
                int b = t[f + (c + 1) % 3];
                expected.get(a).add(b);
                expected.get(b).add(a);
                expectedEdges.add((long) Math.min(a, b) * v + Math.max(a, b));
            }
        }
        int[] off = topo.neighbourOffsets();
        int[] nb = topo.neighbourIndices();
        for (int i = 0; i < v; i++) {
            int[] want = expected.get(i).stream().mapToInt(Integer::intValue).toArray();
            assertArrayEquals(want, Arrays.copyOfRange(nb, off[i], off[i + 1]), "neighbours of " + i);
            int[] ringSorted = topo.ring(i);
            Arrays.sort(ringSorted);
            assertArrayEquals(want, ringSorted, "ring of " + i);
        }
        int[] edges = topo.edges();
        assertEquals(expectedEdges.size(), topo.edgeCount());
        long previous = -1;
        for (int e = 0; e < edges.length; e += 2) {
            assertTrue(edges[e] < edges[e + 1], "edge " + e / 2 + " not ordered");
            long key = (long) edges[e] * v + edges[e + 1];
            assertTrue(key > previous, "edges not strictly sorted at " + e / 2);
            assertTrue(expectedEdges.contains(key));
            previous = key;
        }
        assertArrayEquals(off, topo.ringOffsets());
    }

    @Test
    void twoBuildsGiveIdenticalArrays() {
        Mesh mesh = MeshShapes.union(MeshShapes.grid(12, 9, 1f), MeshShapes.icosphere(3));
        MeshTopology a = MeshTopology.of(mesh);
        MeshTopology b = MeshTopology.of(mesh);
        assertArrayEquals(a.ringOffsets(), b.ringOffsets());
        assertArrayEquals(a.ringIndices(), b.ringIndices());
        assertArrayEquals(a.neighbourIndices(), b.neighbourIndices());
        assertArrayEquals(a.edges(), b.edges());
        assertArrayEquals(a.boundaryEdges(), b.boundaryEdges());
        assertArrayEquals(a.componentIds(), b.componentIds());
    }

    @Test
    void trianglesSharingOnlyAVertexGiveTwoFansInOrderOfLowestNeighbour() {
        MeshTopology topo = MeshTopology.of(faces(5, 0, 3, 4, 0, 1, 2));
        assertArrayEquals(new int[] {1, 2, 3, 4}, topo.ring(0));
        assertTrue(topo.isNonManifoldVertex(0));
        assertEquals(1, topo.nonManifoldVertexCount());
        assertEquals(6, topo.boundaryEdgeCount());
        assertEquals(1, topo.componentCount());
    }

    @Test
    void threeTrianglesOnOneEdgeDoNotBreakTheRings() {
        // edge 0-1 held by three faces
        MeshTopology topo = MeshTopology.of(faces(5, 0, 1, 2, 1, 0, 3, 0, 1, 4));
        // around 0: steps 1->2, 3->1, 1->4; fans 3,1,2 and 1,4 -> rotated 1,2,3 and 1,4
        assertArrayEquals(new int[] {1, 2, 3, 4}, topo.ring(0));
        // around 1: steps 2->0, 0->3, 4->0; fans 2,0,3 and 4,0 -> rotated 0,3,2 and 0,4
        assertArrayEquals(new int[] {0, 3, 2, 4}, topo.ring(1));
        assertTrue(topo.isNonManifoldVertex(0));
        assertTrue(topo.isNonManifoldVertex(1));
        assertFalse(topo.isNonManifoldVertex(2));
        assertEquals(7, topo.edgeCount());
        assertEquals(6, topo.boundaryEdgeCount(), "every edge but 0-1");
    }

    @Test
    void inconsistentWindingAndDegenerateFacesAreTolerated() {
        // faces 0,1,2 and 0,1,3 disagree on the direction of edge 0-1; face 2,2,3 is degenerate
        MeshTopology topo = MeshTopology.of(faces(4, 0, 1, 2, 0, 1, 3, 2, 2, 3));
        assertArrayEquals(new int[] {1, 2, 3}, topo.ring(0));
        assertTrue(topo.isNonManifoldVertex(0));
        assertEquals(1, topo.ignoredDegenerateFaces());
        assertEquals(5, topo.edgeCount());
    }

    @Test
    void badIndicesAreRejectedWithTheFace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeshTopology.of(3, new int[] {0, 1, 2, 0, 2, 3}));
        assertTrue(e.getMessage().contains("face 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MeshTopology.of(3, new int[] {0, 1}));
    }
}
