package org.ftgan.topology;

/**
 * Exact closest point of a triangle to a point, as barycentric weights: the point is classified into
 * the Voronoi region of a corner, an edge or the face (Ericson, Real-Time Collision Detection, 5.1.5),
 * so the weights are always in [0, 1] and sum to 1 and the point lies on the triangle, also for
 * degenerate (flat or collapsed) triangles.
 */
final class ClosestPointOnTriangle {
    private ClosestPointOnTriangle() {
    }

    /**
     * Writes the weights of corners a, b, c into {@code w[0..2]} and returns the squared distance from
     * p to the closest point. Coordinates are given as three-element arrays at the given offsets.
     */
    static double project(double px, double py, double pz, double[] t, int o, double[] w) {
        double ax = t[o];
        double ay = t[o + 1];
        double az = t[o + 2];
        double abx = t[o + 3] - ax;
        double aby = t[o + 4] - ay;
        double abz = t[o + 5] - az;
        double acx = t[o + 6] - ax;
        double acy = t[o + 7] - ay;
        double acz = t[o + 8] - az;
        double apx = px - ax;
        double apy = py - ay;
        double apz = pz - az;
        double d1 = abx * apx + aby * apy + abz * apz;
        double d2 = acx * apx + acy * apy + acz * apz;
        if (d1 <= 0 && d2 <= 0) {
            return weights(w, 1, 0, 0, px, py, pz, t, o);
        }
        double bpx = px - t[o + 3];
        double bpy = py - t[o + 4];
        double bpz = pz - t[o + 5];
        double d3 = abx * bpx + aby * bpy + abz * bpz;
        double d4 = acx * bpx + acy * bpy + acz * bpz;
        if (d3 >= 0 && d4 <= d3) {
            return weights(w, 0, 1, 0, px, py, pz, t, o);
        }
        double vc = d1 * d4 - d3 * d2;
        if (vc <= 0 && d1 >= 0 && d3 <= 0) {
            double v = ratio(d1, d1 - d3);
            return weights(w, 1 - v, v, 0, px, py, pz, t, o);
        }
        double cpx = px - t[o + 6];
        double cpy = py - t[o + 7];
        double cpz = pz - t[o + 8];
        double d5 = abx * cpx + aby * cpy + abz * cpz;
        double d6 = acx * cpx + acy * cpy + acz * cpz;
        if (d6 >= 0 && d5 <= d6) {
            return weights(w, 0, 0, 1, px, py, pz, t, o);
        }
        double vb = d5 * d2 - d1 * d6;
        if (vb <= 0 && d2 >= 0 && d6 <= 0) {
            double v = ratio(d2, d2 - d6);
            return weights(w, 1 - v, 0, v, px, py, pz, t, o);
        }
        double va = d3 * d6 - d5 * d4;
        if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) {
            double v = ratio(d4 - d3, (d4 - d3) + (d5 - d6));
            return weights(w, 0, 1 - v, v, px, py, pz, t, o);
        }
        // face region; rounding can leave a tiny negative part, which is clipped
        va = Math.max(va, 0);
        vb = Math.max(vb, 0);
        vc = Math.max(vc, 0);
        double sum = va + vb + vc;
        if (!(sum > 0) || !Double.isFinite(sum)) {
            return onEdges(px, py, pz, t, o, w);
        }
        return weights(w, va / sum, vb / sum, vc / sum, px, py, pz, t, o);
    }

    /** Fallback for a triangle without area: the best of its three edges. */
    private static double onEdges(double px, double py, double pz, double[] t, int o, double[] w) {
        double best = Double.POSITIVE_INFINITY;
        double b0 = 1;
        double b1 = 0;
        double b2 = 0;
        for (int e = 0; e < 3; e++) {
            int i = e;
            int j = (e + 1) % 3;
            double s = segmentParameter(px, py, pz, t, o + 3 * i, o + 3 * j);
            double[] bw = new double[3];
            bw[i] = 1 - s;
            bw[j] = s;
            double d = distanceSquared(bw[0], bw[1], bw[2], px, py, pz, t, o);
            if (d < best) {
                best = d;
                b0 = bw[0];
                b1 = bw[1];
                b2 = bw[2];
            }
        }
        w[0] = b0;
        w[1] = b1;
        w[2] = b2;
        return best;
    }

    private static double segmentParameter(double px, double py, double pz, double[] t, int a, int b) {
        double ex = t[b] - t[a];
        double ey = t[b + 1] - t[a + 1];
        double ez = t[b + 2] - t[a + 2];
        double len2 = ex * ex + ey * ey + ez * ez;
        if (!(len2 > 0)) {
            return 0;
        }
        double s = ((px - t[a]) * ex + (py - t[a + 1]) * ey + (pz - t[a + 2]) * ez) / len2;
        return Math.min(1, Math.max(0, s));
    }

    /** num / den clipped to [0, 1]; 0 when the edge has no length (den is its squared length). */
    private static double ratio(double num, double den) {
        return den > 0 ? Math.min(1, Math.max(0, num / den)) : 0;
    }

    private static double weights(double[] w, double wa, double wb, double wc, double px, double py, double pz, double[] t, int o) {
        w[0] = wa;
        w[1] = wb;
        w[2] = wc;
        return distanceSquared(wa, wb, wc, px, py, pz, t, o);
    }

    private static double distanceSquared(double wa, double wb, double wc, double px, double py, double pz, double[] t, int o) {
        double qx = wa * t[o] + wb * t[o + 3] + wc * t[o + 6];
        double qy = wa * t[o + 1] + wb * t[o + 4] + wc * t[o + 7];
        double qz = wa * t[o + 2] + wb * t[o + 5] + wc * t[o + 8];
        double dx = px - qx;
        double dy = py - qy;
        double dz = pz - qz;
        return dx * dx + dy * dy + dz * dz;
    }
}
