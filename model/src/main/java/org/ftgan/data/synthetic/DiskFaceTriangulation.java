package org.ftgan.data.synthetic;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Triangulates the flat face: a disk of concentric rings (nearly equilateral triangles, a clean
 * circular outline) with a mouth slit cut along a chain of edges, so the face has two boundary loops.
 *
 * <p>The slit follows the edge path closest to the mouth line, which is then straightened onto the
 * line, and the vertices around it are relaxed so the triangles there stay well shaped.
 */
final class DiskFaceTriangulation {
    /** Ring spacing over spacing along a ring: sqrt(3)/2 makes the triangles close to equilateral. */
    private static final double RING_SPACING_RATIO = Math.sqrt(3) / 2;
    private static final int RELAX_ITERATIONS = 40;

    private DiskFaceTriangulation() {
    }

    /** A flat face with about {@code targetVertices} vertices (the slit's duplicates included). */
    static FlatFace build(int targetVertices) {
        if (targetVertices < 100) {
            throw new IllegalArgumentException("the face needs at least 100 vertices, asked for " + targetVertices);
        }
        double density = RING_SPACING_RATIO;
        int rings = (int) Math.max(4, Math.round(Math.sqrt(targetVertices / (Math.PI * density))));
        double step = FaceLayout.DISK_RADIUS / rings / density;
        int slitDuplicates = (int) Math.max(1, Math.round(2 * FaceLayout.MOUTH_HALF_WIDTH / step) - 1);
        int[] counts = ringCounts(rings, targetVertices - slitDuplicates);

        int total = 1;
        for (int k = 1; k <= rings; k++) {
            total += counts[k];
        }
        double[] u = new double[total];
        double[] v = new double[total];
        int[] ringStart = new int[rings + 2];
        ringStart[1] = 1;
        for (int k = 1; k <= rings; k++) {
            ringStart[k + 1] = ringStart[k] + counts[k];
            double radius = FaceLayout.DISK_RADIUS * k / rings;
            double offset = (k % 2) * 0.5;
            for (int i = 0; i < counts[k]; i++) {
                double a = 2 * Math.PI * (i + offset) / counts[k];
                u[ringStart[k] + i] = radius * StrictMath.cos(a);
                v[ringStart[k] + i] = radius * StrictMath.sin(a);
            }
        }

        IntList tris = new IntList();
        for (int j = 0; j < counts[1]; j++) {
            tris.add(0, ringStart[1] + j, ringStart[1] + (j + 1) % counts[1]);
        }
        for (int k = 1; k < rings; k++) {
            zip(u, v, ringStart[k], counts[k], ringStart[k + 1], counts[k + 1], tris);
        }
        int[] triangles = tris.toArray();

        int[] path = slitPath(u, v, triangles, step);
        return cutAndRelax(u, v, triangles, path, ringStart[rings], step);
    }

    /** Vertex counts of rings 1..rings (index 0 unused) adding up to about {@code target - 1}. */
    private static int[] ringCounts(int rings, int target) {
        double perimeterFactor = (target - 1) / (Math.PI * rings * (rings + 1));
        int[] counts = new int[rings + 1];
        for (int pass = 0; pass < 4; pass++) {
            int sum = 0;
            for (int k = 1; k <= rings; k++) {
                counts[k] = (int) Math.max(5, Math.round(2 * Math.PI * k * perimeterFactor));
                sum += counts[k];
            }
            perimeterFactor *= (double) (target - 1) / sum;
        }
        return counts;
    }

    /** Joins two neighbouring rings with a strip of triangles, always taking the shorter diagonal. */
    private static void zip(double[] u, double[] v, int inner, int nInner, int outer, int nOuter, IntList tris) {
        int i = 0;
        int j = 0;
        while (i < nInner || j < nOuter) {
            int a = inner + i % nInner;
            int aNext = inner + (i + 1) % nInner;
            int b = outer + j % nOuter;
            int bNext = outer + (j + 1) % nOuter;
            boolean advanceOuter;
            if (i == nInner) {
                advanceOuter = true;
            } else if (j == nOuter) {
                advanceOuter = false;
            } else {
                advanceOuter = dist2(u, v, a, bNext) <= dist2(u, v, aNext, b);
            }
            if (advanceOuter) {
                tris.add(a, b, bNext);
                j++;
            } else {
                tris.add(a, b, aNext);
                i++;
            }
        }
    }

