package org.ftgan.data.synthetic;

import static org.ftgan.data.synthetic.FaceLayout.BROW_U;
import static org.ftgan.data.synthetic.FaceLayout.BROW_V;
import static org.ftgan.data.synthetic.FaceLayout.CHEEKBONE_U;
import static org.ftgan.data.synthetic.FaceLayout.CHEEKBONE_V;
import static org.ftgan.data.synthetic.FaceLayout.CHEEK_U;
import static org.ftgan.data.synthetic.FaceLayout.CHEEK_V;
import static org.ftgan.data.synthetic.FaceLayout.CHIN_V;
import static org.ftgan.data.synthetic.FaceLayout.EYE_U;
import static org.ftgan.data.synthetic.FaceLayout.EYE_V;
import static org.ftgan.data.synthetic.FaceLayout.MOUTH_V;
import static org.ftgan.data.synthetic.FaceLayout.NOSE_BRIDGE_V;
import static org.ftgan.data.synthetic.FaceLayout.NOSE_TIP_V;
import static org.ftgan.data.synthetic.FaceLayout.SUBNASALE_V;
import static org.ftgan.data.synthetic.FaceLayout.gauss;
import static org.ftgan.data.synthetic.FaceLayout.slitTaper;
import static org.ftgan.data.synthetic.FaceLayout.smoothstep;

/**
 * Places a point of the flat face in space for a given face shape: the disk is stretched by the
 * shape's proportions, wrapped on a vertical cylinder (the face turns back towards the ears) that
 * also bends back at forehead and chin, then raised along the surface normal by the relief of the
 * features (brow ridge, eye sockets, nose, cheeks, lips, chin).
 *
 * <p>Everything uses StrictMath so a shape gives the same floats on every platform.
 */
final class FaceSurface {
    /** Backward bend of forehead and chin: z drops by BEND * y^2. */
    private static final double BEND = 1.5;
    /** Where the forehead starts leaning back by the subject's forehead slope, and how softly. */
    private static final double FOREHEAD_START = 0.05;
    private static final double FOREHEAD_SOFTNESS = 0.01;

    private FaceSurface() {
    }

    /**
     * Writes the position (out[0..2]) and the unit normal of the unrelieved base surface
     * (out[3..5]) of flat point (u, v) on the given lip side (see {@link FlatFace}).
     */
    static void evaluate(double u, double v, int side, FaceShapeParameters p, double[] out) {
        double lowerFace = 1 / (1 + StrictMath.exp((v - (MOUTH_V + 0.01)) / 0.012));
        double eyeBand = StrictMath.exp(-0.5 * sq((v - EYE_V) / 0.018));
        double mouthZone = gauss(u, v, 0, MOUTH_V, 0.03, 0.015);
        double widthScale = p.faceWidth() * (1 + (p.jawWidth() - 1) * lowerFace + (p.eyeSpacing() - 1) * eyeBand
                + (p.mouthWidth() - 1) * mouthZone);
        double uw = u * widthScale;

        // Below the mouth the face stretches by chinLength (a soft ramp, so no crease at the mouth).
        double tau = 0.008;
        double belowMouth = -tau * StrictMath.log1p(StrictMath.exp((MOUTH_V - 0.005 - v) / tau));
        double browZone = pair(u, v, BROW_U, BROW_V, 0.02, 0.012);
        double vw = p.faceHeight() * (v + (p.chinLength() - 1) * belowMouth + (p.browHeight() - 1) * 0.012 * browZone);
        int lip = side != 0 ? side : (int) Math.signum(v - MOUTH_V);
        vw += lip * 0.5 * p.lipGap() * slitTaper(u) * StrictMath.exp(-0.5 * sq((v - MOUTH_V) / 0.005));

        double radius = p.faceRoundness();
        double phi = uw / radius;
        double sin = StrictMath.sin(phi);
        double cos = StrictMath.cos(phi);
        double bx = radius * sin;
        double by = vw;
        // the forehead leans back from just above the brows: z drops by slope * softplus(vw - FOREHEAD_START)
        double above = (vw - FOREHEAD_START) / FOREHEAD_SOFTNESS;
        double lean = StrictMath.tan(p.foreheadSlope());
        double leanDrop = lean * FOREHEAD_SOFTNESS * (above > 30 ? above : StrictMath.log1p(StrictMath.exp(above)));
        double leanSlope = lean / (1 + StrictMath.exp(-above));
        double bz = radius * (cos - 1) - BEND * vw * vw - leanDrop;
        double nx = sin;
        double ny = (2 * BEND * vw + leanSlope) * cos;
        double nz = cos;
        double norm = StrictMath.sqrt(nx * nx + ny * ny + nz * nz);
        nx /= norm;
        ny /= norm;
        nz /= norm;
        double r = relief(u, v, p);
        out[0] = bx + r * nx;
        out[1] = by + r * ny;
        out[2] = bz + r * nz;
        out[3] = nx;
        out[4] = ny;
        out[5] = nz;
    }

