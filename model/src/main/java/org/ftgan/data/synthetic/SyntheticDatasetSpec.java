package org.ftgan.data.synthetic;

/**
 * What synthetic set to make.
 *
 * @param subjects           number of subjects (synth_000, synth_001, ...)
 * @param expressions        how many expressions: the first K of the 12 in {@link SyntheticExpression}'s order
 * @param vertices           requested vertices of the template (face and eyeballs; the template lands within a few percent)
 * @param frames             frames per sequence (at least 5: split expressions need two peaks and three rests; more
 *                           with a peak hold, see {@link SyntheticSequence#minimumFrames})
 * @param seed               everything random derives from it
 * @param frameNoiseMm       standard deviation of the per-frame, per-coordinate capture noise in millimetres
 *                           (frame 0 never has noise: it is the exact neutral)
 * @param identityDependence how strongly expressions depend on who performs them, the factor on the
 *                           identity-specific part of every displacement ({@link IdentityDependence}): 1 is
 *                           each subject's own rig, 0 makes blendshape transfer exact, above 1 exaggerates;
 *                           0 to {@value #MAX_IDENTITY_DEPENDENCE}
 * @param peakHoldFrames     frames each peak is held on either side of the peak frame ({@link SyntheticSequence}); 0 for none
 */
public record SyntheticDatasetSpec(int subjects, int expressions, int vertices, int frames, long seed, double frameNoiseMm,
                                   double identityDependence, int peakHoldFrames) {
    public static final int DEFAULT_SUBJECTS = 12;
    public static final int DEFAULT_EXPRESSIONS = 12;
    public static final int DEFAULT_VERTICES = 5000;
    /** Enough for a peak and 10 frames on each side of both peaks of a split sequence; about 1 GB at the
     *  other defaults. Real CoMA sequences are about 140 frames ({@code --frames 140}, about 3.8 GB). */
    public static final int DEFAULT_FRAMES = 41;
    public static final double DEFAULT_FRAME_NOISE_MM = 0.05;
    public static final double DEFAULT_IDENTITY_DEPENDENCE = 1.0;
    public static final int DEFAULT_PEAK_HOLD_FRAMES = 0;
    /** Beyond this the exaggerated displacements fold the face over itself. */
    public static final double MAX_IDENTITY_DEPENDENCE = 5.0;

    public SyntheticDatasetSpec {
        if (subjects < 1) {
            throw new IllegalArgumentException("subjects must be at least 1, got " + subjects);
        }
        if (expressions < 1 || expressions > SyntheticExpression.values().length) {
            throw new IllegalArgumentException("expressions must be between 1 and " + SyntheticExpression.values().length + ", got " + expressions);
        }
        if (vertices < 300) {
            throw new IllegalArgumentException("vertices must be at least 300, got " + vertices);
        }
        if (frames < 5) {
            throw new IllegalArgumentException("frames per sequence must be at least 5, got " + frames);
        }
        if (!(frameNoiseMm >= 0 && frameNoiseMm <= 1)) {
            throw new IllegalArgumentException("frameNoiseMm must be between 0 and 1 mm, got " + frameNoiseMm);
        }
        if (!(identityDependence >= 0 && identityDependence <= MAX_IDENTITY_DEPENDENCE)) {
            throw new IllegalArgumentException("identityDependence must be between 0 and " + MAX_IDENTITY_DEPENDENCE
                    + " (1 is each subject's own rig), got " + identityDependence);
        }
        if (peakHoldFrames < 0) {
            throw new IllegalArgumentException("peakHoldFrames must be >= 0, got " + peakHoldFrames);
        }
        int needed = minimumFrames(expressions, peakHoldFrames);
        if (frames < needed) {
            throw new IllegalArgumentException("frames per sequence must be at least " + needed + " for a peak hold of "
                    + peakHoldFrames + " frames (the hold must end a frame before every rest frame), got " + frames);
        }
    }

    /** With the default identity dependence and no peak hold. */
    public SyntheticDatasetSpec(int subjects, int expressions, int vertices, int frames, long seed, double frameNoiseMm) {
        this(subjects, expressions, vertices, frames, seed, frameNoiseMm, DEFAULT_IDENTITY_DEPENDENCE, DEFAULT_PEAK_HOLD_FRAMES);
    }

    /** With the default frame noise, identity dependence and no peak hold. */
    public SyntheticDatasetSpec(int subjects, int expressions, int vertices, int frames, long seed) {
        this(subjects, expressions, vertices, frames, seed, DEFAULT_FRAME_NOISE_MM);
    }

    /** 12 subjects, 12 expressions, 5,000 vertices, 41 frames per sequence. */
    public static SyntheticDatasetSpec defaults(long seed) {
        return new SyntheticDatasetSpec(DEFAULT_SUBJECTS, DEFAULT_EXPRESSIONS, DEFAULT_VERTICES, DEFAULT_FRAMES, seed);
    }

    /** The fewest frames per sequence for a peak hold with the first {@code expressions} expressions. */
    public static int minimumFrames(int expressions, int peakHoldFrames) {
        boolean anySplit = false;
        for (int e = 0; e < Math.min(expressions, SyntheticExpression.values().length); e++) {
            anySplit |= SyntheticExpression.values()[e].split();
        }
        return Math.max(SyntheticSequence.minimumFrames(false, peakHoldFrames),
                anySplit ? SyntheticSequence.minimumFrames(true, peakHoldFrames) : 0);
    }

    /** Whether the expression settings are the generator's defaults (whose output is pinned byte for byte). */
    public boolean defaultExpressionSettings() {
        return identityDependence == DEFAULT_IDENTITY_DEPENDENCE && peakHoldFrames == DEFAULT_PEAK_HOLD_FRAMES;
    }

    public SyntheticDatasetSpec withIdentityDependence(double k) {
        return new SyntheticDatasetSpec(subjects, expressions, vertices, frames, seed, frameNoiseMm, k, peakHoldFrames);
    }

    public SyntheticDatasetSpec withPeakHold(int frames, int holdFrames) {
        return new SyntheticDatasetSpec(subjects, expressions, vertices, frames, seed, frameNoiseMm, identityDependence, holdFrames);
    }
}