    /**
     * The edge path from the vertex nearest the right mouth corner to the one nearest the left corner
     * that stays closest to the mouth line (Dijkstra, edges off the line cost more).
     */
    private static int[] slitPath(double[] u, double[] v, int[] triangles, double step) {
        int n = u.length;
        int[][] neighbours = neighbours(n, triangles);
        int start = nearest(u, v, -FaceLayout.MOUTH_HALF_WIDTH, FaceLayout.MOUTH_V);
        int goal = nearest(u, v, FaceLayout.MOUTH_HALF_WIDTH, FaceLayout.MOUTH_V);
        double[] cost = new double[n];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        int[] previous = new int[n];
        Arrays.fill(previous, -1);
        cost[start] = 0;
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
        queue.add(new double[] {0, start});
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int a = (int) top[1];
            if (top[0] > cost[a]) {
                continue;
            }
            if (a == goal) {
                break;
            }
            for (int b : neighbours[a]) {
                double offLine = (Math.abs(v[a] - FaceLayout.MOUTH_V) + Math.abs(v[b] - FaceLayout.MOUTH_V)) / (2 * step);
                double c = cost[a] + Math.sqrt(dist2(u, v, a, b)) * (1 + 8 * offLine * offLine);
                if (c < cost[b]) {
                    cost[b] = c;
                    previous[b] = a;
                    queue.add(new double[] {c, b});
                }
            }
        }
        IntList reversed = new IntList();
        for (int x = goal; x != -1; x = previous[x]) {
            reversed.add(x);
        }
        int[] r = reversed.toArray();
        int[] path = new int[r.length];
        for (int i = 0; i < r.length; i++) {
            path[i] = r[r.length - 1 - i];
        }
        if (path[0] != start || path.length < 3) {
            throw new IllegalStateException("no mouth slit path of at least 3 vertices between the corners (got " + path.length + ")");
        }
        return path;
    }

    /**
     * Straightens the path onto the mouth line, gives each inner path vertex a twin for the lower lip
     * (the triangles below the path switch to the twin), then relaxes the vertices near the mouth.
     */
    private static FlatFace cutAndRelax(double[] u0, double[] v0, int[] triangles, int[] path, int outlineStart, double step) {
        int n0 = u0.length;
        int inner = path.length - 2;
        double[] u = Arrays.copyOf(u0, n0 + inner);
        double[] v = Arrays.copyOf(v0, n0 + inner);
        int[] side = new int[n0 + inner];
        for (int i = 0; i < path.length; i++) {
            u[path[i]] = -FaceLayout.MOUTH_HALF_WIDTH + 2 * FaceLayout.MOUTH_HALF_WIDTH * i / (path.length - 1);
            v[path[i]] = FaceLayout.MOUTH_V;
        }
        int[][] incident = incidentTriangles(n0, triangles);
        int[] upper = path.clone();
        int[] lower = path.clone();
        int[][] lowerFans = new int[path.length][];
        for (int i = 1; i < path.length - 1; i++) {
            lowerFans[i] = lowerFan(triangles, incident[path[i]], path[i], path[i - 1], path[i + 1]);
        }
        for (int i = 1; i < path.length - 1; i++) {
            int p = path[i];
            int twin = n0 + i - 1;
            u[twin] = u[p];
            v[twin] = v[p];
            side[p] = 1;
            side[twin] = -1;
            lower[i] = twin;
            for (int t : lowerFans[i]) {
                for (int c = 0; c < 3; c++) {
                    if (triangles[3 * t + c] == p) {
                        triangles[3 * t + c] = twin;
                    }
                }
            }
        }
        relaxAroundMouth(u, v, side, triangles, path, outlineStart, n0, step);
        for (int t = 0; t < triangles.length / 3; t++) {
            if (signedArea(u, v, triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]) <= 0) {
                throw new IllegalStateException("flat face triangle " + t + " is folded after cutting the mouth slit");
            }
        }
        return new FlatFace(u, v, side, triangles, upper, lower);
    }

    /**
     * The triangles around path vertex {@code p} below the path: turning counter-clockwise from the
     * edge to the previous path vertex (towards -u) to the edge to the next one (towards +u).
     */
    private static int[] lowerFan(int[] triangles, int[] around, int p, int previous, int next) {
        IntList fan = new IntList();
        int from = previous;
        for (int guard = 0; guard <= around.length; guard++) {
            int found = -1;
            int to = -1;
            for (int t : around) {
                int c = triangles[3 * t] == p ? 0 : triangles[3 * t + 1] == p ? 1 : 2;
                if (triangles[3 * t + (c + 1) % 3] == from) {
                    found = t;
                    to = triangles[3 * t + (c + 2) % 3];
                    break;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("mouth slit vertex " + p + " has an open fan");
            }
            fan.add(found);
            if (to == next) {
                return fan.toArray();
            }
            from = to;
        }
        throw new IllegalStateException("mouth slit vertex " + p + ": the edge to the next slit vertex is not in its fan");
    }

    /** Laplacian relaxation of the free vertices within a few triangle sizes of the mouth slit. */
    private static void relaxAroundMouth(double[] u, double[] v, int[] side, int[] triangles, int[] path, int outlineStart, int n0, double step) {
        int[][] neighbours = neighbours(u.length, triangles);
        boolean[] fixed = new boolean[u.length];
        for (int p : path) {
            fixed[p] = true;
        }
        IntList free = new IntList();
        for (int i = 0; i < u.length; i++) {
            boolean onOutline = i >= outlineStart && i < n0;
            if (!fixed[i] && side[i] == 0 && !onOutline && distanceToMouthLine(u[i], v[i]) < 5 * step) {
                free.add(i);
            }
        }
        int[] movable = free.toArray();
        double[] nu = new double[movable.length];
        double[] nv = new double[movable.length];
        for (int it = 0; it < RELAX_ITERATIONS; it++) {
            for (int k = 0; k < movable.length; k++) {
                int i = movable[k];
                double su = 0;
                double sv = 0;
                for (int j : neighbours[i]) {
                    su += u[j];
                    sv += v[j];
                }
                nu[k] = 0.5 * u[i] + 0.5 * su / neighbours[i].length;
                nv[k] = 0.5 * v[i] + 0.5 * sv / neighbours[i].length;
            }
            for (int k = 0; k < movable.length; k++) {
                u[movable[k]] = nu[k];
                v[movable[k]] = nv[k];
            }
        }
    }

    private static double distanceToMouthLine(double u, double v) {
        double du = Math.max(0, Math.abs(u) - FaceLayout.MOUTH_HALF_WIDTH);
        double dv = v - FaceLayout.MOUTH_V;
        return Math.sqrt(du * du + dv * dv);
    }

    static int[][] neighbours(int n, int[] triangles) {
        IntList[] lists = new IntList[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new IntList();
        }
        for (int t = 0; t < triangles.length; t += 3) {
            for (int c = 0; c < 3; c++) {
                int a = triangles[t + c];
                int b = triangles[t + (c + 1) % 3];
                lists[a].add(b);
                lists[b].add(a);
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.stream(lists[i].toArray()).sorted().distinct().toArray();
        }
        return out;
    }

    private static int[][] incidentTriangles(int n, int[] triangles) {
        IntList[] lists = new IntList[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new IntList();
        }
        for (int t = 0; t < triangles.length / 3; t++) {
            for (int c = 0; c < 3; c++) {
                lists[triangles[3 * t + c]].add(t);
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = lists[i].toArray();
        }
        return out;
    }

    private static int nearest(double[] u, double[] v, double pu, double pv) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < u.length; i++) {
            double d = (u[i] - pu) * (u[i] - pu) + (v[i] - pv) * (v[i] - pv);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static double dist2(double[] u, double[] v, int a, int b) {
        double du = u[a] - u[b];
        double dv = v[a] - v[b];
        return du * du + dv * dv;
    }

    private static double signedArea(double[] u, double[] v, int a, int b, int c) {
        return 0.5 * ((u[b] - u[a]) * (v[c] - v[a]) - (u[c] - u[a]) * (v[b] - v[a]));
    }

    /** A growable int array (the triangulation's lists, without boxing). */
    private static final class IntList {
        private int[] data = new int[16];
        private int size;

        void add(int x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = x;
        }

        void add(int a, int b, int c) {
            add(a);
            add(b);
            add(c);
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