    /** Height of the features above the base surface (m). */
    private static double relief(double u, double v, FaceShapeParameters p) {
        double forehead = 0.004 * gauss(u, v, 0, 0.07, 0.035, 0.03);

        double browLine = BROW_V + 0.002 - 1.5 * u * u;
        double browRidge = p.browRidge() * 0.005 * StrictMath.exp(-0.5 * sq((v - browLine) / 0.007))
                * smoothstep(0.07, 0.05, Math.abs(u));

        double sockets = -0.011 * pair(u, v, EYE_U, EYE_V, 0.013, 0.011)
                + 0.0045 * pair(u, v, EYE_U, EYE_V, 0.0085, 0.0065);

        double nw = p.noseWidth();
        double towardsTip = (NOSE_BRIDGE_V - v) / (NOSE_BRIDGE_V - NOSE_TIP_V);
        double bridge = 0.006 * StrictMath.exp(-0.5 * sq(u / (0.0075 * nw)))
                * smoothstep(NOSE_BRIDGE_V + 0.008, NOSE_BRIDGE_V - 0.01, v)
                * smoothstep(SUBNASALE_V - 0.004, NOSE_TIP_V, v)
                * (1 + 0.8 * Math.max(0, Math.min(1, towardsTip)));
        double tip = 0.013 * gauss(u, v, 0, NOSE_TIP_V, 0.009 * nw, 0.008);
        double alae = 0.005 * pair(u, v, 0.014 * nw, SUBNASALE_V + 0.007, 0.006, 0.006);
        double nose = p.noseLength() * (bridge + tip + alae);

        double cheekbones = 0.005 * pair(u, v, CHEEKBONE_U, CHEEKBONE_V, 0.014, 0.012);
        double cheeks = p.cheekFullness() * 0.005 * pair(u, v, CHEEK_U, CHEEK_V, 0.016, 0.016);
        double hollows = -0.002 * pair(u, v, 0.062, -0.03, 0.014, 0.016);

        double lips = p.lipThickness() * (0.005 * gauss(u, v, 0, MOUTH_V + 0.0055, 0.018, 0.0045)
                + 0.0055 * gauss(u, v, 0, MOUTH_V - 0.0075, 0.016, 0.005))
                - 0.002 * slitTaper(u) * StrictMath.exp(-0.5 * sq((v - MOUTH_V) / 0.0025));
        double sulcus = -0.0025 * gauss(u, v, 0, MOUTH_V - 0.018, 0.02, 0.005);
        double chin = p.chinProtrusion() * 0.007 * gauss(u, v, 0, CHIN_V, 0.016, 0.012);

        return forehead + browRidge + sockets + nose + cheekbones + cheeks + hollows + lips + sulcus + chin;
    }

    /** The same bump on both sides of the face, at (+cu, cv) and (-cu, cv). */
    private static double pair(double u, double v, double cu, double cv, double sigmaU, double sigmaV) {
        return gauss(u, v, cu, cv, sigmaU, sigmaV) + gauss(u, v, -cu, cv, sigmaU, sigmaV);
    }

    private static double sq(double x) {
        return x * x;
    }
}
