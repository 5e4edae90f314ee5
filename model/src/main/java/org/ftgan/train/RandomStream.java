package org.ftgan.train;

import org.ftgan.nn.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One named, seeded stream of random numbers whose whole state is a single long, so a checkpoint can
 * save it and a resumed run draws exactly the numbers the uninterrupted run would have drawn.
 *
 * <p>The generator is SplitMix64 (Steele, Lea and Flood 2014, the generator inside
 * {@link java.util.SplittableRandom}), written out here because SplittableRandom does not expose its
 * state. Streams of a run are made by {@link RunRandom}.
 */
public final class RandomStream {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private final String name;
    private long state;

    /** A stream starting from {@code state}; {@code name} only labels it in messages and saved states. */
    public RandomStream(String name, long state) {
        this.name = name;
        this.state = state;
    }

    public String name() {
        return name;
    }

    /** The whole state: {@code restore(state())} later repeats every draw made after this call. */
    public long state() {
        return state;
    }

    public void restore(long savedState) {
        this.state = savedState;
    }

    /** SplitMix64's output function (also a good 64-bit hash). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in 0..bound-1, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("random stream '" + name + "': bound must be > 0, got " + bound);
        }
        int limit = bound - 1;
        if ((bound & limit) == 0) {
            return (int) (nextLong() >>> 1) & limit;
        }
        // reject the last partial block of 2^63 / bound so every value is equally likely
        long u = nextLong() >>> 1;
        long r;
        while (u + limit - (r = u % bound) < 0) {
            u = nextLong() >>> 1;
        }
        return (int) r;
    }

    /** Standard normal draw (Box-Muller; one draw per call, no cached second value, so the state stays one long). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1], keeps the log finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Shuffles {@code values} in place (Fisher-Yates). */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** Fills {@code array} (contiguous FLOAT or DOUBLE) in c-order with normal draws of the given mean and std. */
    public void fillGaussian(INDArray array, double mean, double std) {
        HostArray e = HostArray.of(array, "array filled by random stream '" + name + "'");
        long n = array.length();
        for (int i = 0; i < n; i++) {
            e.set(i, mean + std * nextGaussian());
        }
    }

    /** Fills {@code array} (contiguous FLOAT or DOUBLE) in c-order with uniform draws in [low, high). */
    public void fillUniform(INDArray array, double low, double high) {
        HostArray e = HostArray.of(array, "array filled by random stream '" + name + "'");
        long n = array.length();
        for (int i = 0; i < n; i++) {
            e.set(i, low + (high - low) * nextDouble());
        }
    }
}
