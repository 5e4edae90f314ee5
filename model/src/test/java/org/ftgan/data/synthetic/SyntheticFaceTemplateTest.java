package org.ftgan.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.mesh.Mesh;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SyntheticFaceTemplateTest {

    @ParameterizedTest
    @ValueSource(ints = {600, 1500, 5000, 12000})
    void vertexCountIsCloseToTheRequest(int requested) {
        SyntheticFaceTemplate t = SyntheticFaceTemplate.create(requested);
        double off = Math.abs(t.vertexCount() - requested) / (double) requested;
        assertTrue(off < 0.03, "asked " + requested + ", got " + t.vertexCount());
        assertEquals(t.faceVertexCount() + 2 * t.eyeballVertexCount(), t.vertexCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {600, 1500, 5000})
    void faceAndTwoEyeballsAreSeparateComponents(int requested) {
        Mesh m = SyntheticFaceTemplate.create(requested).mesh();
        int[] root = components(m);
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int v = 0; v < m.vertexCount(); v++) {
            sizes.merge(root[v], 1, Integer::sum);
        }
        assertEquals(3, sizes.size(), "components: " + sizes.values());
    }

    @ParameterizedTest
    @ValueSource(ints = {600, 1500, 5000})
    void faceHasTwoBoundaryLoopsOutlineAndMouth(int requested) {
        SyntheticFaceTemplate t = SyntheticFaceTemplate.create(requested);
        Mesh m = t.mesh();
        Map<Long, Integer> faceCount = new HashMap<>();
        int[] tri = m.triangles();
        for (int f = 0; f < tri.length; f += 3) {
            for (int c = 0; c < 3; c++) {
                faceCount.merge(undirected(tri[f + c], tri[f + (c + 1) % 3]), 1, Integer::sum);
            }
        }
        // walk the boundary edges (one adjacent face) into loops
        Map<Integer, List<Integer>> next = new HashMap<>();
        int boundaryEdges = 0;
        for (Map.Entry<Long, Integer> e : faceCount.entrySet()) {
            assertTrue(e.getValue() <= 2, "edge shared by " + e.getValue() + " faces");
            if (e.getValue() == 1) {
                int a = (int) (e.getKey() >> 32);
                int b = (int) (long) e.getKey();
                next.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
                next.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
                boundaryEdges++;
                assertTrue(a < t.faceVertexCount() && b < t.faceVertexCount(), "eyeballs are closed");
            }
        }
        for (List<Integer> n : next.values()) {
            assertEquals(2, n.size(), "a boundary vertex must have exactly two boundary edges");
        }
        List<double[]> loopBounds = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int loops = 0;
        int walked = 0;
        for (int start : next.keySet()) {
            if (!seen.add(start)) {
                continue;
            }
            loops++;
            double[] bounds = {1e9, -1e9};
            int prev = -1;
            int cur = start;
            do {
                walked++;
                bounds[0] = Math.min(bounds[0], m.x(cur));
                bounds[1] = Math.max(bounds[1], m.x(cur));
                List<Integer> n = next.get(cur);
                int nxt = n.get(0) != prev ? n.get(0) : n.get(1);
                prev = cur;
                cur = nxt;
                seen.add(cur);
            } while (cur != start);
            loopBounds.add(bounds);
        }
        assertEquals(2, loops, "boundary loops");
        assertEquals(boundaryEdges, walked);
        loopBounds.sort((a, b) -> Double.compare(a[1] - a[0], b[1] - b[0]));
        double mouth = loopBounds.get(0)[1] - loopBounds.get(0)[0];
        double outline = loopBounds.get(1)[1] - loopBounds.get(1)[0];
        assertTrue(mouth > 0.035 && mouth < 0.07, "mouth width " + mouth);
        assertTrue(outline > 0.14 && outline < 0.2, "face width " + outline);
    }

    @ParameterizedTest
    @ValueSource(ints = {600, 1500, 5000, 12000})
    void trianglesAreWellShapedAndConsistentlyWound(int requested) {
        Mesh m = SyntheticFaceTemplate.create(requested).mesh();
        int[] tri = m.triangles();
        Map<Long, Integer> directed = new HashMap<>();
        double minAngle = 180;
        for (int f = 0; f < tri.length; f += 3) {
            int a = tri[f];
            int b = tri[f + 1];
            int c = tri[f + 2];
            assertTrue(a != b && b != c && a != c, "face " + f / 3 + " repeats a vertex");
            minAngle = Math.min(minAngle, minAngleDegrees(m, a, b, c));
            for (int k = 0; k < 3; k++) {
                long key = ((long) tri[f + k] << 32) | tri[f + (k + 1) % 3];
                assertEquals(null, directed.put(key, f / 3), "directed edge used twice: inconsistent winding");
            }
        }
        assertTrue(minAngle > 8, "smallest triangle angle " + minAngle + " degrees");
        // the face looks towards +z: its triangles' normals point forward on average
        double nz = 0;
        for (int f = 0; f < tri.length; f += 3) {
            nz += normal(m, tri[f], tri[f + 1], tri[f + 2])[2];
        }
        assertTrue(nz > 0);
    }

    @Test
    void sizeIsThatOfAHumanFaceInMetres() {
        float[] b = SyntheticFaceTemplate.create(2000).mesh().bounds();
        double width = b[3] - b[0];
        double height = b[4] - b[1];
        assertTrue(width > 0.14 && width < 0.2, "width " + width);
        assertTrue(height > 0.17 && height < 0.22, "height " + height);
    }

    @Test
    void templateIsAFunctionOfTheVertexCount() {
        SyntheticFaceTemplate a = SyntheticFaceTemplate.create(1800);
        SyntheticFaceTemplate b = SyntheticFaceTemplate.create(1800);
        assertArrayEquals(a.mesh().positions(), b.mesh().positions());
        assertArrayEquals(a.mesh().triangles(), b.mesh().triangles());
        assertFalse(a.mesh().sameTopology(SyntheticFaceTemplate.create(1900).mesh()));
    }

    @Test
    void regionsAreSoftWeightsWhereTheyShouldBe() {
        SyntheticFaceTemplate t = SyntheticFaceTemplate.create(3000);
        Mesh m = t.mesh();
        for (FaceRegion r : FaceRegion.values()) {
            float[] w = t.regionWeights(r);
            float max = 0;
            for (int i = 0; i < w.length; i++) {
                assertTrue(w[i] >= 0 && w[i] <= 1, r + " weight " + w[i]);
                if (i >= t.faceVertexCount()) {
                    assertEquals(0f, w[i], r + " on an eyeball");
                }
                max = Math.max(max, w[i]);
            }
            assertTrue(max > 0.9, r + " never reaches full weight");
        }
        // left regions lie on +x, the jaw is the lower face, brows are above the nose
        assertTrue(weightedMean(m, t.regionWeights(FaceRegion.CHEEK_LEFT), 0) > 0.03);
        assertTrue(weightedMean(m, t.regionWeights(FaceRegion.BROW_RIGHT), 0) < -0.02);
        assertTrue(weightedMean(m, t.regionWeights(FaceRegion.JAW), 1) < weightedMean(m, t.regionWeights(FaceRegion.NOSE), 1));
        assertTrue(weightedMean(m, t.regionWeights(FaceRegion.BROW_LEFT), 1) > weightedMean(m, t.regionWeights(FaceRegion.NOSE), 1));
        assertTrue(weightedMean(m, t.regionWeights(FaceRegion.UPPER_LIP), 1) > weightedMean(m, t.regionWeights(FaceRegion.LOWER_LIP), 1));
        // the nose is the frontmost feature
        assertTrue(weightedMean(m, t.regionWeights(FaceRegion.NOSE), 2) > weightedMean(m, t.regionWeights(FaceRegion.CHEEK_LEFT), 2));
    }

    @Test
    void rejectsTooFewVertices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticFaceTemplate.create(100));
        assertTrue(e.getMessage().contains("300"));
    }

    static int[] components(Mesh m) {
        int[] parent = new int[m.vertexCount()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        int[] tri = m.triangles();
        for (int f = 0; f < tri.length; f += 3) {
            union(parent, tri[f], tri[f + 1]);
            union(parent, tri[f], tri[f + 2]);
        }
        for (int i = 0; i < parent.length; i++) {
            parent[i] = find(parent, i);
        }
        return parent;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    private static long undirected(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    private static double weightedMean(Mesh m, float[] w, int axis) {
        double s = 0;
        double ws = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * m.positions()[3 * i + axis];
            ws += w[i];
        }
        return s / ws;
    }

    private static double[] normal(Mesh m, int a, int b, int c) {
        double[] e1 = {m.x(b) - m.x(a), m.y(b) - m.y(a), m.z(b) - m.z(a)};
        double[] e2 = {m.x(c) - m.x(a), m.y(c) - m.y(a), m.z(c) - m.z(a)};
        return new double[] {e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]};
    }

    private static double minAngleDegrees(Mesh m, int a, int b, int c) {
        int[] v = {a, b, c};
        double min = 180;
        for (int k = 0; k < 3; k++) {
            int p = v[k];
            int q = v[(k + 1) % 3];
            int r = v[(k + 2) % 3];
            double[] e1 = {m.x(q) - m.x(p), m.y(q) - m.y(p), m.z(q) - m.z(p)};
            double[] e2 = {m.x(r) - m.x(p), m.y(r) - m.y(p), m.z(r) - m.z(p)};
            double dot = e1[0] * e2[0] + e1[1] * e2[1] + e1[2] * e2[2];
            double n1 = Math.sqrt(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]);
            double n2 = Math.sqrt(e2[0] * e2[0] + e2[1] * e2[1] + e2[2] * e2[2]);
            min = Math.min(min, Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / (n1 * n2))))));
        }
        return min;
    }
}
