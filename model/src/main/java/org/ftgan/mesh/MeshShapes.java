package org.ftgan.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simple meshes made from nothing: planar grids, icospheres, and combinations of them. Used by the
 * synthetic face (its eyeballs) and by tests that need a mesh with known structure.
 */
public final class MeshShapes {
    private MeshShapes() {
    }

    /**
     * A planar grid of {@code nx} x {@code ny} vertices in the z = 0 plane, spacing {@code step},
     * each quad split along the same diagonal, counter-clockwise seen from +z. Vertex (i, j) has
     * index {@code j * nx + i}.
     */
    public static Mesh grid(int nx, int ny, float step) {
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 x 2 vertices, got " + nx + " x " + ny);
        }
        float[] p = new float[nx * ny * 3];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int v = j * nx + i;
                p[3 * v] = i * step;
                p[3 * v + 1] = j * step;
            }
        }
        int[] t = new int[(nx - 1) * (ny - 1) * 6];
        int k = 0;
        for (int j = 0; j < ny - 1; j++) {
            for (int i = 0; i < nx - 1; i++) {
                int a = j * nx + i;
                int b = a + 1;
                int c = a + nx;
                int d = c + 1;
                t[k++] = a; t[k++] = b; t[k++] = d;
                t[k++] = a; t[k++] = d; t[k++] = c;
            }
        }
        return new Mesh(p, t);
    }

    /**
     * An icosphere of radius 1 centred at the origin: an icosahedron whose triangles are split in
     * four {@code subdivisions} times (12, 42, 162, 642, 2562, ... vertices), outward-facing.
     */
    public static Mesh icosphere(int subdivisions) {
        double g = (1 + Math.sqrt(5)) / 2;
        List<double[]> verts = new ArrayList<>();
        double[][] base = {{-1, g, 0}, {1, g, 0}, {-1, -g, 0}, {1, -g, 0}, {0, -1, g}, {0, 1, g},
                {0, -1, -g}, {0, 1, -g}, {g, 0, -1}, {g, 0, 1}, {-g, 0, -1}, {-g, 0, 1}};
        for (double[] b : base) {
            verts.add(normalize(b));
        }
        int[] faces = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
                3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        for (int s = 0; s < subdivisions; s++) {
            Map<Long, Integer> midpoints = new HashMap<>();
            int[] next = new int[faces.length * 4];
            int k = 0;
            for (int f = 0; f < faces.length; f += 3) {
                int a = faces[f];
                int b = faces[f + 1];
                int c = faces[f + 2];
                int ab = midpoint(verts, midpoints, a, b);
                int bc = midpoint(verts, midpoints, b, c);
                int ca = midpoint(verts, midpoints, c, a);
                int[] four = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
                System.arraycopy(four, 0, next, k, 12);
                k += 12;
            }
            faces = next;
        }
        float[] p = new float[verts.size() * 3];
        for (int i = 0; i < verts.size(); i++) {
            for (int d = 0; d < 3; d++) {
                p[3 * i + d] = (float) verts.get(i)[d];
            }
        }
        return new Mesh(p, faces);
    }

    /** The mesh scaled by {@code scale} about the origin, then moved by (dx, dy, dz). */
    public static Mesh scaledAndMoved(Mesh mesh, float scale, float dx, float dy, float dz) {
        float[] p = mesh.positions().clone();
        for (int i = 0; i < p.length; i += 3) {
            p[i] = p[i] * scale + dx;
            p[i + 1] = p[i + 1] * scale + dy;
            p[i + 2] = p[i + 2] * scale + dz;
        }
        return new Mesh(p, mesh.triangles().clone());
    }

    /** Both meshes as one, {@code b}'s vertices numbered after {@code a}'s (separate components). */
    public static Mesh union(Mesh a, Mesh b) {
        float[] p = new float[a.positions().length + b.positions().length];
        System.arraycopy(a.positions(), 0, p, 0, a.positions().length);
        System.arraycopy(b.positions(), 0, p, a.positions().length, b.positions().length);
        int[] t = new int[a.triangles().length + b.triangles().length];
        System.arraycopy(a.triangles(), 0, t, 0, a.triangles().length);
        int offset = a.vertexCount();
        for (int i = 0; i < b.triangles().length; i++) {
            t[a.triangles().length + i] = b.triangles()[i] + offset;
        }
        return new Mesh(p, t);
    }

    private static int midpoint(List<double[]> verts, Map<Long, Integer> cache, int a, int b) {
        long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        Integer known = cache.get(key);
        if (known != null) {
            return known;
        }
        double[] va = verts.get(a);
        double[] vb = verts.get(b);
        verts.add(normalize(new double[] {va[0] + vb[0], va[1] + vb[1], va[2] + vb[2]}));
        cache.put(key, verts.size() - 1);
        return verts.size() - 1;
    }

    private static double[] normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
