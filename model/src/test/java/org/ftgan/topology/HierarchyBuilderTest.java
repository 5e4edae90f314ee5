package org.ftgan.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;

class HierarchyBuilderTest {

    @Test
    void gridLevelsHaveCeilOfNOverFactorVertices() {
        MeshHierarchy h = HierarchyBuilder.build(MeshShapes.grid(71, 71, 0.1f), new int[] {4, 4, 4});
        assertArrayEquals(new int[] {5041, 1261, 316, 79}, h.vertexCounts());
        HierarchyChecks.assertValid(h);
    }

    @Test
    void icosphereLevelsHaveCeilOfNOverFactorVertices() {
        MeshHierarchy h = HierarchyBuilder.build(MeshShapes.icosphere(4), new int[] {4, 4, 4});
        assertArrayEquals(new int[] {2562, 641, 161, 41}, h.vertexCounts());
        HierarchyChecks.assertValid(h);
    }

    @Test
    void otherFactorsGiveCeilOfNOverFactor() {
        MeshHierarchy g = HierarchyBuilder.build(MeshShapes.grid(40, 30, 1f), new int[] {3, 2, 5});
        assertArrayEquals(new int[] {1200, 400, 200, 40}, g.vertexCounts());
        HierarchyChecks.assertValid(g);
        MeshHierarchy s = HierarchyBuilder.build(MeshShapes.icosphere(3), new int[] {2, 3, 2});
        assertArrayEquals(new int[] {642, 321, 107, 54}, s.vertexCounts());
        HierarchyChecks.assertValid(s);
    }

    @Test
    void closedSurfaceStaysClosedWithTheSameGenus() {
        MeshHierarchy h = HierarchyBuilder.build(MeshShapes.icosphere(3), new int[] {4, 4, 2});
        for (Mesh m : h.levels()) {
            int edges = HierarchyChecks.edgeCount(m);
            assertEquals(2, m.vertexCount() - edges + m.faceCount(), "Euler characteristic of a sphere");
            assertEquals(2 * edges, 3 * m.faceCount(), "every edge in exactly two faces");
        }
    }

    @Test
    void upSamplingReproducesALinearFieldOnAPlanarGrid() {
        // not square and not aligned with the factors, so the boundary must survive on its own merit
        Mesh grid = MeshShapes.grid(53, 41, 0.25f);
        MeshHierarchy h = HierarchyBuilder.build(grid, new int[] {4, 4, 4});
        HierarchyChecks.assertValid(h);
        double a = 0.7;
        double b = -1.3;
        double c = 2.5;
        for (int i = 0; i + 1 < h.levelCount(); i++) {
            Mesh fine = h.levels().get(i);
            Mesh coarse = h.levels().get(i + 1);
            float[] coarseField = new float[coarse.vertexCount()];
            for (int v = 0; v < coarse.vertexCount(); v++) {
                coarseField[v] = (float) (a * coarse.x(v) + b * coarse.y(v) + c);
            }
            float[] fineField = h.up().get(i).apply(coarseField, 1);
            for (int v = 0; v < fine.vertexCount(); v++) {
                double expected = a * fine.x(v) + b * fine.y(v) + c;
                assertEquals(expected, fineField[v], 1e-5 * 30, "level " + i + " vertex " + v);
            }
        }
    }

    @Test
    void flatMeshesAreNeverFolded() {
        // on a flat mesh every interior collapse costs 0, so only the flip test keeps faces from turning over
        for (Mesh flat : new Mesh[] {MeshShapes.grid(53, 41, 0.25f), gridWithHole(30, 30, 10, 20)}) {
            MeshHierarchy h = HierarchyBuilder.build(flat, new int[] {4, 4, 4});
            for (int level = 1; level < h.levelCount(); level++) {
                Mesh c = h.levels().get(level);
                for (int f = 0; f < c.faceCount(); f++) {
                    int i = c.triangles()[3 * f];
                    int j = c.triangles()[3 * f + 1];
                    int k = c.triangles()[3 * f + 2];
                    double nz = (c.x(j) - c.x(i)) * (c.y(k) - c.y(i)) - (c.y(j) - c.y(i)) * (c.x(k) - c.x(i));
                    assertTrue(nz > 0, "level " + level + " face " + f + " faces +z like the template");
                }
            }
        }
    }

