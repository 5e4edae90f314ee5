package org.ftgan.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which BLAS library runs the matrix products on the CPU. ND4J's nd4j-native links OpenBLAS through
 * JavaCPP's openblas preset, and that preset loads whatever library its system property
 * {@code org.bytedeco.openblas.load} names instead; {@code mkl_rt} loads Intel MKL from the
 * {@code org.bytedeco:mkl} redistributable jar, which the build puts on the class path.
 *
 * <p>Why MKL: the network's products are tall and thin ([B V, 9 C] x [9 C, C']). ND4J's bundled
 * OpenBLAS 0.3.19 runs them at a fraction of its square-matrix rate, MKL at several times more
 * (benchmarks/RESULTS.md, "Roofline"); the PyTorch reference uses MKL too. MKL is deterministic
 * here for a fixed thread count (the same definition gives the same numbers run after run, which the
 * trainer's resume tests check), as OpenBLAS is.
 *
 * <p>{@link #choose()} must run before ND4J loads its backend (first thing in {@code main}); Maven's
 * test runs set the property on the command line instead. {@code -Dftgan.blas=openblas} keeps
 * ND4J's own OpenBLAS.
 */
public final class BlasLibrary {
    /** JavaCPP's property naming the library that the openblas preset loads. */
    public static final String LOAD_PROPERTY = "org.bytedeco.openblas.load";
    private static final String MKL_RESOURCE = "org/bytedeco/mkl/linux-x86_64/libmkl_rt.so.2";

    private BlasLibrary() {
    }

    /**
     * Picks MKL when its redistributable jar is on the class path, unless {@code ftgan.blas} says
     * {@code openblas} or the load property is already set. Call before any ND4J class is used.
     */
    public static void choose() {
        String asked = System.getProperty("ftgan.blas", "").trim();
        switch (asked) {
            case "", "mkl" -> {
                if (System.getProperty(LOAD_PROPERTY) == null && mklOnClassPath()) {
                    System.setProperty(LOAD_PROPERTY, "mkl_rt");
                } else if (asked.equals("mkl") && !mklOnClassPath()) {
                    throw new IllegalStateException("-Dftgan.blas=mkl, but the org.bytedeco:mkl redistributable jar ("
                            + MKL_RESOURCE + ") is not on the class path");
                }
            }
            case "openblas" -> {
            }
            default -> throw new IllegalArgumentException("system property ftgan.blas must be mkl or openblas, got '" + asked + "'");
        }
    }

    static boolean mklOnClassPath() {
        return BlasLibrary.class.getClassLoader().getResource(MKL_RESOURCE) != null;
    }

    /**
     * The BLAS libraries mapped into this process (from /proc/self/maps, so it says what was loaded,
     * not what was asked for), e.g. {@code "Intel MKL (libmkl_rt.so.2)"}, or "unknown" where that file
     * cannot be read.
     */
    public static String describe() {
        List<String> found = new ArrayList<>();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            maps.map(line -> line.substring(line.lastIndexOf('/') + 1))
                    .filter(name -> name.startsWith("libmkl_rt") || name.startsWith("libopenblas"))
                    .distinct()
                    .forEach(found::add);
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        if (found.isEmpty()) {
            return "none loaded yet";
        }
        // with MKL chosen, JavaCPP still maps OpenBLAS's files, but the products bind to MKL's symbols
        String mkl = found.stream().filter(name -> name.startsWith("libmkl_rt")).findFirst().orElse(null);
        return mkl != null ? "Intel MKL (" + mkl + ")" : "OpenBLAS (" + String.join(" + ", found) + ")";
    }
}
