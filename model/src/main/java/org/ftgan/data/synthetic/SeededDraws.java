package org.ftgan.data.synthetic;

import java.util.SplittableRandom;

/**
 * Random draws spelled out with StrictMath, so a seed gives the same numbers on every JVM and
 * platform (RandomGenerator.nextGaussian's algorithm is not fixed by the specification).
 */
final class SeededDraws {
    private SeededDraws() {
    }

    /** A standard normal draw (Box-Muller). */
    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    /** A normal draw around {@code mean}, cut at 2.5 standard deviations. */
    static double truncatedGaussian(SplittableRandom random, double mean, double sigma) {
        return mean + sigma * Math.max(-2.5, Math.min(2.5, gaussian(random)));
    }

    static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
