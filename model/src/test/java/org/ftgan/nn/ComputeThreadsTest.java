package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComputeThreadsTest {
    private final int before = ComputeThreads.current();

    @AfterEach
    void restore() {
        ComputeThreads.limitTo(before);
        System.clearProperty("ftgan.threads");
    }

    @Test
    void splitsTheProcessorsAmongConcurrentTrainingsUnlessToldOtherwise() {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (System.getenv("OMP_NUM_THREADS") == null) {
            assertEquals(cpus, ComputeThreads.perTraining(1));
            assertEquals(Math.max(1, cpus / 2), ComputeThreads.perTraining(2));
            assertEquals(1, ComputeThreads.perTraining(cpus + 1));
        }
        System.setProperty("ftgan.threads", "3");
        assertEquals(3, ComputeThreads.perTraining(8), "an explicit setting wins");
        assertThrows(IllegalArgumentException.class, () -> ComputeThreads.perTraining(0));
    }

    @Test
    void loopsUseTheNewCountAndStillVisitEveryIndexOnce() {
        for (int threads : new int[] {1, 3, 2}) {
            ComputeThreads.limitTo(threads);
            assertEquals(threads, ComputeThreads.current());
            AtomicLong sum = new AtomicLong();
            Parallel.forEach(1000, 1_000_000, i -> sum.addAndGet(i));
            assertEquals(999L * 1000 / 2, sum.get());
        }
        assertThrows(IllegalArgumentException.class, () -> ComputeThreads.limitTo(0));
    }
}
