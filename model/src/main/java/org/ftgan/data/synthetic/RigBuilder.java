package org.ftgan.data.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a subject's {@link ExpressionRig} from region motions measured on that subject's own face:
 * directions are taken in the tangent plane or along the normal of its neutral surface, and aimed
 * at its own landmarks, so one expression moves different faces differently.
 *
 * <p>Each motion is also scaled by a style factor of the subject (around 1, drawn in the order the
 * motions are added from the subject's style seed for this expression): people do not balance the
 * parts of an expression alike.
 */
final class RigBuilder {
    /** Region weights below this move nothing (their motion would be under a micrometre). */
    private static final double NEGLIGIBLE = 1e-5;
    /** Spread of the per-motion style factors. */
    private static final double STYLE_SIGMA = 0.15;

    /** A motion vector per vertex (metres at full intensity). */
    interface VertexVector {
        void at(int vertex, double[] out);
    }

    private final SyntheticIdentity identity;
    private final double[] neutral;
    private final double[] normals;
    private final FlatFace flat;
    private final List<ExpressionRig.Rotation> rotations = new ArrayList<>();
    private final double[] shift;
    private final SplittableRandom style;

    RigBuilder(SyntheticIdentity identity, long styleSeed) {
        this.style = new SplittableRandom(styleSeed);
        this.identity = identity;
        this.neutral = identity.neutralPositions();
        this.normals = identity.normals();
        this.flat = identity.template().flat();
        this.shift = new double[neutral.length];
    }

    SyntheticIdentity identity() {
        return identity;
    }

    double[] region(FaceRegion region) {
        return identity.template().region(region);
    }

    /** The subject's own jaw region. */
    double[] jaw() {
        return identity.jawRegion();
    }

    /** Turns the weighted vertices about the axis through {@code point} by up to {@code angle} radians. */
    RigBuilder rotate(double[] weights, double[] point, double[] axis, double angle) {
        int count = 0;
        for (double w : weights) {
            if (w > NEGLIGIBLE) {
                count++;
            }
        }
        int[] vertices = new int[count];
        double[] scale = new double[count];
        int k = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > NEGLIGIBLE) {
                vertices[k] = i;
                scale[k++] = weights[i];
            }
        }
        rotations.add(new ExpressionRig.Rotation(vertices, scale, point.clone(), unit(axis), angle * styleFactor()));
        return this;
    }

    /** Moves each vertex by its weight times {@code motion} at full intensity. */
    RigBuilder move(double[] weights, VertexVector motion) {
        double[] m = new double[3];
        double factor = styleFactor();
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > NEGLIGIBLE) {
                motion.at(i, m);
                double w = weights[i] * factor;
                shift[3 * i] += w * m[0];
                shift[3 * i + 1] += w * m[1];
                shift[3 * i + 2] += w * m[2];
            }
        }
        return this;
    }

    private double styleFactor() {
        return identity.amplitude(SeededDraws.truncatedGaussian(style, 1, STYLE_SIGMA));
    }

    ExpressionRig build() {
        int count = 0;
        for (int i = 0; i < shift.length; i += 3) {
            if (shift[i] != 0 || shift[i + 1] != 0 || shift[i + 2] != 0) {
                count++;
            }
        }
        int[] moved = new int[count];
        double[] compact = new double[3 * count];
        int k = 0;
        for (int i = 0; i < shift.length / 3; i++) {
            if (shift[3 * i] != 0 || shift[3 * i + 1] != 0 || shift[3 * i + 2] != 0) {
                moved[k] = i;
                System.arraycopy(shift, 3 * i, compact, 3 * k, 3);
                k++;
            }
        }
        return new ExpressionRig(neutral, rotations, moved, compact);
    }

    // ---- motions

    /** {@code amount} metres along {@code direction} as seen in each vertex's tangent plane: sliding on the face. */
    VertexVector alongSurface(double[] direction, double amount) {
        return (i, out) -> {
            double nx = normals[3 * i];
            double ny = normals[3 * i + 1];
            double nz = normals[3 * i + 2];
            double d = direction[0] * nx + direction[1] * ny + direction[2] * nz;
            double tx = direction[0] - d * nx;
            double ty = direction[1] - d * ny;
            double tz = direction[2] - d * nz;
            double len = StrictMath.sqrt(tx * tx + ty * ty + tz * tz);
            double s = len > 0 ? amount / len : 0;
            out[0] = tx * s;
            out[1] = ty * s;
            out[2] = tz * s;
        };
    }

    /** Upwards along the face. */
    VertexVector up(double amount) {
        return alongSurface(new double[] {0, 1, 0}, amount);
    }

    /** Sideways along the face: +1 towards the subject's left (+x). */
    VertexVector lateral(int side, double amount) {
        return alongSurface(new double[] {side, 0, 0}, amount);
    }

    /** Along the face towards where {@code to} lies as seen from {@code from}. */
    VertexVector toward(double[] from, double[] to, double amount) {
        return alongSurface(new double[] {to[0] - from[0], to[1] - from[1], to[2] - from[2]}, amount);
    }

    /**
     * Along the face towards {@code to} by {@code share} of the distance from {@code from} to it: a
     * muscle pulling a point towards its origin shortens by a share of its own length.
     */
    VertexVector pull(double[] from, double[] to, double share) {
        double dx = to[0] - from[0];
        double dy = to[1] - from[1];
        double dz = to[2] - from[2];
        return toward(from, to, share * StrictMath.sqrt(dx * dx + dy * dy + dz * dz));
    }

    /**
     * The region's overall facing: the weighted mean of the subject's vertex normals over it (for a lip,
     * the subject's lip normal, steadier than the normals at the rolled-in edge of the slit).
     */
    double[] meanNormal(double[] weights) {
        double[] n = new double[3];
        for (int i = 0; i < weights.length; i++) {
            for (int d = 0; d < 3; d++) {
                n[d] += weights[i] * normals[3 * i + d];
            }
        }
        return unit(n);
    }

    /** {@code amount} metres along a fixed unit {@code direction}. */
    static VertexVector along(double[] direction, double amount) {
        double[] v = {direction[0] * amount, direction[1] * amount, direction[2] * amount};
        return (i, out) -> System.arraycopy(v, 0, out, 0, 3);
    }

    /** Out of the face along the vertex normal (negative: into the face). */
    VertexVector alongNormal(double amount) {
        return (i, out) -> {
            out[0] = amount * normals[3 * i];
            out[1] = amount * normals[3 * i + 1];
            out[2] = amount * normals[3 * i + 2];
        };
    }

    static VertexVector sum(VertexVector a, VertexVector b) {
        double[] tmp = new double[3];
        return (i, out) -> {
            a.at(i, out);
            b.at(i, tmp);
            out[0] += tmp[0];
            out[1] += tmp[1];
            out[2] += tmp[2];
        };
    }

    // ---- weights

    /** Weights added up and capped at 1. */
    static double[] union(double[]... weights) {
        double[] out = new double[weights[0].length];
        for (double[] w : weights) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.min(1, out[i] + w[i]);
            }
        }
        return out;
    }

    /**
     * A broader version of a region: weights raised to {@code power} < 1 (a Gaussian region widens by
     * 1 / sqrt(power)), for motions that drag the skin around a feature along with it.
     */
    static double[] widened(double[] weights, double power) {
        double[] out = new double[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights[i] > 0 ? StrictMath.pow(weights[i], power) : 0;
        }
        return out;
    }

    /**
     * The skin around the mouth, a broad Gaussian over the flat face: {@code lip} +1 keeps the part
     * that goes with the upper lip, -1 the part that goes with the lower lip (split by the template's
     * jaw line, which fades beyond the corners), 0 keeps both.
     */
    double[] mouthArea(int lip) {
        double[] out = new double[neutral.length / 3];
        for (int i = 0; i < flat.vertexCount(); i++) {
            double g = FaceLayout.gauss(flat.u()[i], flat.v()[i], 0, FaceLayout.MOUTH_V, 0.03, 0.016);
            double lower = FaceRegion.jaw(flat.u()[i], flat.v()[i], flat.side()[i], 0);
            out[i] = g * (lip == 0 ? 1 : lip > 0 ? 1 - lower : lower);
        }
        return out;
    }

    /** The part of a region on one side of the face's midline (+1 left), fading across it. */
    double[] half(double[] weights, int side) {
        double[] out = Arrays.copyOf(weights, weights.length);
        for (int i = 0; i < flat.vertexCount(); i++) {
            out[i] *= FaceLayout.smoothstep(-0.01, 0.015, side * flat.u()[i]);
        }
        return out;
    }

    /**
     * The part of a region nearer the face's midline than |u| = {@code split} (inner = true) or the
     * part beyond it, fading across over a centimetre.
     */
    double[] innerPart(double[] weights, double split, boolean inner) {
        double[] out = Arrays.copyOf(weights, weights.length);
        for (int i = 0; i < flat.vertexCount(); i++) {
            double outer = FaceLayout.smoothstep(split - 0.005, split + 0.005, Math.abs(flat.u()[i]));
            out[i] *= inner ? 1 - outer : outer;
        }
        return out;
    }

    /** The part of an eyelid region above the eye's centre line (upper = true) or below it. */
    double[] lid(double[] eyelid, boolean upper) {
        double[] out = Arrays.copyOf(eyelid, eyelid.length);
        for (int i = 0; i < flat.vertexCount(); i++) {
            double above = FaceLayout.smoothstep(FaceLayout.EYE_V - 0.003, FaceLayout.EYE_V + 0.003, flat.v()[i]);
            out[i] *= upper ? above : 1 - above;
        }
        return out;
    }

    private static double[] unit(double[] v) {
        double len = StrictMath.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / len, v[1] / len, v[2] / len};
    }
}
