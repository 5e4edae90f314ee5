package org.ftgan.nn;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The threads one training uses: the modules' Java loops ({@link Parallel}), ND4J's OpenMP loops and
 * its BLAS. These are process-wide, so a worker that trains several runs at once in one process gives
 * each its share of the cores: with every training asking for all of them, two trainings on two
 * cores spend their time switching threads (measured in benchmarks/RESULTS.md).
 */
public final class ComputeThreads {
    private ComputeThreads() {
    }

    /**
     * Threads per training for {@code concurrentTrainings} at once on this machine: the explicit setting
     * (system property ftgan.threads or OMP_NUM_THREADS) when there is one, else the processors
     * divided among the trainings, at least 1.
     */
    public static int perTraining(int concurrentTrainings) {
        if (concurrentTrainings < 1) {
            throw new IllegalArgumentException("concurrent trainings must be at least 1, got " + concurrentTrainings);
        }
        Integer requested = Parallel.requestedThreads();
        if (requested != null) {
            return requested;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / concurrentTrainings);
    }

    /** Every training in this process from now on uses {@code threads} threads. */
    public static void limitTo(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Parallel.setThreads(threads);
        // loads the backend first: NativeOpsHolder alone fails in a process that has not used ND4J yet
        Nd4j.getBackend();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The threads the modules' Java loops use now. */
    public static int current() {
        return Parallel.threads();
    }
}
