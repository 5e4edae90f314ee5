package org.ftgan.mesh;

import java.util.Arrays;

/** A growable float array, for readers that learn the vertex count as they go. */
final class Floats {
    private float[] values;
    private int size;

    Floats(int initialCapacity) {
        values = new float[Math.max(4, initialCapacity)];
    }

    void add(float v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** The values added so far (the internal array itself when it is exactly full). */
    float[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }
}
