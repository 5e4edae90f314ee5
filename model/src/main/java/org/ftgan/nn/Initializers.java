package org.ftgan.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight initialisations as the PyTorch reference, drawn from a caller-seeded {@link SplittableRandom}
 * in row-major order, so a network built twice from the same seed is identical.
 */
final class Initializers {
    private Initializers() {
    }

    /** kaiming_uniform_(nonlinearity="relu"): U(-b, b) with b = sqrt(2) * sqrt(3 / fanIn) = sqrt(6 / fanIn). */
    static INDArray kaimingUniformRelu(SplittableRandom rng, DataType type, int fanIn, long rows, long cols) {
        return uniform(rng, type, Math.sqrt(6.0 / fanIn), rows, cols);
    }

    /**
     * torch.nn.Linear's default for both weight and bias: kaiming_uniform_(a = sqrt 5) gives
     * U(-1/sqrt(fanIn), 1/sqrt(fanIn)), and the bias uses the same bound.
     */
    static INDArray linearDefault(SplittableRandom rng, DataType type, int fanIn, long rows, long cols) {
        return uniform(rng, type, 1.0 / Math.sqrt(fanIn), rows, cols);
    }

    static INDArray uniform(SplittableRandom rng, DataType type, double bound, long rows, long cols) {
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE).castTo(type);
    }

    static INDArray zeros(DataType type, long rows, long cols) {
        return Nd4j.zeros(type, rows, cols);
    }

    /** The floating-point type new parameters get: ND4J's default (FLOAT, or DOUBLE in gradient checks). */
    static DataType parameterType() {
        DataType t = Nd4j.defaultFloatingPointType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            throw new IllegalStateException("parameters must be FLOAT or DOUBLE; ND4J's default floating-point type is " + t);
        }
        return t;
    }
}
