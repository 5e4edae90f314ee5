package org.ftgan.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The seeded train/test split of a prepared dataset's samples (which are stored sorted by source
 * path). A Fisher-Yates shuffle of 0..n-1 drawn from {@code SplittableRandom(seed)}; its first
 * round(n x testFraction) indices (at least 1 when n >= 2, so both sides exist) are the test set.
 *
 * @param train ascending sample indices of the train split
 * @param test  ascending sample indices of the test split
 */
public record SampleSplit(int[] train, int[] test) {
    /** The fraction of samples in the test split for every kind (CoMA 9:1, FaceScape 10%). */
    public static final double TEST_FRACTION = 0.1;

    public static SampleSplit assign(int n, long seed, double testFraction) {
        if (n < 0 || testFraction < 0 || testFraction >= 1) {
            throw new IllegalArgumentException("need n >= 0 and 0 <= testFraction < 1, got " + n + ", " + testFraction);
        }
        int testCount = (int) Math.round(n * testFraction);
        if (n >= 2 && testFraction > 0) {
            testCount = Math.max(1, testCount);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] test = Arrays.copyOfRange(order, 0, testCount);
        int[] train = Arrays.copyOfRange(order, testCount, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new SampleSplit(train, test);
    }
}
