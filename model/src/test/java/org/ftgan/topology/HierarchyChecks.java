package org.ftgan.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.ftgan.mesh.Mesh;

/** Structural checks of a hierarchy shared by the topology tests. */
final class HierarchyChecks {
    private HierarchyChecks() {
    }

    /** Everything a valid hierarchy promises, level by level. */
    static void assertValid(MeshHierarchy h) {
        for (int i = 0; i + 1 < h.levelCount(); i++) {
            Mesh fine = h.levels().get(i);
            Mesh coarse = h.levels().get(i + 1);
            assertSelectionExact(fine, coarse, h.down().get(i), i);
            assertUpSamplingExactOnSurvivors(fine, coarse, h.down().get(i), h.up().get(i), i);
            assertWeightsConvex(h.up().get(i), i);
            assertManifold(coarse, "level " + (i + 1));
        }
    }

    static void assertSelectionExact(Mesh fine, Mesh coarse, DownSampling d, int level) {
        assertEquals(fine.vertexCount(), d.fineCount());
        assertEquals(coarse.vertexCount(), d.coarseCount());
        for (int c = 0; c < d.coarseCount(); c++) {
            int f = d.keptFineVertex()[c];
            for (int k = 0; k < 3; k++) {
                assertEquals(Float.floatToRawIntBits(fine.positions()[3 * f + k]),
                        Float.floatToRawIntBits(coarse.positions()[3 * c + k]),
                        "level " + level + ": coarse vertex " + c + " is not exactly fine vertex " + f);
            }
        }
    }

    static void assertUpSamplingExactOnSurvivors(Mesh fine, Mesh coarse, DownSampling d, UpSampling u, int level) {
        float[] up = u.apply(coarse.positions(), 3);
        for (int c = 0; c < d.coarseCount(); c++) {
            int f = d.keptFineVertex()[c];
            for (int k = 0; k < 3; k++) {
                assertEquals(Float.floatToRawIntBits(fine.positions()[3 * f + k]), Float.floatToRawIntBits(up[3 * f + k]),
                        "level " + level + ": U does not reproduce surviving fine vertex " + f);
            }
        }
    }

