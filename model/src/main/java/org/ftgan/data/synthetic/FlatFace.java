package org.ftgan.data.synthetic;

/**
 * The synthetic face laid flat: each vertex's position (u, v) in the parameter disk, the triangles
 * (counter-clockwise seen from +z), and the mouth slit. A vertex on the slit exists twice, once for
 * each lip; {@code side} tells them apart (+1 upper lip, -1 lower lip, 0 everywhere else,
 * including the two mouth corners where the lips meet).
 *
 * @param upperSlit vertices of the upper lip edge from the right corner (u < 0) to the left corner
 * @param lowerSlit vertices of the lower lip edge in the same order (same corners at both ends)
 */
record FlatFace(double[] u, double[] v, int[] side, int[] triangles, int[] upperSlit, int[] lowerSlit) {
    int vertexCount() {
        return u.length;
    }

    int rightCorner() {
        return upperSlit[0];
    }

    int leftCorner() {
        return upperSlit[upperSlit.length - 1];
    }
}
