package org.ftgan.mesh;

import java.util.Arrays;

/** A growable flat triangle index array, for readers that learn the triangle count as they go. */
final class Triangles {
    private int[] indices;
    private int size;

    Triangles(int expectedTriangles) {
        indices = new int[3 * Math.max(1, expectedTriangles)];
    }

    void add(int a, int b, int c) {
        if (size + 3 > indices.length) {
            indices = Arrays.copyOf(indices, Math.max(indices.length * 2, size + 3));
        }
        indices[size] = a;
        indices[size + 1] = b;
        indices[size + 2] = c;
        size += 3;
    }

    /** The indices added so far (the internal array itself when it is exactly full). */
    int[] toArray() {
        return size == indices.length ? indices : Arrays.copyOf(indices, size);
    }
}
