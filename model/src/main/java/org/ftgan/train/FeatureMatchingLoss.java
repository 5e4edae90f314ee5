package org.ftgan.train;

import org.ftgan.nn.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One term of the feature-matching loss L_feat: mean |Df(a) - Df(b)| between two batches of the
 * discriminator's flattened features [B, V_n x ch] (vertex-major: vertex v's channel c at v * ch + c),
 * compared as {@link FeaturePooling} says. The target b is detached: only a's gradient is produced.
 */
public final class FeatureMatchingLoss {
    private FeatureMatchingLoss() {
    }

    /**
     * Returns the term and adds {@code weight * d/da} into {@code gradA} (null: value only).
     *
     * @param channels ch, the features per vertex (the row length must be a multiple of it)
     */
    public static double valueAndGradient(FeaturePooling pooling, int channels, INDArray a, INDArray b, double weight,
                                          INDArray gradA) {
        if (pooling == FeaturePooling.FLATTENED) {
            return MeanAbsoluteError.valueAndGradient(a, b, weight, gradA, null);
        }
        ShapeChecks.requireSameShape(b, "feature-matching target", a, "features");
        long rowLength = a.size(1);
        if (channels <= 0 || rowLength % channels != 0) {
            throw new IllegalArgumentException("feature-matching: rows of " + rowLength + " features are not whole vertices of "
                    + channels + " channels");
        }
        int rows = (int) a.size(0);
        int vertices = (int) (rowLength / channels);
        INDArray pooledA = vertexMean(a, rows, vertices, channels);
        INDArray pooledB = vertexMean(b, rows, vertices, channels);
        if (gradA == null) {
            return MeanAbsoluteError.value(pooledA, pooledB);
        }
        ShapeChecks.requireSameShape(gradA, "feature-matching gradient", a, "features");
        INDArray gradPooled = Nd4j.zeros(pooledA.dataType(), rows, channels);
        double value = MeanAbsoluteError.valueAndGradient(pooledA, pooledB, weight, gradPooled, null);
        // each vertex's feature enters its channel's mean with weight 1 / V_n; the kernel writes, the loss adds
        INDArray spread = Nd4j.create(a.dataType(), rows, vertices, channels);
        Kernels.current().meanOverVerticesBackward(gradPooled, spread);
        gradA.addi(spread.reshape(rows, rowLength));
        return value;
    }

    /** [rows, V x ch] -> [rows, ch], each channel's mean over the vertices. */
    static INDArray vertexMean(INDArray features, int rows, int vertices, int channels) {
        INDArray out = Nd4j.create(features.dataType(), rows, channels);
        Kernels.current().meanOverVertices(features.reshape(rows, vertices, channels), out);
        return out;
    }
}
