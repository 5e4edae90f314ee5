package org.ftgan.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;

/** Hand-made meshes in which the cheapest collapse is one the simplifier must refuse. */
class QuadricSimplifierTest {

    @Test
    void theCheapestEdgeIsNotCollapsedWhenItsEndpointsShareAThirdNeighbour() {
        // A closed surface made of two caps glued along the triangle a-b-x, which is no face: a and b
        // are very close, so (a, b) is the cheapest edge, but collapsing it would put edge a-x in four faces.
        int a = 0;
        int b = 1;
        float[] p = {
            0, 0, 0, 0.01f, 0, 0, 0.005f, 1, 0, // a, b, x
            0.4f, 0.3f, 0.5f, -0.4f, 0.6f, 0.5f, // y1, y2 above
            0.4f, 0.3f, -0.5f, -0.4f, 0.6f, -0.5f}; // z1, z2 below
        int x = 2;
        int y1 = 3;
        int y2 = 4;
        int z1 = 5;
        int z2 = 6;
        int[] t = {
            a, b, y1, b, y2, y1, b, x, y2, x, y1, y2, x, a, y1,
            b, a, z1, z1, z2, b, z2, x, b, z2, z1, x, z1, a, x};
        Mesh m = new Mesh(p, t);
        HierarchyChecks.assertManifold(m, "input");
        Simplification s = QuadricSimplifier.simplify(m, 6);
        assertEquals(6, s.coarse().vertexCount());
        assertEquals(a, s.down().keptFineVertex()[0]);
        assertEquals(b, s.down().keptFineVertex()[1]);
        HierarchyChecks.assertManifold(s.coarse(), "coarse");
        int edges = HierarchyChecks.edgeCount(s.coarse());
        assertEquals(2 * edges, 3 * s.coarse().faceCount(), "still closed");
    }

    @Test
    void anInteriorEdgeBetweenTwoBoundaryVerticesIsNotCollapsed() {
        // A strip pinched in the middle: the short rung between the two middle vertices is the cheapest
        // edge, but collapsing it would join the two halves at a single vertex (a bow-tie).
        float[] p = {
            0, 1, 0, 1, 0.001f, 0, 2, 1, 0, // top: TL, MT, TR
            0, -1, 0, 1, -0.001f, 0, 2, -1, 0}; // bottom: BL, MB, BR
        int tl = 0;
        int mt = 1;
        int tr = 2;
        int bl = 3;
        int mb = 4;
        int br = 5;
        int[] t = {bl, mb, mt, bl, mt, tl, mb, br, tr, mb, tr, mt};
        Simplification s = QuadricSimplifier.simplify(new Mesh(p, t), 5);
        assertEquals(5, s.coarse().vertexCount());
        int[] kept = s.down().keptFineVertex();
        assertTrue(contains(kept, mt) && contains(kept, mb), "both middle vertices kept");
        HierarchyChecks.assertManifold(s.coarse(), "coarse");
    }

    @Test
    void aClosedSurfaceStopsAtATetrahedron() {
        // collapsing an edge of a tetrahedron would leave two copies of one triangle
        Simplification s = QuadricSimplifier.simplify(MeshShapes.icosphere(1), 4);
        assertEquals(4, s.coarse().faceCount());
        UnreachableLevelException e = assertThrows(UnreachableLevelException.class,
                () -> QuadricSimplifier.simplify(s.coarse(), 3));
        assertTrue(e.getMessage().contains("stopped at 4"), e.getMessage());
    }

    @Test
    void survivorsKeepTheirPositionAndFacesKeepTheirOrder() {
        Mesh sphere = MeshShapes.icosphere(2);
        Simplification s = QuadricSimplifier.simplify(sphere, 100);
        int[] kept = s.down().keptFineVertex();
        for (int c = 1; c < kept.length; c++) {
            assertTrue(kept[c - 1] < kept[c], "survivors in ascending fine order");
        }
        HierarchyChecks.assertSelectionExact(sphere, s.coarse(), s.down(), 0);
    }

    @Test
    void aTargetAboveTheVertexCountOnlyDropsUnreferencedVertices() {
        float[] p = {0, 0, 0, 1, 0, 0, 0, 1, 0, 5, 5, 5};
        Simplification s = QuadricSimplifier.simplify(new Mesh(p, new int[] {0, 1, 2}), 4);
        assertArrayEquals(new int[] {0, 1, 2}, s.down().keptFineVertex());
        assertArrayEquals(new int[] {0, 1, 2}, s.coarse().triangles());
    }

    @Test
    void aNonFiniteCoordinateIsRejected() {
        float[] p = {0, 0, 0, 1, Float.NaN, 0, 0, 1, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuadricSimplifier.simplify(new Mesh(p, new int[] {0, 1, 2}), 1));
        assertTrue(e.getMessage().contains("vertex 1"), e.getMessage());
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
