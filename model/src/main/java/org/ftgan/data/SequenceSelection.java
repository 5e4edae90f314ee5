package org.ftgan.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.ftgan.mesh.VertexDistance;

/**
 * Chooses the samples of one CoMA-layout sequence (frames in mm, frame 0 neutral).
 *
 * <ul>
 * <li>Frame 0 is a sample of class {@code neutral}.</li>
 * <li>The peak is the frame with the largest AVD (mean per-vertex Euclidean distance) to frame 0,
 * ties to the earliest frame, unless an override names it.</li>
 * <li>A sequence of {@link ExpressionClasses#SPLIT_SEQUENCES} shows the movement to one side and
 * then to the other. It is cut at a valley: the second hump is the frame j maximizing its
 * prominence {@code AVD(j) - min AVD between j and the global peak}; when that prominence is at
 * least {@value #SECOND_HUMP_MIN_PROMINENCE} of the global peak's AVD, the sequence is cut at the
 * lowest-AVD frame strictly between the two, and each half's largest-AVD frame is its peak.
 * Otherwise (the subject moved to one side only) the sequence has one peak.</li>
 * <li>Side (+x is the subject's left). The moving vertices of a peak frame are those displaced
 * from frame 0 by at least {@value #MOVING_FRACTION} of the frame's largest displacement. For
 * mouth_side and mouth_middle, where the mouth or jaw moves sideways, the side score is the mean
 * x-displacement of the moving vertices; for mouth_up and mouth_down, where one mouth corner moves
 * (up, or down towards the jaw, which can be inwards), it is the mean x of the moving vertices in
 * frame 0 minus the mean x of all vertices of frame 0 (where on the face the movement is). Both are
 * in mm. Of two peaks the one with the larger score is {@code <sequence>_left}, the other
 * {@code <sequence>_right} (so a split sequence always yields both); a single peak is left when its
 * score is >= 0.</li>
 * <li>The {@value #WINDOW} frames before and after each peak take its class, clamped to frames
 * 1..n-1 (frame 0 is the neutral sample) and, in a split sequence, to the peak's half (the valley
 * frame itself belongs to neither half).</li>
 * </ul>
 */
final class SequenceSelection {
    static final int WINDOW = 10;
    static final double SECOND_HUMP_MIN_PROMINENCE = 0.25;
    static final double MOVING_FRACTION = 0.5;
    /** Split sequences whose side is where the movement is, not which way it goes. */
    static final Set<String> ONE_CORNER_SEQUENCES = Set.of("mouth_up", "mouth_down");

    /** One selected peak: its class, frame, the window [from, to] of frames in that class, and why. */
    record Peak(String expression, int frame, int from, int to, double avdMm, double sideMm) {
    }

    /** One sample of the sequence. */
    record FrameClass(int frame, String expression) {
    }

    /**
     * @param peaks       one or two peaks
     * @param valleyFrame the frame a split sequence was cut at, or -1
     * @param method      "avd" (found on the AVD curve) or "override" (from a peaks file)
     */
    record Result(List<Peak> peaks, int valleyFrame, String method) {
        /** The neutral frame and every frame of every window, in frame order. */
        List<FrameClass> samples() {
            List<FrameClass> out = new ArrayList<>();
            out.add(new FrameClass(0, ExpressionClasses.NEUTRAL));
            for (Peak p : peaks) {
                for (int f = p.from(); f <= p.to(); f++) {
                    out.add(new FrameClass(f, p.expression()));
                }
            }
            out.sort(Comparator.comparingInt(FrameClass::frame));
            return out;
        }
    }

    private SequenceSelection() {
    }

