package org.ftgan.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.ftgan.data.Manifest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDataset;
import org.ftgan.data.synthetic.SyntheticExpression;
import org.ftgan.data.synthetic.SyntheticSequence;

/**
 * A perfect model of a synthetic set, for measuring the floor of the evaluation's figures: the
 * content code of a mesh is its subject, the style code is the expression, side and intensity of the
 * frame it came from, and the decoder plays the subject's own rig (the generator's ground truth) at
 * that intensity. Its E_transfer is what no model can beat on these triplets: the subject's own
 * expression at the other subject's intensity, scored against a captured (noisy) frame; its E_rec
 * is the capture noise.
 *
 * <p>It recognizes meshes by their exact normalized floats, so it only encodes samples of the
 * prepared dataset it was made for, which must be a preparation of {@code set}.
 */
public final class SyntheticTruthCodec implements FaceCodec {
    private final PreparedDataset data;
    private final SyntheticDataset set;
    private final MeshNormalization normalization;
    private final Map<Integer, int[]> byHash = new HashMap<>();

    public SyntheticTruthCodec(PreparedDataset data, SyntheticDataset set) throws IOException {
        this.data = data;
        this.set = set;
        this.normalization = new MeshNormalization(data.mean(), data.std());
        if (data.vertexCount() != set.template().vertexCount()) {
            throw new IllegalArgumentException("the prepared dataset " + data.dir() + " has " + data.vertexCount()
                    + " vertices, the synthetic set " + set.template().vertexCount() + ": not its preparation");
        }
        for (int i = 0; i < data.sampleCount(); i++) {
            int h = Arrays.hashCode(normalization.normalize(data.positions(i)));
            int[] old = byHash.get(h);
            int[] grown = old == null ? new int[] {i} : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = i;
            byHash.put(h, grown);
        }
    }

    /** Content code: {subject index in the synthetic set}. */
    @Override
    public float[][] contentCodes(float[][] normalizedMeshes) {
        float[][] out = new float[normalizedMeshes.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = new float[] {subjectOf(sample(normalizedMeshes[k]))};
        }
        return out;
    }

    /** Style code: {expression ordinal, frame}; the sequence's timing gives the side and the intensity. */
    @Override
    public float[][] styleCodes(float[][] normalizedMeshes) {
        float[][] out = new float[normalizedMeshes.length][];
        for (int k = 0; k < out.length; k++) {
            Manifest.SampleEntry e = data.manifest().sampleList().get(sample(normalizedMeshes[k]));
            SyntheticExpression expression = SyntheticExpression.byComaName(e.sequence());
            out[k] = new float[] {expression.ordinal(), e.frame()};
        }
        return out;
    }

    @Override
    public float[][] decode(float[][] contentCodes, float[][] styleCodes) {
        float[][] out = new float[contentCodes.length][];
        for (int k = 0; k < out.length; k++) {
            int subject = (int) contentCodes[k][0];
            SyntheticExpression expression = SyntheticExpression.values()[(int) styleCodes[k][0]];
            SyntheticSequence sequence = set.sequence(expression);
            int frame = (int) styleCodes[k][1];
            float[] metres = set.truePositions(subject, expression, sequence.side(frame), sequence.intensity(frame));
            float[] mm = new float[metres.length];
            for (int i = 0; i < mm.length; i++) {
                mm[i] = (float) (metres[i] * 1000.0);
            }
            out[k] = normalization.normalize(mm);
        }
        return out;
    }

    private int sample(float[] normalized) {
        int[] candidates = byHash.get(Arrays.hashCode(normalized));
        if (candidates != null) {
            for (int i : candidates) {
                try {
                    if (Arrays.equals(normalization.normalize(data.positions(i)), normalized)) {
                        return i;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalArgumentException("the truth codec knows only the samples of " + data.dir() + "; got another mesh");
    }

    private int subjectOf(int sample) {
        String name = data.subject(sample);
        for (int s = 0; s < set.subjectCount(); s++) {
            if (SyntheticDataset.subjectName(s).equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("subject " + name + " of " + data.dir() + " is not in the synthetic set");
    }
}
