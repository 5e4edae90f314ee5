package org.ftgan.nn;

/**
 * Per-thread float arrays for the Java loops that stage a sample's rows on the Java heap: loops over
 * plain arrays run about twice as fast as element access to ND4J's native buffers (no per-element
 * buffer checks, and the JIT vectorises them). Kept per thread and grown on demand, so the training
 * loop allocates nothing per step; {@link Parallel}'s threads are fixed, so the arrays stay few.
 */
final class Scratch {
    private static final ThreadLocal<float[][]> ARRAYS = ThreadLocal.withInitial(() -> new float[4][0]);

    private Scratch() {
    }

    /**
     * The calling thread's array number {@code slot} (0 to 3), at least {@code length} long; its
     * contents are whatever the last user left.
     */
    static float[] floats(int slot, int length) {
        float[][] arrays = ARRAYS.get();
        if (arrays[slot].length < length) {
            arrays[slot] = new float[length];
        }
        return arrays[slot];
    }
}
