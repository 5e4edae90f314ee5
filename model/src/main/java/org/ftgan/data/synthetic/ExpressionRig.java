package org.ftgan.data.synthetic;

import java.util.List;

/**
 * One subject's expression ready to play: its deformation at any intensity t in [0, 1].
 *
 * <p>Jaw-like motions are rotations about an axis, each vertex turning by its region weight times
 * the angle (so the soft edge of the region bends instead of tearing); all other motions are
 * per-vertex displacements growing linearly with t. Rotations apply first, then displacements.
 */
final class ExpressionRig {
    /** A rotation of {@code vertices} about the axis through {@code point}, vertex k by angle * scale[k] * t. */
    record Rotation(int[] vertices, double[] scale, double[] point, double[] axis, double angle) {
    }

    private final double[] neutral;
    private final List<Rotation> rotations;
    private final int[] moved;
    private final double[] shift;

    ExpressionRig(double[] neutral, List<Rotation> rotations, int[] moved, double[] shift) {
        this.neutral = neutral;
        this.rotations = List.copyOf(rotations);
        this.moved = moved;
        this.shift = shift;
    }

    /** Positions (3V) at intensity t; t = 0 gives the neutral exactly. */
    void positionsAt(double t, double[] out) {
        System.arraycopy(neutral, 0, out, 0, neutral.length);
        if (t == 0) {
            return;
        }
        for (Rotation r : rotations) {
            double kx = r.axis()[0];
            double ky = r.axis()[1];
            double kz = r.axis()[2];
            for (int k = 0; k < r.vertices().length; k++) {
                int i = 3 * r.vertices()[k];
                double a = r.angle() * r.scale()[k] * t;
                double cos = StrictMath.cos(a);
                double sin = StrictMath.sin(a);
                double vx = out[i] - r.point()[0];
                double vy = out[i + 1] - r.point()[1];
                double vz = out[i + 2] - r.point()[2];
                double dot = kx * vx + ky * vy + kz * vz;
                double cx = ky * vz - kz * vy;
                double cy = kz * vx - kx * vz;
                double cz = kx * vy - ky * vx;
                out[i] = r.point()[0] + vx * cos + cx * sin + kx * dot * (1 - cos);
                out[i + 1] = r.point()[1] + vy * cos + cy * sin + ky * dot * (1 - cos);
                out[i + 2] = r.point()[2] + vz * cos + cz * sin + kz * dot * (1 - cos);
            }
        }
        for (int k = 0; k < moved.length; k++) {
            int i = 3 * moved[k];
            out[i] += t * shift[3 * k];
            out[i + 1] += t * shift[3 * k + 1];
            out[i + 2] += t * shift[3 * k + 2];
        }
    }
}
