package org.ftgan.data.synthetic;

import static org.ftgan.data.synthetic.FaceLayout.BROW_U;
import static org.ftgan.data.synthetic.FaceLayout.BROW_V;
import static org.ftgan.data.synthetic.FaceLayout.CHEEK_U;
import static org.ftgan.data.synthetic.FaceLayout.CHEEK_V;
import static org.ftgan.data.synthetic.FaceLayout.EYE_U;
import static org.ftgan.data.synthetic.FaceLayout.EYE_V;
import static org.ftgan.data.synthetic.FaceLayout.MOUTH_HALF_WIDTH;
import static org.ftgan.data.synthetic.FaceLayout.MOUTH_V;
import static org.ftgan.data.synthetic.FaceLayout.NOSE_BRIDGE_V;
import static org.ftgan.data.synthetic.FaceLayout.SUBNASALE_V;
import static org.ftgan.data.synthetic.FaceLayout.gauss;
import static org.ftgan.data.synthetic.FaceLayout.smoothstep;

/**
 * The named regions of the synthetic face, each a soft per-vertex weight in [0, 1] defined on the
 * flat face (so every subject has the same regions). LEFT is the subject's left, the +x side.
 * The eyeballs belong to no region.
 */
public enum FaceRegion {
    /**
     * The lower face that follows the jaw: everything below a line from the mouth slit rising towards
     * the ears (the template's line; each subject's sits a little higher or lower).
     */
    JAW {
        @Override
        double weight(double u, double v, int side) {
            return jaw(u, v, side, 0);
        }
    },
    UPPER_LIP {
        @Override
        double weight(double u, double v, int side) {
            double across = side == 1 ? 1 : side == -1 || v <= MOUTH_V ? 0 : smoothstep(MOUTH_V + 0.016, MOUTH_V + 0.009, v);
            return lipSpan(u) * across;
        }
    },
    LOWER_LIP {
        @Override
        double weight(double u, double v, int side) {
            double across = side == -1 ? 1 : side == 1 || v >= MOUTH_V ? 0 : smoothstep(MOUTH_V - 0.018, MOUTH_V - 0.010, v);
            return lipSpan(u) * across;
        }
    },
    MOUTH_CORNER_LEFT {
        @Override
        double weight(double u, double v, int side) {
            return gauss(u, v, MOUTH_HALF_WIDTH, MOUTH_V, 0.009, 0.009);
        }
    },
    MOUTH_CORNER_RIGHT {
        @Override
        double weight(double u, double v, int side) {
            return gauss(u, v, -MOUTH_HALF_WIDTH, MOUTH_V, 0.009, 0.009);
        }
    },
    CHEEK_LEFT {
        @Override
        double weight(double u, double v, int side) {
            return gauss(u, v, CHEEK_U, CHEEK_V + 0.005, 0.017, 0.017);
        }
    },
    CHEEK_RIGHT {
        @Override
        double weight(double u, double v, int side) {
            return gauss(u, v, -CHEEK_U, CHEEK_V + 0.005, 0.017, 0.017);
        }
    },
    /** The brow and, fading out, the forehead above it (brows pull the forehead skin along). */
    BROW_LEFT {
        @Override
        double weight(double u, double v, int side) {
            return brow(u - BROW_U, v);
        }
    },
    BROW_RIGHT {
        @Override
        double weight(double u, double v, int side) {
            return brow(u + BROW_U, v);
        }
    },
    EYELID_LEFT {
        @Override
        double weight(double u, double v, int side) {
            return gauss(u, v, EYE_U, EYE_V, 0.0085, 0.0075);
        }
    },
    EYELID_RIGHT {
        @Override
        double weight(double u, double v, int side) {
            return gauss(u, v, -EYE_U, EYE_V, 0.0085, 0.0075);
        }
    },
    NOSE {
        @Override
        double weight(double u, double v, int side) {
            return StrictMath.exp(-0.5 * (u / 0.011) * (u / 0.011))
                    * smoothstep(SUBNASALE_V - 0.008, SUBNASALE_V, v)
                    * smoothstep(NOSE_BRIDGE_V + 0.01, NOSE_BRIDGE_V - 0.005, v);
        }
    };

    /** Weight of the flat-face point (u, v) on lip side {@code side} (see {@link FlatFace}). */
    abstract double weight(double u, double v, int side);

    /**
     * The jaw region with its line raised by {@code lineShift} (m on the flat face) away from the
     * mouth: each subject's skin follows its jaw up to a slightly different height. The line starts
     * at the mouth slit and rises towards the ears; the fade across it widens away from the mouth.
     */
    static double jaw(double u, double v, int side, double lineShift) {
        double beyondCorner = Math.max(0, Math.abs(u) - MOUTH_HALF_WIDTH);
        double jawLine = MOUTH_V + 0.4 * beyondCorner + lineShift * FaceLayout.smoothstep(0, 0.02, beyondCorner);
        double halfWidth = 0.002 + 0.3 * Math.max(0, Math.abs(u) - 0.7 * MOUTH_HALF_WIDTH);
        double below = side != 0 ? -side * halfWidth : jawLine - v;
        return Math.max(0, Math.min(1, smoothstep(-halfWidth, halfWidth, below)));
    }

    /** Lips fade out before the corners, so outside the slit they have no edge to tear along. */
    private static double lipSpan(double u) {
        return smoothstep(MOUTH_HALF_WIDTH, 0.55 * MOUTH_HALF_WIDTH, Math.abs(u));
    }

    private static double brow(double du, double v) {
        double dv = v - BROW_V;
        double sigmaV = dv < 0 ? 0.006 : 0.02;
        return StrictMath.exp(-0.5 * ((du / 0.014) * (du / 0.014) + (dv / sigmaV) * (dv / sigmaV)));
    }
}