    @Test
    void upSamplingOfANonSurvivorUsesItsClosestCoarseTriangle() {
        Mesh sphere = MeshShapes.icosphere(3);
        MeshHierarchy h = HierarchyBuilder.build(sphere, new int[] {4});
        Mesh coarse = h.levels().get(1);
        UpSampling u = h.up().get(0);
        float[] up = u.apply(coarse.positions(), 3);
        double[] w = new double[3];
        for (int v = 0; v < sphere.vertexCount(); v++) {
            double best = Double.POSITIVE_INFINITY;
            for (int f = 0; f < coarse.faceCount(); f++) {
                best = Math.min(best, ClosestPointOnTriangle.project(sphere.x(v), sphere.y(v), sphere.z(v),
                        cornersOf(coarse, f), 0, w));
            }
            double dx = up[3 * v] - sphere.x(v);
            double dy = up[3 * v + 1] - sphere.y(v);
            double dz = up[3 * v + 2] - sphere.z(v);
            assertEquals(Math.sqrt(best), Math.sqrt(dx * dx + dy * dy + dz * dz), 1e-5, "fine vertex " + v);
        }
    }

    @Test
    void buildingTwiceGivesIdenticalArrays() {
        Mesh m = MeshShapes.union(MeshShapes.grid(30, 25, 0.1f), MeshShapes.scaledAndMoved(MeshShapes.icosphere(3), 0.5f, 1, 1, 1));
        HierarchyChecks.assertSameArrays(HierarchyBuilder.build(m, new int[] {4, 4, 4}),
                HierarchyBuilder.build(m, new int[] {4, 4, 4}));
    }

    @Test
    void separateComponentsAndAHoleSurviveEveryLevel() {
        Mesh withHole = gridWithHole(30, 30, 10, 20);
        Mesh sphere = MeshShapes.scaledAndMoved(MeshShapes.icosphere(1), 0.3f, 1.5f, 1.5f, 1f);
        Mesh m = MeshShapes.union(withHole, sphere);
        MeshHierarchy h = HierarchyBuilder.build(m, new int[] {4, 4, 3});
        assertArrayEquals(new int[] {942, 236, 59, 20}, h.vertexCounts());
        HierarchyChecks.assertValid(h);
        int gridVertices = withHole.vertexCount();
        for (int level = 0; level < h.levelCount(); level++) {
            Mesh mesh = h.levels().get(level);
            int[] label = HierarchyChecks.components(mesh);
            Set<Integer> labels = new HashSet<>();
            for (int l : label) {
                if (l >= 0) {
                    labels.add(l);
                }
            }
            assertEquals(2, labels.size(), "components at level " + level);
            // each component is still made of its own vertices: map back to level 0
            int[] template = templateIndexOf(h, level);
            Set<Integer> gridLabels = new HashSet<>();
            Set<Integer> sphereLabels = new HashSet<>();
            for (int v = 0; v < mesh.vertexCount(); v++) {
                if (label[v] < 0) {
                    continue; // inside the hole (level 0 only)
                }
                (template[v] < gridVertices ? gridLabels : sphereLabels).add(label[v]);
            }
            assertEquals(1, gridLabels.size(), "level " + level);
            assertEquals(1, sphereLabels.size(), "level " + level);
        }
        // the hole's rim (a square) keeps its four corners at every level
        for (int level = 1; level < h.levelCount(); level++) {
            Set<Integer> kept = new HashSet<>();
            for (int v : templateIndexOf(h, level)) {
                kept.add(v);
            }
            for (int corner : new int[] {10 * 30 + 10, 10 * 30 + 20, 20 * 30 + 10, 20 * 30 + 20, 0, 29, 29 * 30, 29 * 30 + 29}) {
                assertTrue(kept.contains(corner), "corner " + corner + " at level " + level);
            }
        }
    }

