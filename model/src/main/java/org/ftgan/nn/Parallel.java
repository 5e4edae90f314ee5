package org.ftgan.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * Splits the modules' Java loops across threads, one contiguous range of batch samples per thread,
 * so that each thread writes only its own samples' rows (no races, no locks).
 *
 * <p>Thread count: system property {@code ftgan.threads}, else environment {@code OMP_NUM_THREADS}
 * (the same budget as ND4J's BLAS, which never runs at the same time), else the processor count;
 * {@link ComputeThreads#limitTo} changes it for the whole process (a worker running several trainings).
 */
public final class Parallel {
    /** Below this much work (elements touched) a loop runs on the calling thread: handing off costs more. */
    private static final long MIN_PARALLEL_WORK = 32_768;
    /** The helpers beside the calling thread; null when loops run on the calling thread alone. */
    private static volatile ForkJoinPool pool = poolFor(configuredThreads());

    private Parallel() {
    }

    public static int threads() {
        ForkJoinPool p = pool;
        return p == null ? 1 : p.getParallelism() + 1;
    }

    /** Loops from now on use {@code n} threads; loops already running finish on the old pool. */
    static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        if (n == threads()) {
            return;
        }
        ForkJoinPool old = pool;
        pool = poolFor(n);
        if (old != null) {
            old.shutdown(); // lets submitted ranges finish
        }
    }

    private static ForkJoinPool poolFor(int threads) {
        return threads > 1 ? new ForkJoinPool(threads - 1) : null;
    }

    /**
     * Runs {@code body} for every index in [0, n), split into contiguous ranges over the threads.
     *
     * @param workPerIndex elements touched per index, to keep small loops on the calling thread
     */
    public static void forEach(int n, long workPerIndex, IntConsumer body) {
        ForkJoinPool p = pool; // one pool for the whole loop, even if setThreads runs meanwhile
        int t = Math.min(p == null ? 1 : p.getParallelism() + 1, n);
        if (t <= 1 || (long) n * workPerIndex < MIN_PARALLEL_WORK) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[t - 1];
        for (int j = 1; j < t; j++) {
            int lo = (int) ((long) n * j / t);
            int hi = (int) ((long) n * (j + 1) / t);
            others[j - 1] = p.submit(() -> {
                for (int i = lo; i < hi; i++) {
                    body.accept(i);
                }
            });
        }
        int firstEnd = n / t;
        for (int i = 0; i < firstEnd; i++) {
            body.accept(i);
        }
        for (ForkJoinTask<?> task : others) {
            task.join();
        }
    }

    /** The thread count asked for by system property ftgan.threads or OMP_NUM_THREADS, or null. */
    static Integer requestedThreads() {
        String prop = System.getProperty("ftgan.threads");
        String value = prop != null ? prop : System.getenv("OMP_NUM_THREADS");
        return value == null || value.isBlank() ? null : configuredThreads();
    }

    private static int configuredThreads() {
        String prop = System.getProperty("ftgan.threads");
        String env = System.getenv("OMP_NUM_THREADS");
        String value = prop != null ? prop : env;
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException((prop != null ? "system property ftgan.threads" : "OMP_NUM_THREADS")
                    + " must be a positive integer, got '" + value + "'", e);
        }
    }
}
