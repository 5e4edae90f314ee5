package org.ftgan.data.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shape of one synthetic subject, and of its jaw joint, muscles and left-right balance, which
 * shape how it moves: ratios around 1 scale features of the mean face, lengths are in metres,
 * angles in radians. {@link #mean()} is the template's face.
 *
 * @param faceWidth      width of the whole face
 * @param faceHeight     height of the whole face
 * @param faceRoundness  radius of the cylinder the face is wrapped on (m): smaller is rounder
 * @param foreheadSlope  backward lean of the forehead above the brows (radians)
 * @param jawWidth       width of the lower face
 * @param chinLength     distance from the mouth down to the chin
 * @param chinProtrusion how far the chin stands out
 * @param hingeHeight    height of the jaw hinge axis (m, the mouth slit is at about -0.045)
 * @param hingeDepth     depth of the jaw hinge axis behind the face (m, negative z)
 * @param hingeRoll      tilt of the hinge axis in the face plane (radians): the jaw opens a little askew
 * @param hingeYaw       turn of the hinge axis about the vertical (radians)
 * @param condyleGlide   forward slide of the jaw over a 10 degree opening (m)
 * @param noseLength     how far the nose stands out
 * @param noseWidth      width of the nose
 * @param lipThickness   fullness of the lips
 * @param mouthWidth     distance between the mouth corners
 * @param eyeSpacing     distance between the eyes
 * @param browHeight     height of the brows above the eyes
 * @param browRidge      prominence of the brow ridge
 * @param cheekFullness  fullness of the cheeks
 * @param lipGap         opening between the lips at rest (m)
 * @param jawLineHeight  how far above the template's jaw line the skin still follows the jaw (m, on the flat face)
 * @param smilePullUp    where the smile muscles pull the mouth corners from: shift of that point up from the cheek (m)
 * @param smilePullOut   ... and outwards (m)
 * @param leftBalance    how much more the subject's left side moves than its right in every expression
 *                       (the left side moves by leftBalance, the right by 2 - leftBalance)
 */
public record FaceShapeParameters(double faceWidth, double faceHeight, double faceRoundness, double foreheadSlope,
                                  double jawWidth, double chinLength, double chinProtrusion,
                                  double hingeHeight, double hingeDepth, double hingeRoll, double hingeYaw,
                                  double condyleGlide, double noseLength, double noseWidth, double lipThickness,
                                  double mouthWidth, double eyeSpacing, double browHeight, double browRidge,
                                  double cheekFullness, double lipGap, double jawLineHeight,
                                  double smilePullUp, double smilePullOut, double leftBalance) {

    /** The average face, used for the template. */
    public static FaceShapeParameters mean() {
        return new FaceShapeParameters(1, 1, 0.085, 0, 1, 1, 1, 0.0, -0.085, 0, 0, 0.005, 1, 1, 1, 1, 1, 1, 1, 1,
                0.001, 0, 0, 0, 1);
    }

    /** A random face: every field drawn independently around the mean (truncated at 2.5 sigma). */
    public static FaceShapeParameters random(SplittableRandom random) {
        return new FaceShapeParameters(
                around(random, 1, 0.05),
                around(random, 1, 0.04),
                around(random, 0.085, 0.006),
                around(random, 0, Math.toRadians(7)),
                around(random, 1, 0.07),
                around(random, 1, 0.08),
                around(random, 1, 0.25),
                around(random, 0.0, 0.015),
                around(random, -0.085, 0.015),
                around(random, 0, Math.toRadians(4)),
                around(random, 0, Math.toRadians(4)),
                around(random, 0.005, 0.002),
                around(random, 1, 0.12),
                around(random, 1, 0.1),
                around(random, 1, 0.2),
                around(random, 1, 0.1),
                around(random, 1, 0.06),
                around(random, 1, 0.15),
                around(random, 1, 0.2),
                around(random, 1, 0.3),
                around(random, 0.001, 0.0003),
                around(random, 0, 0.008),
                around(random, 0, 0.01),
                around(random, 0, 0.01),
                around(random, 1, 0.1));
    }

    /**
     * These parameters with the anatomy that only shapes expressions, never the face at rest, pushed
     * {@code factor} times as far from the mean face: the jaw hinge's height, depth, roll and yaw, the
     * condyle glide, the jaw line and the smile's pull point, each clamped to anatomical bounds (hinge
     * 2 cm below to 4 cm above the template's and 5 to 14 cm behind the face, tilts within 20 degrees,
     * glide up to 15 mm, jaw line and pull point within 2-2.5 cm). The left-right balance is a ratio:
     * {@link SyntheticIdentity} raises it to the factor instead, so this keeps it.
     */
    public FaceShapeParameters withExpressionAnatomyScaled(double factor) {
        FaceShapeParameters m = mean();
        // each kept within bounds a face can have: a hinge well behind and above the mouth, jaw line
        // and pull point a few cm from the template's, so no lever shrinks to nothing
        return new FaceShapeParameters(faceWidth, faceHeight, faceRoundness, foreheadSlope, jawWidth, chinLength, chinProtrusion,
                scaled(m.hingeHeight, hingeHeight, factor, -0.02, 0.04),
                scaled(m.hingeDepth, hingeDepth, factor, -0.14, -0.05),
                scaled(m.hingeRoll, hingeRoll, factor, -Math.toRadians(20), Math.toRadians(20)),
                scaled(m.hingeYaw, hingeYaw, factor, -Math.toRadians(20), Math.toRadians(20)),
                scaled(m.condyleGlide, condyleGlide, factor, 0, 0.015),
                noseLength, noseWidth, lipThickness, mouthWidth, eyeSpacing, browHeight, browRidge, cheekFullness, lipGap,
                scaled(m.jawLineHeight, jawLineHeight, factor, -0.02, 0.02),
                scaled(m.smilePullUp, smilePullUp, factor, -0.025, 0.025),
                scaled(m.smilePullOut, smilePullOut, factor, -0.025, 0.025),
                leftBalance);
    }

    /** mean + factor (value - mean), clamped to [low, high]. */
    private static double scaled(double mean, double value, double factor, double low, double high) {
        return Math.max(low, Math.min(high, mean + factor * (value - mean)));
    }

    /** The fields by name, in declaration order (for synthetic.json). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("faceWidth", faceWidth);
        m.put("faceHeight", faceHeight);
        m.put("faceRoundness", faceRoundness);
        m.put("foreheadSlope", foreheadSlope);
        m.put("jawWidth", jawWidth);
        m.put("chinLength", chinLength);
        m.put("chinProtrusion", chinProtrusion);
        m.put("hingeHeight", hingeHeight);
        m.put("hingeDepth", hingeDepth);
        m.put("hingeRoll", hingeRoll);
        m.put("hingeYaw", hingeYaw);
        m.put("condyleGlide", condyleGlide);
        m.put("noseLength", noseLength);
        m.put("noseWidth", noseWidth);
        m.put("lipThickness", lipThickness);
        m.put("mouthWidth", mouthWidth);
        m.put("eyeSpacing", eyeSpacing);
        m.put("browHeight", browHeight);
        m.put("browRidge", browRidge);
        m.put("cheekFullness", cheekFullness);
        m.put("lipGap", lipGap);
        m.put("jawLineHeight", jawLineHeight);
        m.put("smilePullUp", smilePullUp);
        m.put("smilePullOut", smilePullOut);
        m.put("leftBalance", leftBalance);
        return m;
    }

    private static double around(SplittableRandom random, double mean, double sigma) {
        return SeededDraws.truncatedGaussian(random, mean, sigma);
    }
}
