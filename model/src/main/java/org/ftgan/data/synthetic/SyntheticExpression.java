package org.ftgan.data.synthetic;

import java.util.Locale;

/**
 * The 12 CoMA expressions as deformations of a subject's face, in CoMA's order and under CoMA's
 * names. Each one moves regions of the face by amounts and in directions taken from that subject's
 * own face and joints: the jaw turns about the subject's hinge axis (placed and tilted per subject),
 * slides forward by the subject's condyle glide and opens to a gap set by the subject's mouth width;
 * smiles pull the mouth corners along the subject's cheek surface towards its cheeks by a fraction of
 * its mouth width; lips move along the subject's lip normals by amounts set by its lip thickness;
 * brows rise in proportion to the subject's brow height; cheeks sink by its cheek fullness. On top,
 * each subject has its own expressiveness per expression and its own left-right balance. Moving one
 * subject's displacements onto another face (blendshape transfer) is therefore wrong by millimetres.
 *
 * <p>mouth_side, mouth_middle, mouth_up and mouth_down are asymmetric and come in a LEFT and a RIGHT
 * version ({@link ExpressionSide}); LEFT is the subject's left, the +x side.
 */
public enum SyntheticExpression {
    /** Lips drawn apart showing the teeth: jaw a little open, upper lip up, lower lip down, corners stretched back. */
    BARETEETH(false) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double w = id.mouthWidth();
            openJaw(b, 0.5 * k);
            moveLip(b, FaceRegion.UPPER_LIP, false, 0.10 * w * k, -0.04 * w * k);
            moveLip(b, FaceRegion.LOWER_LIP, false, -0.06 * w * k, -0.04 * w * k);
            for (int s : SIDES) {
                double m = k * id.balance(s);
                b.move(perioral(b, s), RigBuilder.sum(b.lateral(s, 0.12 * w * m), b.alongNormal(-0.05 * w * m)));
                b.move(cheek(b, s), b.up(0.002 * m));
            }
        }
    },
    /** Cheeks sucked in (deeper on fuller cheeks), jaw dropping a little, corners drawn in, lips pushed out. */
    CHEEKS_IN(false) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double w = id.mouthWidth();
            double[] centre = id.landmark(FaceLandmark.MOUTH_CENTER_UPPER);
            openJaw(b, 0.2 * k);
            for (int s : SIDES) {
                double m = k * id.balance(s);
                b.move(RigBuilder.widened(cheek(b, s), 0.6), b.alongNormal(-0.006 * id.parameters().cheekFullness() * m));
                b.move(perioral(b, s), b.toward(id.landmark(cornerLandmark(s)), centre, 0.12 * w * m));
            }
            for (FaceRegion lip : LIPS) {
                moveLip(b, lip, false, 0, 0.0035 * id.parameters().lipThickness() * k);
            }
        }
    },
    /** Brows raised by a share of the subject's brow height, the forehead and upper lids following. */
    EYEBROW(false) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            for (int s : SIDES) {
                double bh = id.browHeight(s) * k * id.balance(s);
                b.move(b.innerPart(brow(b, s), FaceLayout.BROW_U, true), b.up(0.25 * bh));
                b.move(b.innerPart(brow(b, s), FaceLayout.BROW_U, false), b.up(0.25 * bh));
                b.move(RigBuilder.widened(brow(b, s), 0.25), b.up(0.3 * bh));
                b.move(b.lid(eyelid(b, s), true), b.up(0.08 * bh));
            }
        }
    },
    /** Broad smile: corners pulled along the cheek towards the subject's cheeks, cheeks raised, lids squinting, jaw a little open. */
    HIGH_SMILE(false) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double w = id.mouthWidth();
            openJaw(b, 0.3 * k);
            for (int s : SIDES) {
                double m = k * id.balance(s);
                b.move(perioral(b, s), b.pull(id.landmark(cornerLandmark(s)), id.smilePull(s), 0.4 * m));
                b.move(RigBuilder.widened(cheek(b, s), 0.4),
                        RigBuilder.sum(b.up(0.004 * m), b.alongNormal(0.0035 * id.parameters().cheekFullness() * m)));
                b.move(b.lid(eyelid(b, s), false), b.up(0.0025 * m));
            }
            b.move(b.region(FaceRegion.UPPER_LIP), b.up(0.002 * k));
        }
    },
    /** Lips pressed back into the face along their own normals, corners stretched. */
    LIPS_BACK(false) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double w = id.mouthWidth();
            openJaw(b, 0.1 * k);
            for (FaceRegion lip : LIPS) {
                moveLip(b, lip, true, 0, -0.006 * id.parameters().lipThickness() * k);
            }
            for (int s : SIDES) {
                double m = k * id.balance(s);
                b.move(perioral(b, s), RigBuilder.sum(b.lateral(s, 0.12 * w * m), b.alongNormal(-0.003 * m)));
            }
        }
    },
    /** Lips pushed up and out along the subject's lip normals, chin raised with the jaw closing a little. */
    LIPS_UP(false) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double lip = id.parameters().lipThickness();
            openJaw(b, -0.1 * k);
            moveLip(b, FaceRegion.LOWER_LIP, true, 0.006 * k, 0.004 * lip * k);
            moveLip(b, FaceRegion.UPPER_LIP, true, 0.005 * k, 0.003 * lip * k);
        }
    },
    /** One mouth corner pulled down along the face towards the jaw, that half of the lower lip following, jaw a little open. */
    MOUTH_DOWN(true) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double m = k * id.balance(side);
            openJaw(b, 0.15 * k);
            b.move(perioral(b, side), b.pull(id.landmark(cornerLandmark(side)),
                    id.landmark(side > 0 ? FaceLandmark.JAW_LEFT : FaceLandmark.JAW_RIGHT), 0.33 * m));
            b.move(b.half(b.region(FaceRegion.LOWER_LIP), side), b.up(-0.004 * m));
        }
    },
    /** Jaw wide open and sliding forward, mouth stretched wide, brows, forehead and lids up. */
    MOUTH_EXTREME(false) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double w = id.mouthWidth();
            openJaw(b, 1.3 * k);
            for (int s : SIDES) {
                double m = k * id.balance(s);
                b.move(perioral(b, s), b.lateral(s, 0.16 * w * m));
                b.move(RigBuilder.widened(brow(b, s), 0.25), b.up(0.2 * id.browHeight(s) * m));
                b.move(b.lid(eyelid(b, s), true), b.up(0.002 * m));
            }
        }
    },
    /** The mouth and the skin around it pushed sideways along the face, the jaw following a little. */
    MOUTH_MIDDLE(true) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double m = k * id.balance(side);
            swingJaw(b, side, Math.toRadians(2) * m);
            b.move(RigBuilder.union(lips(b), b.mouthArea(0)), b.lateral(side, 0.12 * id.mouthWidth() * m));
            b.move(RigBuilder.union(perioral(b, 1), perioral(b, -1)), b.lateral(side, 0.12 * id.mouthWidth() * m));
        }
    },
    /** Jaw dropped about the subject's hinge until the lips part by about 0.35 of its mouth width, sliding forward. */
    MOUTH_OPEN(false) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            openJaw(b, k);
        }
    },
    /** Jaw swung sideways about the hinge on the other side, the upper lip following a little. */
    MOUTH_SIDE(true) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double m = k * id.balance(side);
            openJaw(b, 0.1 * k);
            swingJaw(b, side, Math.toRadians(6) * m);
            b.move(b.region(FaceRegion.UPPER_LIP), b.lateral(side, 0.003 * m));
        }
    },
    /** Half smile: one corner pulled towards that cheek, the cheek, that half of the upper lip and the lower lid raised. */
    MOUTH_UP(true) {
        @Override
        void shape(RigBuilder b, double k, int side) {
            SyntheticIdentity id = b.identity();
            double m = k * id.balance(side);
            openJaw(b, 0.1 * k);
            b.move(perioral(b, side), b.pull(id.landmark(cornerLandmark(side)), id.smilePull(side), 0.37 * m));
            b.move(RigBuilder.widened(cheek(b, side), 0.4), RigBuilder.sum(b.up(0.004 * m),
                    b.alongNormal(0.003 * id.parameters().cheekFullness() * m)));
            b.move(b.half(b.region(FaceRegion.UPPER_LIP), side), b.up(0.003 * m));
            b.move(b.lid(eyelid(b, side), false), b.up(0.002 * m));
        }
    };

    private static final int[] SIDES = {1, -1};
    private static final FaceRegion[] LIPS = {FaceRegion.UPPER_LIP, FaceRegion.LOWER_LIP};
    /** Direction of the jaw's forward slide as it opens (forward and a little down). */
    private static final double[] GLIDE = {0, -0.3 / Math.sqrt(1.09), 1 / Math.sqrt(1.09)};
    /** A full mouth_open parts the lips by this share of the subject's mouth width. */
    private static final double OPEN_GAP_PER_MOUTH_WIDTH = 0.35;

    private final boolean split;

    SyntheticExpression(boolean split) {
        this.split = split;
    }

    /** The CoMA name: bareteeth, cheeks_in, ... */
    public String comaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the four expressions performed once on each side. */
    public boolean split() {
        return split;
    }

    /** The expression with this CoMA name. */
    public static SyntheticExpression byComaName(String name) {
        for (SyntheticExpression e : values()) {
            if (e.comaName().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown CoMA expression '" + name + "'");
    }

    /** Positions (3V, metres) of {@code identity} performing this expression at intensity t in [0, 1]. */
    public float[] positions(SyntheticIdentity identity, ExpressionSide side, double t) {
        double[] out = new double[3 * identity.neutral().vertexCount()];
        rig(identity, side).positionsAt(t, out);
        return SyntheticFaceTemplate.toFloat(out);
    }

    /** The subject's deformation for this expression (LEFT or RIGHT for split ones, BOTH otherwise). */
    ExpressionRig rig(SyntheticIdentity identity, ExpressionSide side) {
        if (split == (side == ExpressionSide.BOTH)) {
            throw new IllegalArgumentException(comaName() + (split ? " needs side LEFT or RIGHT" : " has no sides") + ", got " + side);
        }
        RigBuilder b = new RigBuilder(identity, identity.styleSeed(this, side));
        shape(b, identity.expressiveness(this), split ? side.sign() : 0);
        return b.build();
    }

    /** Adds this expression's motions for a subject performing it with strength k (side +1 left, -1 right). */
    abstract void shape(RigBuilder b, double k, int side);

    /**
     * Turns the jaw about the subject's hinge axis by {@code opening} times the angle of its full
     * mouth_open (negative closes), sliding it forward by the subject's condyle glide on the way.
     * The full angle parts the lips by a share of the subject's mouth width, so it depends on the
     * distance from the subject's hinge to its lower lip.
     */
    private static void openJaw(RigBuilder b, double opening) {
        SyntheticIdentity id = b.identity();
        double[] lip = id.landmark(FaceLandmark.MOUTH_CENTER_LOWER);
        double[] hinge = id.hinge();
        double lever = StrictMath.sqrt((lip[1] - hinge[1]) * (lip[1] - hinge[1]) + (lip[2] - hinge[2]) * (lip[2] - hinge[2]));
        double angle = opening * OPEN_GAP_PER_MOUTH_WIDTH * id.mouthWidth() / lever;
        double glide = id.parameters().condyleGlide() * angle / Math.toRadians(10);
        double[] jaw = b.jaw();
        b.rotate(jaw, hinge, id.hingeAxis(), angle);
        b.move(jaw, RigBuilder.along(GLIDE, glide));
    }

    /**
     * Moves a lip by {@code up} metres upwards in the plane of the subject's lip and {@code out} metres
     * along the subject's lip normal; {@code broad} drags the skin around the mouth on that lip's side along.
     */
    private static void moveLip(RigBuilder b, FaceRegion lip, boolean broad, double up, double out) {
        double[] normal = b.meanNormal(b.region(lip));
        double[] lipUp = {-normal[1] * normal[0], 1 - normal[1] * normal[1], -normal[1] * normal[2]};
        double len = StrictMath.sqrt(lipUp[0] * lipUp[0] + lipUp[1] * lipUp[1] + lipUp[2] * lipUp[2]);
        double[] weights = broad
                ? RigBuilder.union(b.region(lip), b.mouthArea(lip == FaceRegion.UPPER_LIP ? 1 : -1))
                : b.region(lip);
        b.move(weights, RigBuilder.sum(RigBuilder.along(new double[] {lipUp[0] / len, lipUp[1] / len, lipUp[2] / len}, up),
                RigBuilder.along(normal, out)));
    }

    /** Swings the jaw towards {@code side} (+1 left) about the vertical through the other side's hinge. */
    private static void swingJaw(RigBuilder b, int side, double angle) {
        b.rotate(b.jaw(), b.identity().hinge(-side), new double[] {0, 1, 0}, side * angle);
    }

    /** A mouth corner and the skin around it (the corner region widened). */
    private static double[] perioral(RigBuilder b, int side) {
        return RigBuilder.widened(b.region(side > 0 ? FaceRegion.MOUTH_CORNER_LEFT : FaceRegion.MOUTH_CORNER_RIGHT), 0.3);
    }

    private static double[] cheek(RigBuilder b, int side) {
        return b.region(side > 0 ? FaceRegion.CHEEK_LEFT : FaceRegion.CHEEK_RIGHT);
    }

    private static double[] brow(RigBuilder b, int side) {
        return b.region(side > 0 ? FaceRegion.BROW_LEFT : FaceRegion.BROW_RIGHT);
    }

    private static double[] eyelid(RigBuilder b, int side) {
        return b.region(side > 0 ? FaceRegion.EYELID_LEFT : FaceRegion.EYELID_RIGHT);
    }

    private static double[] lips(RigBuilder b) {
        return RigBuilder.union(b.region(FaceRegion.UPPER_LIP), b.region(FaceRegion.LOWER_LIP));
    }

    private static FaceLandmark cornerLandmark(int side) {
        return side > 0 ? FaceLandmark.MOUTH_CORNER_LEFT : FaceLandmark.MOUTH_CORNER_RIGHT;
    }
}
