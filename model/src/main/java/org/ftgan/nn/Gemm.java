package org.ftgan.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every matrix product of the network goes through here to ND4J's BLAS, so that one switch can
 * count them: with {@link #count(boolean)} on, each call's shape is tallied, which gives the exact
 * floating-point work of a training step (2 m n k per product) and the shapes that the roofline
 * benchmark times in isolation. Counting is off by default and costs one volatile read per product.
 */
public final class Gemm {
    private static volatile boolean counting;
    private static final Map<Shape, long[]> CALLS = new LinkedHashMap<>();

    private Gemm() {
    }

    /**
     * c = alpha op(a) op(b) + beta c, where op transposes when asked; a, b and c rank 2 of one type.
     * The shape is taken from c (m x n) and the shared dimension k from a.
     */
    public static void multiply(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                                double alpha, double beta) {
        if (counting) {
            long k = transposeA ? a.size(0) : a.size(1);
            tally(new Shape(c.size(0), c.size(1), k, transposeA, transposeB, beta != 0.0, c.dataType()));
        }
        Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    }

    /** Starts (clearing earlier counts) or stops counting. */
    public static void count(boolean on) {
        synchronized (CALLS) {
            if (on) {
                CALLS.clear();
            }
            counting = on;
        }
    }

    /** Calls per distinct shape since counting started, in first-seen order. */
    public static Map<Shape, Long> counted() {
        synchronized (CALLS) {
            Map<Shape, Long> copy = new LinkedHashMap<>();
            CALLS.forEach((shape, n) -> copy.put(shape, n[0]));
            return copy;
        }
    }

    private static void tally(Shape shape) {
        synchronized (CALLS) {
            CALLS.computeIfAbsent(shape, s -> new long[1])[0]++;
        }
    }

    /**
     * One product's shape: c [m, n] = op(a) [m, k] op(b) [k, n]; {@code accumulate} when it adds to c
     * (beta 1, the parameter gradients).
     */
    public record Shape(long m, long n, long k, boolean transposeA, boolean transposeB, boolean accumulate, DataType type) {
        /** Multiply-adds count twice: 2 m n k. */
        public double flops() {
            return 2.0 * m * n * k;
        }

        @Override
        public String toString() {
            return "[" + m + ", " + k + "]" + (transposeA ? "T" : "") + " x [" + k + ", " + n + "]" + (transposeB ? "T" : "")
                    + (accumulate ? " (+=)" : "");
        }
    }
}
