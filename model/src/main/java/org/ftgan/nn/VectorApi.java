package org.ftgan.nn;

/**
 * Whether the float loops may use the JDK's Vector API (the incubator module
 * {@code jdk.incubator.vector}): only when the process was started with it
 * ({@code java --add-modules jdk.incubator.vector}, which the {@code ftgan} launcher does for the
 * commands that run the network, and the tests' JVMs do too; the JVM then prints one warning that it
 * uses an incubator module). Without it the same loops run in scalar code, with the same bits
 * ({@link FloatElu}), more slowly. {@code -Dftgan.scalarLoops=true} asks for the scalar loops (the
 * benchmarks' comparison).
 *
 * <p>Why: Java 17's JIT does not vectorise {@code Math.exp}, and ELU's exponential was the costliest
 * element-wise pass of a training step (benchmarks/RESULTS.md, "ELU on the Vector API").
 */
final class VectorApi {
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("ftgan.scalarLoops");

    private VectorApi() {
    }
}
