package org.ftgan.data.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic set in memory: the template, the subjects and their sequences, all derived from a
 * {@link SyntheticDatasetSpec}. Nothing is written; {@link SyntheticDatasetWriter} writes it in the
 * CoMA layout and {@link SyntheticStatistics} measures it.
 *
 * <p>The seed is split, in order, into one identity seed and one noise seed per subject, and each
 * subject's noise seed into one seed per sequence, so any sequence can be made on its own (and in
 * parallel with others) with the same result.
 */
public final class SyntheticDataset {
    private final SyntheticDatasetSpec spec;
    private final SyntheticFaceTemplate template;
    private final List<SyntheticIdentity> subjects;
    private final List<SyntheticExpression> expressions;
    private final long[][] sequenceNoiseSeeds;
    private final Map<String, ExpressionRig> rigs = new HashMap<>();

    private SyntheticDataset(SyntheticDatasetSpec spec) {
        this.spec = spec;
        this.template = SyntheticFaceTemplate.create(spec.vertices());
        this.expressions = List.of(Arrays.copyOf(SyntheticExpression.values(), spec.expressions()));
        SplittableRandom root = new SplittableRandom(spec.seed());
        List<SyntheticIdentity> made = new ArrayList<>();
        sequenceNoiseSeeds = new long[spec.subjects()][SyntheticExpression.values().length];
        for (int s = 0; s < spec.subjects(); s++) {
            long identitySeed = root.nextLong();
            SplittableRandom noise = new SplittableRandom(root.nextLong());
            for (int e = 0; e < sequenceNoiseSeeds[s].length; e++) {
                sequenceNoiseSeeds[s][e] = noise.nextLong();
            }
            made.add(SyntheticIdentity.create(template, identitySeed, spec.identityDependence()));
        }
        this.subjects = List.copyOf(made);
    }

    public static SyntheticDataset generate(SyntheticDatasetSpec spec) {
        return new SyntheticDataset(spec);
    }

    public SyntheticDatasetSpec spec() {
        return spec;
    }

    public SyntheticFaceTemplate template() {
        return template;
    }

    public int subjectCount() {
        return subjects.size();
    }

    /** The subject's directory name: synth_000, synth_001, ... */
    public static String subjectName(int subject) {
        return String.format(Locale.ROOT, "synth_%03d", subject);
    }

    public SyntheticIdentity subject(int subject) {
        return subjects.get(subject);
    }

    /** The expressions of this set, the first K in CoMA order. */
    public List<SyntheticExpression> expressions() {
        return expressions;
    }

    /** The timing shared by every subject's sequence of {@code expression}. */
    public SyntheticSequence sequence(SyntheticExpression expression) {
        return SyntheticSequence.of(expression, spec.frames(), spec.peakHoldFrames());
    }

    /**
     * The noise-free positions (3V, metres) of {@code subject} performing {@code expression} on
     * {@code side} at intensity t: the ground truth a frame's capture noise is added to. Rigs are
     * built once per (subject, expression, side) and kept; one thread at a time.
     */
    public synchronized float[] truePositions(int subject, SyntheticExpression expression, ExpressionSide side, double t) {
        ExpressionRig rig = rigs.computeIfAbsent(subject + "/" + expression.name() + "/" + side.name(),
                k -> expression.rig(subjects.get(subject), side));
        double[] out = new double[3 * template.vertexCount()];
        rig.positionsAt(t, out);
        return SyntheticFaceTemplate.toFloat(out);
    }

    /** The frames of one sequence, generated in order. */
    public SequenceFrames frames(int subject, SyntheticExpression expression) {
        if (!expressions.contains(expression)) {
            throw new IllegalArgumentException(expression.comaName() + " is not among the " + expressions.size() + " expressions of this set");
        }
        return new SequenceFrames(subjects.get(subject), sequence(expression),
                sequenceNoiseSeeds[subject][expression.ordinal()], spec.frameNoiseMm() / 1000.0);
    }
}
