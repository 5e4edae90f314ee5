package org.ftgan.data.synthetic;

/**
 * Where the features of the synthetic face sit in its flat parameter disk (metres of surface,
 * u to the subject's left = +x, v up). Every subject shares this layout: identities and expressions
 * only change where the disk is placed in space, never which vertex belongs to which feature.
 */
final class FaceLayout {
    /** Radius of the parameter disk: the face outline. */
    static final double DISK_RADIUS = 0.1;

    /** Height of the mouth slit and half its length (the mouth corners sit at u = +-MOUTH_HALF_WIDTH). */
    static final double MOUTH_V = -0.045;
    static final double MOUTH_HALF_WIDTH = 0.025;

    static final double EYE_U = 0.032;
    static final double EYE_V = 0.025;
    static final double BROW_U = 0.033;
    static final double BROW_V = 0.047;
    static final double CHEEK_U = 0.045;
    static final double CHEEK_V = -0.022;
    static final double CHEEKBONE_U = 0.05;
    static final double CHEEKBONE_V = 0.003;
    static final double NOSE_TIP_V = -0.006;
    static final double NOSE_BRIDGE_V = 0.04;
    static final double SUBNASALE_V = -0.02;
    static final double CHIN_V = -0.083;
    /** A point on the jaw below each mouth corner, where mouth_down pulls the corner. */
    static final double JAW_POINT_U = 0.04;
    static final double JAW_POINT_V = -0.075;

    private FaceLayout() {
    }

    /** Smooth step from 0 (x <= edge0) to 1 (x >= edge1); edge0 > edge1 gives the falling step. */
    static double smoothstep(double edge0, double edge1, double x) {
        double s = (x - edge0) / (edge1 - edge0);
        if (s <= 0) {
            return 0;
        }
        if (s >= 1) {
            return 1;
        }
        return s * s * (3 - 2 * s);
    }

    /** Anisotropic Gaussian bump of height 1 centred at (cu, cv). */
    static double gauss(double u, double v, double cu, double cv, double sigmaU, double sigmaV) {
        double du = (u - cu) / sigmaU;
        double dv = (v - cv) / sigmaV;
        return StrictMath.exp(-0.5 * (du * du + dv * dv));
    }

    /**
     * Opening of the mouth slit along its length: 1 in the middle, 0 at and beyond the corners,
     * so the lips meet at the corners.
     */
    static double slitTaper(double u) {
        double s = u / MOUTH_HALF_WIDTH;
        return s * s >= 1 ? 0 : 1 - s * s;
    }
}
