package org.ftgan.data.synthetic;

import java.util.SplittableRandom;

/**
 * Plays one subject's sequence frame by frame: the expression at the frame's intensity plus seeded
 * capture noise (none on frame 0, which is the exact neutral). Frames must be taken in order, since
 * the noise of a frame follows from the frames before it.
 */
public final class SequenceFrames {
    private final SyntheticIdentity identity;
    private final SyntheticSequence sequence;
    private final SplittableRandom noise;
    /** Half-width of the triangular noise: sqrt(6) times its standard deviation. */
    private final double noiseHalfWidth;
    private final ExpressionRig[] rigs = new ExpressionRig[ExpressionSide.values().length];
    private final double[] work;
    private int next;

    SequenceFrames(SyntheticIdentity identity, SyntheticSequence sequence, long noiseSeed, double noiseStd) {
        this.identity = identity;
        this.sequence = sequence;
        this.noise = new SplittableRandom(noiseSeed);
        this.noiseHalfWidth = noiseStd * Math.sqrt(6);
        this.work = new double[3 * identity.neutral().vertexCount()];
    }

    public SyntheticSequence sequence() {
        return sequence;
    }

    public boolean hasNext() {
        return next < sequence.frames();
    }

    /** Index of the frame the next call to {@link #next(float[])} fills. */
    public int nextFrameIndex() {
        return next;
    }

    /** Fills {@code out} (3V floats, metres) with the next frame. */
    public void next(float[] out) {
        if (!hasNext()) {
            throw new IllegalStateException("the sequence has only " + sequence.frames() + " frames");
        }
        int frame = next++;
        double t = sequence.intensity(frame);
        rig(sequence.side(frame)).positionsAt(t, work);
        if (frame == 0 || noiseHalfWidth == 0) {
            for (int i = 0; i < work.length; i++) {
                out[i] = (float) work[i];
            }
            return;
        }
        // two triangular draws per 64 random bits: cheap enough to keep up with the disk
        double scale = noiseHalfWidth / 65535.0;
        int i = 0;
        while (i < work.length) {
            long bits = noise.nextLong();
            out[i] = (float) (work[i] + scale * ((bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) - 65535));
            i++;
            if (i < work.length) {
                out[i] = (float) (work[i] + scale * (((bits >>> 32) & 0xFFFF) + (bits >>> 48) - 65535));
                i++;
            }
        }
    }

    private ExpressionRig rig(ExpressionSide side) {
        if (rigs[side.ordinal()] == null) {
            rigs[side.ordinal()] = sequence.expression().rig(identity, side);
        }
        return rigs[side.ordinal()];
    }
}
