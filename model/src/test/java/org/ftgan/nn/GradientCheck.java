package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences against hand-derived gradients, in double precision. The loss is a
 * random linear functional of the output, sum(R * y), so dL/dy = R.
 */
final class GradientCheck {
    static final double STEP = 1e-5;
    static final double TOLERANCE = 1e-6;
    /**
     * Gradients whose norm is below this are compared in absolute terms: a bias followed by a norm has
     * a zero gradient, where the differences only show round-off (about 1e-9 on a network's loss).
     */
    static final double NORM_FLOOR = 1e-2;

    private GradientCheck() {
    }

    /** Switches ND4J to double for a gradient-check class; returns what to restore. */
    static DataType useDouble() {
        DataType previous = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        return previous;
    }

    static void restore(DataType previous) {
        Nd4j.setDefaultDataTypes(previous, previous);
    }

    static INDArray randn(SplittableRandom rng, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = gaussian(rng);
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    static double dot(INDArray a, INDArray r) {
        return a.castTo(DataType.DOUBLE).mul(r).sumNumber().doubleValue();
    }

    /**
     * Compares {@code analytic} with (L(w + h) - L(w - h)) / 2h for up to {@code maxEntries} random
     * entries of {@code wrt} (all when it is small), perturbing {@code wrt} in place.
     */
    static void assertGradient(String what, INDArray wrt, INDArray analytic, DoubleSupplier loss, int maxEntries,
                               SplittableRandom rng) {
        long n = wrt.length();
        List<Long> entries = new ArrayList<>();
        if (n <= maxEntries) {
            for (long i = 0; i < n; i++) {
                entries.add(i);
            }
        } else {
            for (int i = 0; i < maxEntries; i++) {
                entries.add(rng.nextLong(n));
            }
        }
        INDArray flatWrt = wrt.reshape(n);
        INDArray flatAnalytic = analytic.reshape(n);
        double diff = 0;
        double normA = 0;
        double normN = 0;
        for (long i : entries) {
            double orig = flatWrt.getDouble(i);
            flatWrt.putScalar(i, orig + STEP);
            double plus = loss.getAsDouble();
            flatWrt.putScalar(i, orig - STEP);
            double minus = loss.getAsDouble();
            flatWrt.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * STEP);
            double a = flatAnalytic.getDouble(i);
            diff += (a - numeric) * (a - numeric);
            normA += a * a;
            normN += numeric * numeric;
        }
        double rel = Math.sqrt(diff) / Math.max(NORM_FLOOR, Math.max(Math.sqrt(normA), Math.sqrt(normN)));
        assertTrue(rel < TOLERANCE, what + ": relative error " + rel + " (|analytic| " + Math.sqrt(normA)
                + ", |numeric| " + Math.sqrt(normN) + ", " + entries.size() + " entries)");
    }

    /** Checks the input gradient and every parameter gradient of a single-input module. */
    static void checkModule(Layer m, INDArray x, long seed, int maxEntries) {
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray y = m.forward(x);
        INDArray r = randn(rng, y.shape());
        m.zeroGrad();
        INDArray dx = m.backward(r).dup();
        List<INDArray> paramGrads = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            paramGrads.add(p.grad().dup());
        }
        DoubleSupplier loss = () -> dot(m.forward(x), r);
        assertGradient(m.getClass().getSimpleName() + " input", x, dx, loss, maxEntries, rng);
        for (int i = 0; i < paramGrads.size(); i++) {
            Parameter p = m.parameters().get(i);
            assertGradient(p.name(), p.value(), paramGrads.get(i), loss, maxEntries, rng);
        }
    }

    /** Checks the input gradient, the style gradient and every parameter gradient of a module with a style input. */
    static void checkStyled(String what, StyleConditioned m, INDArray x, INDArray style, long seed, int maxEntries) {
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray y = m.forward(x, style);
        INDArray r = randn(rng, y.shape());
        m.parameters().forEach(Parameter::zeroGrad);
        StyledGradients g = m.backwardWithStyle(r);
        INDArray dx = g.input().dup();
        INDArray dStyle = g.style().dup();
        List<INDArray> paramGrads = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            paramGrads.add(p.grad().dup());
        }
        DoubleSupplier loss = () -> dot(m.forward(x, style), r);
        assertGradient(what + " input", x, dx, loss, maxEntries, rng);
        assertGradient(what + " style", style, dStyle, loss, maxEntries, rng);
        for (int i = 0; i < paramGrads.size(); i++) {
            Parameter p = m.parameters().get(i);
            assertGradient(p.name(), p.value(), paramGrads.get(i), loss, maxEntries, rng);
        }
    }
}