    /**
     * @param sequence       the sequence (expression directory) name
     * @param frames         positions of every frame (3V floats each, mm); at least 2 frames
     * @param overrideFrames null, or one or two peak frames from a peaks file (validated: 1..n-1,
     *                       two only for a split sequence and at least 2 apart)
     */
    static Result select(String sequence, float[][] frames, int[] overrideFrames) {
        int n = frames.length;
        if (n < 2) {
            throw new IllegalArgumentException("a sequence needs a neutral frame and at least one more, got " + n);
        }
        double[] avd = avdCurve(frames);
        String method = overrideFrames == null ? "avd" : "override";
        boolean split = ExpressionClasses.SPLIT_SEQUENCES.contains(sequence);
        if (!split) {
            int p = overrideFrames != null ? overrideFrames[0] : argMax(avd, 1, n - 1);
            Peak peak = peak(sequence, sequence, p, Math.max(1, p - WINDOW), Math.min(n - 1, p + WINDOW), avd, frames);
            return new Result(List.of(peak), -1, method);
        }
        int valley;
        if (overrideFrames != null) {
            valley = overrideFrames.length == 2
                    ? argMin(avd, Math.min(overrideFrames[0], overrideFrames[1]) + 1,
                    Math.max(overrideFrames[0], overrideFrames[1]) - 1)
                    : -1;
        } else {
            valley = valleyBetweenHumps(avd);
        }
        if (valley < 0) {
            int p = overrideFrames != null ? overrideFrames[0] : argMax(avd, 1, n - 1);
            double side = sideScore(sequence, frames[0], frames[p]);
            String name = sequence + (side >= 0 ? ExpressionClasses.LEFT_SUFFIX : ExpressionClasses.RIGHT_SUFFIX);
            Peak peak = peak(sequence, name, p, Math.max(1, p - WINDOW), Math.min(n - 1, p + WINDOW), avd, frames);
            return new Result(List.of(peak), -1, method);
        }
        int a = overrideFrames != null ? Math.min(overrideFrames[0], overrideFrames[1]) : argMax(avd, 1, valley - 1);
        int b = overrideFrames != null ? Math.max(overrideFrames[0], overrideFrames[1]) : argMax(avd, valley + 1, n - 1);
        boolean firstIsLeft = sideScore(sequence, frames[0], frames[a]) >= sideScore(sequence, frames[0], frames[b]);
        String first = sequence + (firstIsLeft ? ExpressionClasses.LEFT_SUFFIX : ExpressionClasses.RIGHT_SUFFIX);
        String second = sequence + (firstIsLeft ? ExpressionClasses.RIGHT_SUFFIX : ExpressionClasses.LEFT_SUFFIX);
        Peak pa = peak(sequence, first, a, Math.max(1, a - WINDOW), Math.min(valley - 1, a + WINDOW), avd, frames);
        Peak pb = peak(sequence, second, b, Math.max(valley + 1, b - WINDOW), Math.min(n - 1, b + WINDOW), avd, frames);
        return new Result(List.of(pa, pb), valley, method);
    }

    /** AVD of every frame to frame 0 (mean per-vertex Euclidean distance, in the frames' unit). */
    static double[] avdCurve(float[][] frames) {
        float[] ref = frames[0];
        double[] d = new double[frames.length];
        for (int i = 1; i < frames.length; i++) {
            d[i] = VertexDistance.average(frames[i], ref);
        }
        return d;
    }

    /**
     * The frame to cut a two-hump curve at, or -1 when the curve has one hump (see the class
     * comment). Only frames 1..n-1 take part.
     */
    static int valleyBetweenHumps(double[] avd) {
        int n = avd.length;
        int top = argMax(avd, 1, n - 1);
        if (avd[top] <= 0) {
            return -1;
        }
        int second = -1;
        double best = 0;
        double lowest = avd[top];
        for (int j = top + 1; j < n; j++) {
            lowest = Math.min(lowest, avd[j]);
            if (avd[j] - lowest > best) {
                best = avd[j] - lowest;
                second = j;
            }
        }
        lowest = avd[top];
        for (int j = top - 1; j >= 1; j--) {
            lowest = Math.min(lowest, avd[j]);
            if (avd[j] - lowest > best) {
                best = avd[j] - lowest;
                second = j;
            }
        }
        if (second < 0 || best < SECOND_HUMP_MIN_PROMINENCE * avd[top]) {
            return -1;
        }
        return argMin(avd, Math.min(top, second) + 1, Math.max(top, second) - 1);
    }

    /**
     * The side score of a frame (see the class comment): mean x-displacement of the moving vertices,
     * or for {@link #ONE_CORNER_SEQUENCES} their mean neutral x relative to the face's mean x; 0 when
     * nothing moves.
     */
    static double sideScore(String sequence, float[] neutral, float[] frame) {
        int v = neutral.length / 3;
        double[] mag = new double[v];
        double max = 0;
        double centre = 0;
        for (int i = 0; i < v; i++) {
            double dx = frame[3 * i] - neutral[3 * i];
            double dy = frame[3 * i + 1] - neutral[3 * i + 1];
            double dz = frame[3 * i + 2] - neutral[3 * i + 2];
            mag[i] = Math.sqrt(dx * dx + dy * dy + dz * dz);
            max = Math.max(max, mag[i]);
            centre += neutral[3 * i];
        }
        if (max == 0) {
            return 0;
        }
        centre /= v;
        boolean where = ONE_CORNER_SEQUENCES.contains(sequence);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < v; i++) {
            if (mag[i] >= MOVING_FRACTION * max) {
                sum += where ? neutral[3 * i] - centre : frame[3 * i] - neutral[3 * i];
                count++;
            }
        }
        return sum / count;
    }

    private static Peak peak(String sequence, String expression, int frame, int from, int to, double[] avd,
                             float[][] frames) {
        return new Peak(expression, frame, from, to, avd[frame], sideScore(sequence, frames[0], frames[frame]));
    }

    /** Index of the largest value in [from, to], the first one on ties. */
    private static int argMax(double[] a, int from, int to) {
        int best = from;
        for (int i = from + 1; i <= to; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the smallest value in [from, to], the first one on ties. */
    private static int argMin(double[] a, int from, int to) {
        int best = from;
        for (int i = from + 1; i <= to; i++) {
            if (a[i] < a[best]) {
                best = i;
            }
        }
        return best;
    }
}