    static void assertWeightsConvex(UpSampling u, int level) {
        for (int f = 0; f < u.fineCount(); f++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                float w = u.weight()[3 * f + k];
                assertTrue(w >= 0f && w <= 1f, "level " + level + ": weight " + w + " of fine vertex " + f);
                sum += w;
            }
            assertEquals(1.0, sum, 1e-6, "level " + level + ": weights of fine vertex " + f);
        }
    }

    /** Faces of three distinct valid vertices, no face twice, every edge in at most two faces. */
    static void assertManifold(Mesh m, String what) {
        int[] t = m.triangles();
        Map<Long, Integer> edgeFaces = new HashMap<>();
        Set<String> faces = new HashSet<>();
        for (int f = 0; f < m.faceCount(); f++) {
            int a = t[3 * f];
            int b = t[3 * f + 1];
            int c = t[3 * f + 2];
            assertTrue(a != b && b != c && c != a, what + ": face " + f + " repeats a vertex");
            int[] s = {a, b, c};
            java.util.Arrays.sort(s);
            assertTrue(faces.add(s[0] + "," + s[1] + "," + s[2]), what + ": face " + f + " appears twice");
            for (int k = 0; k < 3; k++) {
                edgeFaces.merge(edgeKey(t[3 * f + k], t[3 * f + (k + 1) % 3]), 1, Integer::sum);
            }
        }
        edgeFaces.forEach((e, n) -> assertTrue(n <= 2, what + ": edge " + (e >> 32) + "-" + (e & 0xffffffffL) + " in " + n + " faces"));
        assertSingleFanAtEveryVertex(m, what);
    }

    /** The faces around each vertex are connected through their edges at that vertex (no bow-tie). */
    static void assertSingleFanAtEveryVertex(Mesh m, String what) {
        int[] t = m.triangles();
        Map<Integer, java.util.List<Integer>> facesOf = new HashMap<>();
        for (int f = 0; f < m.faceCount(); f++) {
            for (int k = 0; k < 3; k++) {
                facesOf.computeIfAbsent(t[3 * f + k], v -> new java.util.ArrayList<>()).add(f);
            }
        }
        facesOf.forEach((v, faces) -> {
            Set<Integer> reached = new HashSet<>();
            ArrayDeque<Integer> todo = new ArrayDeque<>();
            todo.push(faces.get(0));
            reached.add(faces.get(0));
            while (!todo.isEmpty()) {
                int f = todo.pop();
                for (int g : faces) {
                    if (!reached.contains(g) && shareAnotherVertex(t, f, g, v)) {
                        reached.add(g);
                        todo.push(g);
                    }
                }
            }
            assertEquals(faces.size(), reached.size(), what + ": the faces at vertex " + v + " form more than one fan");
        });
    }

    private static boolean shareAnotherVertex(int[] t, int f, int g, int v) {
        for (int i = 0; i < 3; i++) {
            int x = t[3 * f + i];
            if (x != v && (t[3 * g] == x || t[3 * g + 1] == x || t[3 * g + 2] == x)) {
                return true;
            }
        }
        return false;
    }

    static long edgeKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    static int edgeCount(Mesh m) {
        Set<Long> edges = new HashSet<>();
        int[] t = m.triangles();
        for (int f = 0; f < m.faceCount(); f++) {
            for (int k = 0; k < 3; k++) {
                edges.add(edgeKey(t[3 * f + k], t[3 * f + (k + 1) % 3]));
            }
        }
        return edges.size();
    }

    /** Component label of each vertex (connected through faces); -1 for a vertex in no face. */
    static int[] components(Mesh m) {
        int n = m.vertexCount();
        int[][] adj = new int[n][];
        int[] deg = new int[n];
        int[] t = m.triangles();
        for (int v : t) {
            deg[v] += 2;
        }
        for (int v = 0; v < n; v++) {
            adj[v] = new int[deg[v]];
            deg[v] = 0;
        }
        for (int f = 0; f < m.faceCount(); f++) {
            for (int k = 0; k < 3; k++) {
                int v = t[3 * f + k];
                adj[v][deg[v]++] = t[3 * f + (k + 1) % 3];
                adj[v][deg[v]++] = t[3 * f + (k + 2) % 3];
            }
        }
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (label[s] >= 0 || deg[s] == 0) {
                continue;
            }
            ArrayDeque<Integer> stack = new ArrayDeque<>();
            stack.push(s);
            label[s] = next;
            while (!stack.isEmpty()) {
                int v = stack.pop();
                for (int w : adj[v]) {
                    if (label[w] < 0) {
                        label[w] = next;
                        stack.push(w);
                    }
                }
            }
            next++;
        }
        return label;
    }

    static void assertSameArrays(MeshHierarchy a, MeshHierarchy b) {
        assertEquals(a.levelCount(), b.levelCount());
        assertArrayEquals(a.factors(), b.factors());
        for (int i = 0; i < a.levelCount(); i++) {
            assertArrayEquals(a.levels().get(i).positions(), b.levels().get(i).positions(), "positions of level " + i);
            assertArrayEquals(a.levels().get(i).triangles(), b.levels().get(i).triangles(), "triangles of level " + i);
        }
        for (int i = 0; i + 1 < a.levelCount(); i++) {
            assertEquals(a.down().get(i).fineCount(), b.down().get(i).fineCount());
            assertArrayEquals(a.down().get(i).keptFineVertex(), b.down().get(i).keptFineVertex(), "D " + i);
            assertEquals(a.up().get(i).coarseCount(), b.up().get(i).coarseCount());
            assertArrayEquals(a.up().get(i).coarseVertex(), b.up().get(i).coarseVertex(), "U indices " + i);
            assertArrayEquals(a.up().get(i).weight(), b.up().get(i).weight(), "U weights " + i);
        }
    }
}
