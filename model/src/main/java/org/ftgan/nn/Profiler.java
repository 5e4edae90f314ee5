package org.ftgan.nn;

import java.util.Map;
import java.util.TreeMap;

/**
 * Optional wall-clock totals per leaf module and phase (e.g. {@code SpiralConv.forward},
 * {@code SpiralConv.gemm}), for the benchmark's per-module profile. Off by default; timing is
 * taken on the calling thread only, which is the thread that runs the network.
 */
public final class Profiler {
    private static volatile boolean enabled;
    private static final Map<String, long[]> TOTALS = new TreeMap<>();

    private Profiler() {
    }

    public static void enable(boolean on) {
        enabled = on;
    }

    public static boolean enabled() {
        return enabled;
    }

    /** Start time for {@link #record}, or 0 when profiling is off. */
    static long start() {
        return enabled ? System.nanoTime() : 0L;
    }

    static void record(String key, long startNanos) {
        if (startNanos == 0L) {
            return;
        }
        long elapsed = System.nanoTime() - startNanos;
        synchronized (TOTALS) {
            long[] t = TOTALS.computeIfAbsent(key, k -> new long[2]);
            t[0] += elapsed;
            t[1]++;
        }
    }

    /** Total nanoseconds and call count per key, sorted by key. */
    public static Map<String, long[]> snapshot() {
        synchronized (TOTALS) {
            Map<String, long[]> copy = new TreeMap<>();
            TOTALS.forEach((k, v) -> copy.put(k, v.clone()));
            return copy;
        }
    }

    public static void reset() {
        synchronized (TOTALS) {
            TOTALS.clear();
        }
    }
}
