package org.ftgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceSelectionTest {
    /** A curve of humps (center, height, half-width) plus seeded noise of the given amplitude, 0 at frame 0. */
    private static double[] curve(int n, double noise, double[]... humps) {
        SplittableRandom r = new SplittableRandom(42);
        double[] d = new double[n];
        for (int f = 1; f < n; f++) {
            for (double[] h : humps) {
                d[f] += Math.max(0, h[1] * (1 - Math.abs(f - h[0]) / h[2]));
            }
            d[f] = Math.max(0, d[f] + (noise > 0 ? r.nextDouble(-noise, noise) : 0));
        }
        return d;
    }

    @Test
    void oneNoisyHumpIsNotSplit() {
        double[] d = curve(120, 0.15, new double[] {60, 5, 50});
        assertEquals(-1, SequenceSelection.valleyBetweenHumps(d));
    }

    @Test
    void twoHumpsAreCutAtTheLowestFrameBetweenThem() {
        double[] d = curve(140, 0.1, new double[] {35, 6, 30}, new double[] {105, 2.5, 30});
        int valley = SequenceSelection.valleyBetweenHumps(d);
        assertTrue(valley > 60 && valley < 80, "valley " + valley);
        double lowest = Double.MAX_VALUE;
        for (int f = 36; f < 105; f++) {
            lowest = Math.min(lowest, d[f]);
        }
        assertEquals(lowest, d[valley]);
    }

    @Test
    void aSecondHumpBelowAQuarterOfThePeakIsNoise() {
        double[] small = curve(140, 0, new double[] {35, 6, 30}, new double[] {105, 1.4, 30});
        assertEquals(-1, SequenceSelection.valleyBetweenHumps(small));
        double[] enough = curve(140, 0, new double[] {35, 6, 30}, new double[] {105, 1.6, 30});
        assertEquals(65, SequenceSelection.valleyBetweenHumps(enough));
    }

    @Test
    void humpsThatDoNotReturnToNeutralAreStillSplit() {
        // the face stays half-way between the two sides: the valley is at 55% of the peak
        double[] d = curve(100, 0, new double[] {25, 4, 25}, new double[] {75, 4, 25}, new double[] {50, 2.2, 100});
        int valley = SequenceSelection.valleyBetweenHumps(d);
        assertEquals(50, valley);
    }

    @Test
    void avdIsTheMeanVertexDistanceToTheFirstFrame() {
        float[] f0 = {0, 0, 0, 1, 1, 1};
        float[] f1 = {3, 4, 0, 1, 1, 1};
        float[] f2 = {0, 0, 1, 1, 1, 3};
        double[] d = SequenceSelection.avdCurve(new float[][] {f0, f1, f2});
        assertEquals(0, d[0]);
        assertEquals(2.5, d[1], 1e-12);
        assertEquals(1.5, d[2], 1e-12);
        SequenceSelection.Result r = SequenceSelection.select("lips_up", new float[][] {f0, f1, f2}, null);
        assertEquals(1, r.peaks().get(0).frame());
        assertEquals(List.of(new SequenceSelection.FrameClass(0, "neutral"), new SequenceSelection.FrameClass(1, "lips_up"),
                new SequenceSelection.FrameClass(2, "lips_up")), r.samples());
    }

    @Test
    void sideScoreOfMovingVertices() {
        // vertex 0 at x=-1 moves a little, vertex 1 at x=+1 moves far to -x and up
        float[] neutral = {-1, 0, 0, 1, 0, 0};
        float[] frame = {-1, 0.1f, 0, 0.5f, 1, 0};
        assertEquals(-0.5, SequenceSelection.sideScore("mouth_side", neutral, frame), 1e-6, "which way it moves");
        assertEquals(1.0, SequenceSelection.sideScore("mouth_up", neutral, frame), 1e-6, "where it moves");
        assertEquals(0.0, SequenceSelection.sideScore("mouth_up", neutral, neutral));
    }
}
