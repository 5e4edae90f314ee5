package org.ftgan.nn;

import org.nd4j.linalg.factory.Nd4j;

/** Holds the process's {@link Kernels}: picked from the ND4J backend and {@code ftgan.kernels} at first use. */
final class KernelChoice {
    static final boolean HOST_MEMORY = Nd4j.getBackend().getClass().getName().toLowerCase().contains("cpu");
    private static volatile Kernels current = initial();

    private KernelChoice() {
    }

    private static Kernels initial() {
        String asked = System.getProperty("ftgan.kernels", "").trim();
        return switch (asked) {
            case "" -> HOST_MEMORY ? CpuKernels.INSTANCE : Nd4jKernels.INSTANCE;
            case "cpu" -> cpu();
            case "nd4j" -> Nd4jKernels.INSTANCE;
            default -> throw new IllegalArgumentException("system property ftgan.kernels must be cpu or nd4j, got '" + asked + "'");
        };
    }

    static Kernels current() {
        return current;
    }

    static Kernels cpu() {
        if (!HOST_MEMORY) {
            throw new IllegalStateException("the CPU kernels need host buffers; the ND4J backend is "
                    + Nd4j.getBackend().getClass().getName());
        }
        return CpuKernels.INSTANCE;
    }

    static synchronized Kernels use(Kernels kernels) {
        if (kernels == null) {
            throw new IllegalArgumentException("kernels is null");
        }
        if (kernels == CpuKernels.INSTANCE) {
            cpu();
        }
        Kernels previous = current;
        current = kernels;
        return previous;
    }
}
