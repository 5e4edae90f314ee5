package org.ftgan.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An array of k batches of B samples stacked along the first axis, [k*B, ...], with a view of each
 * block made once, so the training step addresses "the xt rows" without creating views per call.
 */
final class StackedBatch {
    private final INDArray all;
    private final INDArray[] blocks;

    /** A zeroed array of {@code count} blocks of {@code batch} samples of shape {@code sample}. */
    StackedBatch(DataType type, int count, int batch, long... sample) {
        long[] shape = new long[sample.length + 1];
        shape[0] = (long) count * batch;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        this.all = Nd4j.create(type, shape);
        this.blocks = new INDArray[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = ArrayBlocks.rows(all, (long) i * batch, (long) (i + 1) * batch);
        }
    }

    INDArray all() {
        return all;
    }

    /** Block {@code i} (0-based), a view of B samples. */
    INDArray block(int i) {
        return blocks[i];
    }
}
