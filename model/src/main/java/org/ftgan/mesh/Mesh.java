package org.ftgan.mesh;

import java.util.Arrays;

/**
 * A triangle mesh: V vertex positions and F triangles, stored flat for speed.
 *
 * <p>{@code positions} holds x0,y0,z0,x1,y1,z1,... ({@code 3 * V} floats); {@code triangles} holds
 * the three vertex indices of each face ({@code 3 * F} ints), in the file's winding order.
 * Every sample of a dataset shares one topology (the template's triangles), so a mesh is cheap to
 * copy with new positions ({@link #withPositions}).
 */
public final class Mesh {
    private final float[] positions;
    private final int[] triangles;

    /** Takes ownership of both arrays; checks their shapes and that every index is a vertex. */
    public Mesh(float[] positions, int[] triangles) {
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions length " + positions.length + " is not a multiple of 3");
        }
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles length " + triangles.length + " is not a multiple of 3");
        }
        int v = positions.length / 3;
        for (int i = 0; i < triangles.length; i++) {
            if (triangles[i] < 0 || triangles[i] >= v) {
                throw new IllegalArgumentException("face " + (i / 3) + " refers to vertex " + triangles[i]
                        + " but the mesh has " + v + " vertices");
            }
        }
        this.positions = positions;
        this.triangles = triangles;
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int faceCount() {
        return triangles.length / 3;
    }

    /** The flat position array (not copied: callers must not modify a mesh they do not own). */
    public float[] positions() {
        return positions;
    }

    /** The flat triangle index array (not copied). */
    public int[] triangles() {
        return triangles;
    }

    public float x(int v) {
        return positions[3 * v];
    }

    public float y(int v) {
        return positions[3 * v + 1];
    }

    public float z(int v) {
        return positions[3 * v + 2];
    }

    /** Same triangles, other positions (for example another frame of the same subject). */
    public Mesh withPositions(float[] newPositions) {
        if (newPositions.length != positions.length) {
            throw new IllegalArgumentException("expected " + positions.length + " coordinates, got " + newPositions.length);
        }
        return new Mesh(newPositions, triangles);
    }

    /** True when both meshes have the same triangles in the same order. */
    public boolean sameTopology(Mesh other) {
        return vertexCount() == other.vertexCount() && Arrays.equals(triangles, other.triangles);
    }

    /** Axis-aligned bounds as {minX, minY, minZ, maxX, maxY, maxZ}; all zero for an empty mesh. */
    public float[] bounds() {
        if (positions.length == 0) {
            return new float[6];
        }
        float[] b = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < positions.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                float p = positions[i + k];
                if (p < b[k]) {
                    b[k] = p;
                }
                if (p > b[3 + k]) {
                    b[3 + k] = p;
                }
            }
        }
        return b;
    }
}
