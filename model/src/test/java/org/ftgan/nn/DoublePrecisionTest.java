package org.ftgan.nn;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.nd4j.linalg.api.buffer.DataType;

/** Base of the gradient-check classes: ND4J in double, and the process's kernels restored after each test. */
abstract class DoublePrecisionTest {
    private static DataType previous;

    @BeforeAll
    static void useDouble() {
        previous = GradientCheck.useDouble();
    }

    @AfterAll
    static void restore() {
        GradientCheck.restore(previous);
    }

    /** Runs the test's modules on the CPU kernels or the ND4J kernels. */
    static void useKernels(boolean cpuKernels) {
        Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
    }

    @AfterEach
    void defaultKernelsBack() {
        Kernels.use(Kernels.hostMemory() ? Kernels.cpu() : Kernels.nd4j());
    }
}
