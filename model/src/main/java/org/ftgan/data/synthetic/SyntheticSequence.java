package org.ftgan.data.synthetic;

/**
 * The timing of one synthetic sequence: the expression's intensity and side at every frame.
 *
 * <p>A symmetric expression goes neutral -> peak -> neutral with the peak at the middle frame
 * ((frames - 1) / 2). A split expression goes neutral -> left peak -> neutral -> right peak ->
 * neutral with the peaks at about 1/4 and 3/4 and the rest at the middle. Each ramp eases out of
 * the rest (zero slope) and reaches its peak with a finite slope, t(x) = x^2 (2 - x): a short held
 * peak, so the peak frame stands out from its neighbours even under frame noise.
 *
 * <p>With a peak hold of H frames the expression is held around each peak: over the H frames on
 * either side of the peak frame the intensity eases linearly from 1 down to 1 - {@value #HOLD_DRIFT}
 * (a held face drifts a little; the peak frame stays the unique largest displacement, so preparation
 * still finds it by AVD), and the ramps rise from rest to 1 - {@value #HOLD_DRIFT} and fall back over
 * the remaining frames, same curve scaled. A hold of at least the preparation's window (10 frames)
 * keeps every frame of a peak's class at intensity 0.95 or more. H = 0 is the timing above.
 */
public final class SyntheticSequence {
    /** How far the intensity drifts down from 1 over a peak hold. */
    public static final double HOLD_DRIFT = 0.05;

    private final SyntheticExpression expression;
    private final int frames;
    private final int hold;
    private final int[] peaks;

    private SyntheticSequence(SyntheticExpression expression, int frames, int hold) {
        if (frames < 5) {
            throw new IllegalArgumentException("a sequence needs at least 5 frames, got " + frames);
        }
        if (hold < 0) {
            throw new IllegalArgumentException("the peak hold must be >= 0 frames, got " + hold);
        }
        this.expression = expression;
        this.frames = frames;
        this.hold = hold;
        this.peaks = peakFrames(expression.split(), frames);
        if (!fits(expression.split(), frames, hold)) {
            throw new IllegalArgumentException(frames + " frames leave no room for a peak hold of " + hold
                    + " frames in a " + (expression.split() ? "split" : "symmetric") + " sequence: it needs at least "
                    + minimumFrames(expression.split(), hold));
        }
    }

    public static SyntheticSequence of(SyntheticExpression expression, int frames) {
        return new SyntheticSequence(expression, frames, 0);
    }

    /** A sequence whose peaks are held for {@code hold} frames on each side (see the class comment). */
    public static SyntheticSequence of(SyntheticExpression expression, int frames, int hold) {
        return new SyntheticSequence(expression, frames, hold);
    }

    /**
     * The fewest frames a sequence needs for a peak hold of {@code hold} frames: each hold must end at
     * least one frame before a rest frame (frame 0, the last frame and, in a split sequence, the middle).
     */
    public static int minimumFrames(boolean split, int hold) {
        int n = 5;
        while (!fits(split, n, hold)) {
            n++;
        }
        return n;
    }

    private static boolean fits(boolean split, int frames, int hold) {
        if (frames < 5) {
            return false;
        }
        int last = frames - 1;
        int[] p = peakFrames(split, frames);
        if (!split) {
            return p[0] - hold >= 1 && p[0] + hold <= last - 1;
        }
        int middle = last / 2;
        return p[0] - hold >= 1 && p[0] + hold <= middle - 1 && p[1] - hold >= middle + 1 && p[1] + hold <= last - 1;
    }

    private static int[] peakFrames(boolean split, int frames) {
        int last = frames - 1;
        return split ? new int[] {(int) Math.round(last / 4.0), (int) Math.round(3 * last / 4.0)} : new int[] {last / 2};
    }

    /** Frames held around each peak, on each side. */
    public int holdFrames() {
        return hold;
    }

    public SyntheticExpression expression() {
        return expression;
    }

    public int frames() {
        return frames;
    }

    /** Peak frames in order: one for a symmetric expression, left then right for a split one. */
    public int[] peakFrames() {
        return peaks.clone();
    }

    /** The side performed at each peak of {@link #peakFrames()}. */
    public ExpressionSide peakSide(int peakIndex) {
        return expression.split() ? (peakIndex == 0 ? ExpressionSide.LEFT : ExpressionSide.RIGHT) : ExpressionSide.BOTH;
    }

    /** The rest frame between the two peaks of a split sequence. */
    public int middleRestFrame() {
        return (frames - 1) / 2;
    }

    /** Expression intensity at {@code frame}: 0 at rest, exactly 1 at a peak. */
    public double intensity(int frame) {
        checkFrame(frame);
        int last = frames - 1;
        if (!expression.split()) {
            return ramp(frame, 0, peaks[0], last);
        }
        int middle = middleRestFrame();
        return frame <= middle ? ramp(frame, 0, peaks[0], middle) : ramp(frame, middle, peaks[1], last);
    }

    /** Which side is being performed at {@code frame} (BOTH for symmetric expressions). */
    public ExpressionSide side(int frame) {
        checkFrame(frame);
        if (!expression.split()) {
            return ExpressionSide.BOTH;
        }
        return frame <= middleRestFrame() ? ExpressionSide.LEFT : ExpressionSide.RIGHT;
    }

    /** Rise from rest at {@code start} to the peak, then fall back to rest at {@code end}. */
    private double ramp(int frame, int start, int peak, int end) {
        if (hold > 0) {
            return heldRamp(frame, start, peak, end);
        }
        double x = frame <= peak ? (frame - start) / (double) (peak - start) : (end - frame) / (double) (end - peak);
        return x * x * (2 - x);
    }

    /** The same rise and fall around a hold of {@code hold} frames on each side of the peak. */
    private double heldRamp(int frame, int start, int peak, int end) {
        int away = Math.abs(frame - peak);
        if (away <= hold) {
            return 1 - HOLD_DRIFT * away / hold;
        }
        double x = frame < peak ? (frame - start) / (double) (peak - hold - start) : (end - frame) / (double) (end - peak - hold);
        return (1 - HOLD_DRIFT) * x * x * (2 - x);
    }

    private void checkFrame(int frame) {
        if (frame < 0 || frame >= frames) {
            throw new IndexOutOfBoundsException("frame " + frame + " outside 0.." + (frames - 1));
        }
    }
}
