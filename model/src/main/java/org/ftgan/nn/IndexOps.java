package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J-op versions of the row gathers and scatter-adds that the modules otherwise run as Java
 * loops (the path for device arrays). Scatter-add uses {@code unsorted_segment_sum}, which adds rows
 * that share a target index, as padded spirals require.
 */
final class IndexOps {
    private IndexOps() {
    }

    /** out[b, i, :] = x[b, index[i], :] for x [B, V, C] and out [B, n, C]. */
    static void gatherRows(INDArray x, INDArray index, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(x, index).addOutputs(out).addIntegerArguments(1).build());
    }

    /** out[segment[i], :] = sum of rows[i, :] over i with that segment, for rows [n, C] and out [segments, C]. */
    static void segmentSum(INDArray rows, INDArray segment, int segments, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("unsorted_segment_sum").addInputs(rows, segment).addOutputs(out)
                .addIntegerArguments(segments).build());
    }

    /**
     * Segment ids that send row (b, i) of a batch of {@code batch} samples with {@code index.length}
     * rows each to row b * targets + index[i] of the flattened [batch * targets, C] output.
     */
    static INDArray batchSegments(int[] index, int batch, int targets) {
        int[] ids = new int[index.length * batch];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < index.length; i++) {
                ids[b * index.length + i] = b * targets + index[i];
            }
        }
        return Nd4j.createFromArray(ids);
    }
}
