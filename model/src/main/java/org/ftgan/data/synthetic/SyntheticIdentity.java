package org.ftgan.data.synthetic;

import java.util.SplittableRandom;
import org.ftgan.mesh.Mesh;

/**
 * One synthetic subject, a pure function of the template and a seed: its face shape
 * ({@link FaceShapeParameters}), a smooth random displacement of a few millimetres on top, how
 * strongly it performs each expression (its expressiveness, around 1) and its style (how strongly it
 * makes each single motion of an expression, around 1).
 *
 * <p>Besides the neutral face it keeps what expressions are built from: per-vertex normals and the
 * landmark positions of this particular face, and the place of its jaw hinge.
 */
public final class SyntheticIdentity {
    private final SyntheticFaceTemplate template;
    private final long seed;
    /** The identity dependence k of the set: the power on the amplitude factors (1: as drawn). */
    private final double dependence;
    /** The shape as drawn, with the expression-only anatomy pushed k times as far from the mean face. */
    private final FaceShapeParameters parameters;
    private final double[] expressiveness;
    private final long styleSeed;
    private final double[] neutral;
    private final double[] normals;
    private final double[] jaw;
    private final Mesh neutralMesh;

    private SyntheticIdentity(SyntheticFaceTemplate template, long seed, double dependence) {
        this.template = template;
        this.seed = seed;
        this.dependence = dependence;
        SplittableRandom random = new SplittableRandom(seed);
        FaceShapeParameters drawn = FaceShapeParameters.random(random);
        SmoothDisplacementField field = SmoothDisplacementField.random(random);
        this.expressiveness = new double[SyntheticExpression.values().length];
        for (int e = 0; e < expressiveness.length; e++) {
            expressiveness[e] = amplitude(SeededDraws.truncatedGaussian(random, 1, 0.18));
        }
        this.styleSeed = random.nextLong();
        this.parameters = dependence == 1 ? drawn : drawn.withExpressionAnatomyScaled(dependence);
        // the neutral comes from the drawn shape: identity dependence never changes a face at rest
        this.neutral = template.shape(drawn, field);
        this.normals = VertexNormals.of(neutral, template.triangles());
        this.jaw = new double[template.vertexCount()];
        FlatFace flat = template.flat();
        for (int i = 0; i < flat.vertexCount(); i++) {
            jaw[i] = FaceRegion.jaw(flat.u()[i], flat.v()[i], flat.side()[i], parameters.jawLineHeight());
        }
        this.neutralMesh = new Mesh(SyntheticFaceTemplate.toFloat(neutral), template.triangles());
    }

    /** A subject drawn from {@code seed}, at the default identity dependence 1. */
    public static SyntheticIdentity create(SyntheticFaceTemplate template, long seed) {
        return new SyntheticIdentity(template, seed, 1);
    }

    /**
     * A subject drawn from {@code seed} (the same draws whatever the dependence) whose expressions
     * depend on it with strength {@code dependence} (see {@link SyntheticDatasetSpec#identityDependence()}):
     * its amplitude factors (expressiveness, left-right balance, per-motion style) are raised to that
     * power, and its expression-only anatomy ({@link FaceShapeParameters#withExpressionAnatomyScaled})
     * deviates that many times as far from the mean face. Its neutral face does not change.
     */
    public static SyntheticIdentity create(SyntheticFaceTemplate template, long seed, double dependence) {
        return new SyntheticIdentity(template, seed, dependence);
    }

    /** An amplitude factor around 1 as this subject applies it: raised to the identity dependence, never negative. */
    double amplitude(double drawn) {
        return dependence == 1 ? drawn : StrictMath.pow(drawn, dependence);
    }

    public SyntheticFaceTemplate template() {
        return template;
    }

    public long seed() {
        return seed;
    }

    public FaceShapeParameters parameters() {
        return parameters;
    }

    /**
     * How strongly this subject performs {@code expression}: a factor around 1 on its deformation
     * (the drawn factor raised to the identity dependence).
     */
    public double expressiveness(SyntheticExpression expression) {
        return expressiveness[expression.ordinal()];
    }

    /**
     * The seed of this subject's style in one expression version: how strongly each of the
     * expression's motions is made, one draw per motion (see {@link RigBuilder}).
     */
    long styleSeed(SyntheticExpression expression, ExpressionSide side) {
        SplittableRandom r = new SplittableRandom(styleSeed);
        int index = expression.ordinal() * ExpressionSide.values().length + side.ordinal();
        for (int i = 0; i < index; i++) {
            r.nextLong();
        }
        return r.nextLong();
    }

    /** The neutral face (the first frame of every sequence of this subject). */
    public Mesh neutral() {
        return neutralMesh;
    }

    /** Neutral positions in double precision (not copied: do not modify). */
    double[] neutralPositions() {
        return neutral;
    }

    double[] normals() {
        return normals;
    }

    double[] landmark(FaceLandmark landmark) {
        int i = template.landmark(landmark);
        return new double[] {neutral[3 * i], neutral[3 * i + 1], neutral[3 * i + 2]};
    }

    /** This subject's jaw region: the template's {@link FaceRegion#JAW} with the subject's jaw line. */
    double[] jawRegion() {
        return jaw;
    }

    /**
     * Where the smile muscles on one side (+1 left) pull the mouth corner towards: a point near the
     * cheek, shifted by the subject's own anatomy.
     */
    double[] smilePull(int side) {
        double[] cheek = landmark(side > 0 ? FaceLandmark.CHEEK_LEFT : FaceLandmark.CHEEK_RIGHT);
        return new double[] {cheek[0] + side * parameters.smilePullOut(), cheek[1] + parameters.smilePullUp(), cheek[2]};
    }

    /** A point on the jaw's hinge axis (midway between the two hinges). */
    double[] hinge() {
        return new double[] {0, parameters.hingeHeight(), parameters.hingeDepth()};
    }

    /** Direction of the hinge axis: along +x, tilted by the subject's hinge roll and yaw. */
    double[] hingeAxis() {
        return new double[] {1, StrictMath.tan(parameters.hingeRoll()), StrictMath.tan(parameters.hingeYaw())};
    }

    /** How much one side of the face moves in expressions: +1 left, -1 right (around 1). */
    double balance(int side) {
        return amplitude(side > 0 ? parameters.leftBalance() : 2 - parameters.leftBalance());
    }

    /** The hinge on one side: +1 the subject's left (+x), -1 its right. */
    double[] hinge(int side) {
        return new double[] {side * 0.06 * parameters.jawWidth() * parameters.faceWidth(),
                parameters.hingeHeight(), parameters.hingeDepth()};
    }

    /** Distance between this face's mouth corners (m). */
    double mouthWidth() {
        return distance(landmark(FaceLandmark.MOUTH_CORNER_LEFT), landmark(FaceLandmark.MOUTH_CORNER_RIGHT));
    }

    /** Height of the brow above the eyelid on one side (m): +1 left, -1 right. */
    double browHeight(int side) {
        double[] brow = landmark(side > 0 ? FaceLandmark.BROW_LEFT : FaceLandmark.BROW_RIGHT);
        double[] lid = landmark(side > 0 ? FaceLandmark.EYELID_LEFT : FaceLandmark.EYELID_RIGHT);
        return brow[1] - lid[1];
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return StrictMath.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
