package org.ftgan.eval;

/**
 * How an evaluation is drawn.
 *
 * @param seed             seed of every random draw (triplets, the other subject of Eq. 12)
 * @param tripletCount     n, triplets drawn for Eq. 13 and 14 (with replacement), at least 1
 * @param pool             where subjects and triplets are drawn from
 * @param errorMapsPerKind error-map meshes written per kind (reconstruction, neutralization,
 *                         transfer); 0 for none
 * @param batchSize        most meshes handed to the codec per call, at least 1
 * @param peakTriplets     also draw {@code tripletCount} transfer triplets whose two expressive meshes are
 *                         peak frames (the preparation's chosen peak of each sequence and side), and report
 *                         E_transfer and the blendshape baseline on them beside the window figures
 */
public record EvaluationConfig(long seed, int tripletCount, SamplePool pool, int errorMapsPerKind, int batchSize,
                               boolean peakTriplets) {
    public static final int DEFAULT_TRIPLETS = 1000;
    public static final int DEFAULT_ERROR_MAPS = 3;
    public static final int DEFAULT_BATCH = 32;

    public EvaluationConfig {
        if (tripletCount < 1) {
            throw new IllegalArgumentException("tripletCount must be at least 1, got " + tripletCount);
        }
        if (pool == null) {
            throw new IllegalArgumentException("pool must be given (test or all)");
        }
        if (errorMapsPerKind < 0) {
            throw new IllegalArgumentException("errorMapsPerKind must be >= 0, got " + errorMapsPerKind);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
    }

    /** Without peak-frame triplets. */
    public EvaluationConfig(long seed, int tripletCount, SamplePool pool, int errorMapsPerKind, int batchSize) {
        this(seed, tripletCount, pool, errorMapsPerKind, batchSize, false);
    }

    /** 1000 triplets from the test split, 3 error maps per kind, batches of 32, no peak-frame triplets. */
    public static EvaluationConfig defaults(long seed) {
        return new EvaluationConfig(seed, DEFAULT_TRIPLETS, SamplePool.TEST, DEFAULT_ERROR_MAPS, DEFAULT_BATCH);
    }

    public EvaluationConfig withPeakTriplets(boolean on) {
        return new EvaluationConfig(seed, tripletCount, pool, errorMapsPerKind, batchSize, on);
    }

    public EvaluationConfig withTripletCount(int n) {
        return new EvaluationConfig(seed, n, pool, errorMapsPerKind, batchSize, peakTriplets);
    }

    public EvaluationConfig withPool(SamplePool p) {
        return new EvaluationConfig(seed, tripletCount, p, errorMapsPerKind, batchSize, peakTriplets);
    }

    public EvaluationConfig withErrorMapsPerKind(int k) {
        return new EvaluationConfig(seed, tripletCount, pool, k, batchSize, peakTriplets);
    }

    public EvaluationConfig withBatchSize(int b) {
        return new EvaluationConfig(seed, tripletCount, pool, errorMapsPerKind, b, peakTriplets);
    }
}
