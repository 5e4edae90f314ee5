package org.ftgan.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ELU's float loops on the Vector API, in place on heap arrays; loaded only when {@link VectorApi#AVAILABLE}.
 * Every lane takes exp(min(x, 0)) - 1 by {@link FloatElu#expm1}'s steps (so the bits equal the scalar
 * loop's) and keeps x where x > 0, so no lane branches; the tail past the last full vector runs the
 * scalar loop.
 */
final class VectorElu {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector MINUS_LN2_HIGH = FloatVector.broadcast(SPECIES, -FloatElu.LN2_HIGH);
    private static final FloatVector MINUS_LN2_LOW = FloatVector.broadcast(SPECIES, -FloatElu.LN2_LOW);
    private static final FloatVector C2 = FloatVector.broadcast(SPECIES, FloatElu.C2);
    private static final FloatVector C3 = FloatVector.broadcast(SPECIES, FloatElu.C3);
    private static final FloatVector C4 = FloatVector.broadcast(SPECIES, FloatElu.C4);
    private static final FloatVector C5 = FloatVector.broadcast(SPECIES, FloatElu.C5);

    private VectorElu() {
    }

    /** v[i] = v[i] > 0 ? v[i] : exp(v[i]) - 1, for i in [0, n). */
    static void forward(float[] v, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            x.blend(expm1(x.min(0f)), x.compare(VectorOperators.LE, 0f)).intoArray(v, i);
        }
        FloatElu.forwardScalar(v, i, n);
    }

    /** {@link FloatElu#expm1} in every lane, for lanes <= 0. */
    private static FloatVector expm1(FloatVector x) {
        x = x.max(FloatElu.LOWEST);
        FloatVector rounded = x.mul(FloatElu.LOG2_E).add(FloatElu.ROUNDER);
        FloatVector nf = rounded.sub(FloatElu.ROUNDER);
        FloatVector r = nf.fma(MINUS_LN2_HIGH, x);
        r = nf.fma(MINUS_LN2_LOW, r);
        FloatVector p = r.fma(FloatElu.C7, FloatElu.C6);
        p = r.fma(p, C5);
        p = r.fma(p, C4);
        p = r.fma(p, C3);
        p = r.fma(p, C2);
        p = r.mul(r).fma(p, r);
        FloatVector scale = rounded.reinterpretAsInts().sub(FloatElu.ROUNDER_BITS_LESS_BIAS)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return scale.fma(p, scale.sub(1f));
    }

    /** g[i] = y[i] > 0 ? g[i] : g[i] * (y[i] + 1), the derivative from the output, for i in [0, n). */
    static void backward(float[] y, float[] g, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += SPECIES.length()) {
            FloatVector out = FloatVector.fromArray(SPECIES, y, i);
            FloatVector grad = FloatVector.fromArray(SPECIES, g, i);
            VectorMask<Float> negative = out.compare(VectorOperators.LE, 0f);
            grad.blend(grad.mul(out.add(1f)), negative).intoArray(g, i);
        }
        FloatElu.backwardScalar(y, g, i, n);
    }
}
