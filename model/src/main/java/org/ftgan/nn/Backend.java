package org.ftgan.nn;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Chooses between the two implementations every module carries: plain Java loops over the arrays'
 * host buffers (fast on CPU, where ND4J's gather/scatter ops are several times slower than a loop)
 * and ND4J ops (the only option when arrays live on a CUDA device, whose buffers Java cannot read).
 */
public final class Backend {
    private static final boolean CPU = Nd4j.getBackend().getClass().getName().toLowerCase().contains("cpu");
    private static volatile boolean javaLoops = CPU;

    private Backend() {
    }

    /** True when ND4J runs on the CPU backend (nd4j-native), so array buffers are host memory. */
    public static boolean isCpu() {
        return CPU;
    }

    /** True when modules use their Java loops, false when they use ND4J ops. */
    public static boolean javaLoops() {
        return javaLoops;
    }

    /**
     * Switches the implementation; used by tests to exercise the ND4J-op path (the GPU path) on the
     * CPU. Java loops cannot be enabled on a non-CPU backend.
     */
    public static void setJavaLoops(boolean enabled) {
        if (enabled && !CPU) {
            throw new IllegalStateException("Java loops need host buffers; the ND4J backend is "
                    + Nd4j.getBackend().getClass().getName());
        }
        javaLoops = enabled;
    }
}