    @Test
    void unreferencedVerticesAreDroppedAndStillUpSampled() {
        Mesh withHole = gridWithHole(30, 30, 10, 20);
        MeshHierarchy h = HierarchyBuilder.build(withHole, new int[] {4});
        // 900 vertices, 81 of them inside the hole and in no face: the target counts them, the coarse mesh does not hold them
        assertEquals(225, h.levels().get(1).vertexCount());
        Set<Integer> kept = new HashSet<>();
        for (int v : h.down().get(0).keptFineVertex()) {
            kept.add(v);
        }
        assertTrue(!kept.contains(15 * 30 + 15), "the hole's centre vertex is not kept");
        HierarchyChecks.assertValid(h);
    }

    @Test
    void aLoneTriangleIsNeverCollapsed() {
        Mesh triangle = new Mesh(new float[] {5, 5, 0, 6, 5, 0, 5, 6, 0}, new int[] {0, 1, 2});
        Mesh m = MeshShapes.union(MeshShapes.grid(20, 20, 0.1f), triangle);
        MeshHierarchy h = HierarchyBuilder.build(m, new int[] {4, 4});
        assertArrayEquals(new int[] {403, 101, 26}, h.vertexCounts());
        int[] template = templateIndexOf(h, 2);
        int[] last = Arrays.copyOfRange(template, template.length - 3, template.length);
        assertArrayEquals(new int[] {400, 401, 402}, last);
        HierarchyChecks.assertValid(h);
    }

    @Test
    void anUnreachableTargetNamesTheLevelAndTheCounts() {
        Mesh triangle = new Mesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
        Mesh m = MeshShapes.union(MeshShapes.grid(4, 4, 1f), triangle);
        UnreachableLevelException e = assertThrows(UnreachableLevelException.class,
                () -> HierarchyBuilder.build(m, new int[] {2, 4}));
        assertTrue(e.getMessage().contains("level 1 -> 2"), e.getMessage());
        assertTrue(e.getMessage().contains("10 -> 3"), e.getMessage());
    }

    @Test
    void aFaceRepeatingAVertexIsRejected() {
        Mesh bad = new Mesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2, 1, 1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HierarchyBuilder.build(bad, new int[] {2}));
        assertTrue(e.getMessage().contains("face 1"), e.getMessage());
    }

    @Test
    void aFactorBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HierarchyBuilder.build(MeshShapes.icosphere(1), new int[] {4, 0}));
    }

    /** For each vertex of {@code level}, the template vertex it is a copy of. */
    static int[] templateIndexOf(MeshHierarchy h, int level) {
        int[] index = new int[h.levels().get(level).vertexCount()];
        for (int v = 0; v < index.length; v++) {
            int x = v;
            for (int l = level - 1; l >= 0; l--) {
                x = h.down().get(l).keptFineVertex()[x];
            }
            index[v] = x;
        }
        return index;
    }

    /** A grid of nx x ny vertices without the faces of cells [lo, hi) x [lo, hi). */
    static Mesh gridWithHole(int nx, int ny, int lo, int hi) {
        Mesh g = MeshShapes.grid(nx, ny, 0.1f);
        int[] t = g.triangles();
        int[] kept = new int[t.length];
        int k = 0;
        for (int f = 0; f < g.faceCount(); f++) {
            int cell = f / 2;
            int i = cell % (nx - 1);
            int j = cell / (nx - 1);
            if (i >= lo && i < hi && j >= lo && j < hi) {
                continue;
            }
            System.arraycopy(t, 3 * f, kept, k, 3);
            k += 3;
        }
        return new Mesh(g.positions(), Arrays.copyOf(kept, k));
    }

    private static double[] cornersOf(Mesh m, int f) {
        double[] c = new double[9];
        for (int k = 0; k < 3; k++) {
            int v = m.triangles()[3 * f + k];
            c[3 * k] = m.x(v);
            c[3 * k + 1] = m.y(v);
            c[3 * k + 2] = m.z(v);
        }
        return c;
    }
}
