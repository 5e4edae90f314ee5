package org.ftgan.data.synthetic;

import java.util.SplittableRandom;

/**
 * A smooth random deformation of a face: a sum of Gaussian bumps placed on the flat face, each
 * pushing by a random vector (mostly in depth, a few millimetres). Both lips of the mouth slit get
 * the same push, so the field never opens or closes the mouth.
 */
final class SmoothDisplacementField {
    static final SmoothDisplacementField NONE = new SmoothDisplacementField(new double[0][]);

    private static final int BUMPS = 10;
    /** Each bump: centre u, centre v, sigma, push x, y, z. */
    private final double[][] bumps;

    private SmoothDisplacementField(double[][] bumps) {
        this.bumps = bumps;
    }

    static SmoothDisplacementField random(SplittableRandom random) {
        double[][] bumps = new double[BUMPS][];
        for (int k = 0; k < BUMPS; k++) {
            double cu;
            double cv;
            do {
                cu = SeededDraws.uniform(random, -0.095, 0.095);
                cv = SeededDraws.uniform(random, -0.095, 0.095);
            } while (cu * cu + cv * cv > 0.095 * 0.095);
            double sigma = SeededDraws.uniform(random, 0.015, 0.035);
            bumps[k] = new double[] {cu, cv, sigma,
                    0.0012 * SeededDraws.gaussian(random),
                    0.0012 * SeededDraws.gaussian(random),
                    0.0025 * SeededDraws.gaussian(random)};
        }
        return new SmoothDisplacementField(bumps);
    }

    /** Adds the field's push at flat point (u, v) to out[0..2]. */
    void addTo(double u, double v, double[] out) {
        for (double[] b : bumps) {
            double du = u - b[0];
            double dv = v - b[1];
            double g = StrictMath.exp(-0.5 * (du * du + dv * dv) / (b[2] * b[2]));
            out[0] += g * b[3];
            out[1] += g * b[4];
            out[2] += g * b[5];
        }
    }
}
