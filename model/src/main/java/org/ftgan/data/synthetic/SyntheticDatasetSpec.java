package org.ftgan.data.synthetic;

/**
 * What synthetic set to make.
 *
 * @param subjects     number of subjects (synth_000, synth_001, ...)
 * @param expressions  how many expressions: the first K of the 12 in {@link SyntheticExpression}'s order
 * @param vertices     requested vertices of the template (face and eyeballs; the template lands within a few percent)
 * @param frames       frames per sequence (at least 5: split expressions need two peaks and three rests)
 * @param seed         everything random derives from it
 * @param frameNoiseMm standard deviation of the per-frame, per-coordinate capture noise in millimetres
 *                     (frame 0 never has noise: it is the exact neutral)
 */
public record SyntheticDatasetSpec(int subjects, int expressions, int vertices, int frames, long seed, double frameNoiseMm) {
    public static final int DEFAULT_SUBJECTS = 12;
    public static final int DEFAULT_EXPRESSIONS = 12;
    public static final int DEFAULT_VERTICES = 5000;
    public static final int DEFAULT_FRAMES = 140;
    public static final double DEFAULT_FRAME_NOISE_MM = 0.05;

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
    }

    /** With the default frame noise. */
    public SyntheticDatasetSpec(int subjects, int expressions, int vertices, int frames, long seed) {
        this(subjects, expressions, vertices, frames, seed, DEFAULT_FRAME_NOISE_MM);
    }

    /** 12 subjects, 12 expressions, 5,000 vertices, 140 frames per sequence. */
    public static SyntheticDatasetSpec defaults(long seed) {
        return new SyntheticDatasetSpec(DEFAULT_SUBJECTS, DEFAULT_EXPRESSIONS, DEFAULT_VERTICES, DEFAULT_FRAMES, seed);
    }
}
