package org.ftgan.topology;

import org.ftgan.mesh.Mesh;

/**
 * Bounding-volume hierarchy over the triangles of a mesh for exact nearest-triangle queries: boxes
 * split at the median centroid along their longest axis; a query descends into the nearer child first
 * and skips every box farther than the best triangle found so far, so points far from the surface (an
 * unreferenced vertex, say) cost about as little as points on it. Ties are broken by the smaller
 * triangle index, so results do not depend on the visiting order.
 */
final class TriangleBvh {
    private static final int LEAF_SIZE = 4;
    /** Relative slack on box distances, so that rounding never prunes a box holding an equally near triangle. */
    private static final double SLACK = 1 + 1e-9;

    private final double[] corners; // 9 doubles per triangle
    private final int[] order; // triangle ids, each leaf a contiguous run
    private final double[] centroid;
    // per node: box (6 doubles), then first triangle and count (leaves) or the right child (inner nodes)
    private double[] box;
    private int[] first;
    private int[] count;
    private int[] right;
    private int nodes;
    private final int[] stack = new int[128];
    private final double[] scratchWeights = new double[3];

    /** Result of the last {@link #nearest} call: triangle, squared distance, corner weights. */
    int nearestTriangle;
    double nearestDistanceSquared;
    final double[] nearestWeights = new double[3];

    TriangleBvh(Mesh mesh) {
        int faces = mesh.faceCount();
        if (faces == 0) {
            throw new IllegalArgumentException("the coarse mesh has no triangles to project onto");
        }
        int[] t = mesh.triangles();
        float[] p = mesh.positions();
        corners = new double[9 * faces];
        centroid = new double[3 * faces];
        order = new int[faces];
        for (int f = 0; f < faces; f++) {
            order[f] = f;
            for (int k = 0; k < 3; k++) {
                int v = t[3 * f + k];
                for (int d = 0; d < 3; d++) {
                    corners[9 * f + 3 * k + d] = p[3 * v + d];
                    centroid[3 * f + d] += p[3 * v + d] / 3.0;
                }
            }
        }
        int capacity = 2 * (faces / LEAF_SIZE + 1) + 1;
        box = new double[6 * capacity];
        first = new int[capacity];
        count = new int[capacity];
        right = new int[capacity];
        build(0, faces);
    }

    /** Builds the subtree of triangles order[lo, hi) and returns its node index (depth-first layout). */
    private int build(int lo, int hi) {
        int node = nodes++;
        if (node == first.length) {
            grow();
        }
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] c = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = lo; i < hi; i++) {
            int f = order[i];
            for (int k = 0; k < 3; k++) {
                for (int d = 0; d < 3; d++) {
                    double x = corners[9 * f + 3 * k + d];
                    b[d] = Math.min(b[d], x);
                    b[3 + d] = Math.max(b[3 + d], x);
                }
            }
            for (int d = 0; d < 3; d++) {
                c[d] = Math.min(c[d], centroid[3 * f + d]);
                c[3 + d] = Math.max(c[3 + d], centroid[3 * f + d]);
            }
        }
        System.arraycopy(b, 0, box, 6 * node, 6);
        if (hi - lo <= LEAF_SIZE) {
            first[node] = lo;
            count[node] = hi - lo;
            return node;
        }
        int axis = 0;
        for (int d = 1; d < 3; d++) {
            if (c[3 + d] - c[d] > c[3 + axis] - c[axis]) {
                axis = d;
            }
        }
        int mid = (lo + hi) >>> 1;
        select(lo, hi - 1, mid, axis);
        build(lo, mid);
        // not right[node] = build(...): the arrays may be reallocated while the subtree is built
        int r = build(mid, hi);
        right[node] = r;
        return node;
    }

    private void grow() {
        int n = first.length * 2;
        box = java.util.Arrays.copyOf(box, 6 * n);
        first = java.util.Arrays.copyOf(first, n);
        count = java.util.Arrays.copyOf(count, n);
        right = java.util.Arrays.copyOf(right, n);
    }

    /** Quickselect: puts the k-th triangle by (centroid on axis, id) at order[k], smaller ones before it. */
    private void select(int lo, int hi, int k, int axis) {
        while (lo < hi) {
            int pivot = order[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (before(order[i], pivot, axis)) {
                    i++;
                }
                while (before(pivot, order[j], axis)) {
                    j--;
                }
                if (i <= j) {
                    int s = order[i];
                    order[i] = order[j];
                    order[j] = s;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private boolean before(int f, int g, int axis) {
        double a = centroid[3 * f + axis];
        double b = centroid[3 * g + axis];
        return a < b || (a == b && f < g);
    }

    /**
     * Finds the closest triangle to (x, y, z); the answer is in the {@code nearest*} fields.
     *
     * @param hint a triangle likely to be near (for example the answer for a neighbouring point), or -1;
     *             it only tightens the search bound early and never changes the answer
     */
    void nearest(double x, double y, double z, int hint) {
        nearestTriangle = -1;
        nearestDistanceSquared = Double.POSITIVE_INFINITY;
        if (hint >= 0) {
            nearestDistanceSquared = ClosestPointOnTriangle.project(x, y, z, corners, 9 * hint, nearestWeights);
            nearestTriangle = hint;
        }
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            if (boxDistanceSquared(node, x, y, z) > nearestDistanceSquared * SLACK) {
                continue;
            }
            if (count[node] > 0) {
                for (int i = first[node]; i < first[node] + count[node]; i++) {
                    int f = order[i];
                    double d = ClosestPointOnTriangle.project(x, y, z, corners, 9 * f, scratchWeights);
                    if (d < nearestDistanceSquared || (d == nearestDistanceSquared && f < nearestTriangle)) {
                        nearestDistanceSquared = d;
                        nearestTriangle = f;
                        System.arraycopy(scratchWeights, 0, nearestWeights, 0, 3);
                    }
                }
                continue;
            }
            int left = node + 1;
            int r = right[node];
            // the nearer child is popped first
            if (boxDistanceSquared(left, x, y, z) <= boxDistanceSquared(r, x, y, z)) {
                stack[top++] = r;
                stack[top++] = left;
            } else {
                stack[top++] = left;
                stack[top++] = r;
            }
        }
    }

    private double boxDistanceSquared(int node, double x, double y, double z) {
        int o = 6 * node;
        double dx = Math.max(0, Math.max(box[o] - x, x - box[o + 3]));
        double dy = Math.max(0, Math.max(box[o + 1] - y, y - box[o + 4]));
        double dz = Math.max(0, Math.max(box[o + 2] - z, z - box[o + 5]));
        return dx * dx + dy * dy + dz * dz;
    }
}
