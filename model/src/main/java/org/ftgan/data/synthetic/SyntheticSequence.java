package org.ftgan.data.synthetic;

/**
 * The timing of one synthetic sequence: the expression's intensity and side at every frame.
 *
 * <p>A symmetric expression goes neutral -> peak -> neutral with the peak at the middle frame
 * ((frames - 1) / 2). A split expression goes neutral -> left peak -> neutral -> right peak ->
 * neutral with the peaks at about 1/4 and 3/4 and the rest at the middle. Each ramp eases out of
 * the rest (zero slope) and reaches its peak with a finite slope, t(x) = x^2 (2 - x): a short held
 * peak, so the peak frame stands out from its neighbours even under frame noise.
 */
public final class SyntheticSequence {
    private final SyntheticExpression expression;
    private final int frames;
    private final int[] peaks;

    private SyntheticSequence(SyntheticExpression expression, int frames) {
        if (frames < 5) {
            throw new IllegalArgumentException("a sequence needs at least 5 frames, got " + frames);
        }
        this.expression = expression;
        this.frames = frames;
        int last = frames - 1;
        this.peaks = expression.split()
                ? new int[] {(int) Math.round(last / 4.0), (int) Math.round(3 * last / 4.0)}
                : new int[] {last / 2};
    }

    public static SyntheticSequence of(SyntheticExpression expression, int frames) {
        return new SyntheticSequence(expression, frames);
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
    private static double ramp(int frame, int start, int peak, int end) {
        double x = frame <= peak ? (frame - start) / (double) (peak - start) : (end - frame) / (double) (end - peak);
        return x * x * (2 - x);
    }

    private void checkFrame(int frame) {
        if (frame < 0 || frame >= frames) {
            throw new IndexOutOfBoundsException("frame " + frame + " outside 0.." + (frames - 1));
        }
    }
}
