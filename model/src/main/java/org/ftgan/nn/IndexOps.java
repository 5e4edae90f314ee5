package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J-op versions of the row gathers and scatter-adds that the modules otherwise run as Java
 * loops (the path for device arrays). Scatter-add uses {@code scatter_add} with its lock argument
 * set, which adds rows that share a target index one after another (as padded spirals require), in
 * entry order, so the sums are deterministic.
 *
 * <p>Not {@code unsorted_segment_sum} or {@code segment_sum}: in ND4J 1.0.0-M2.1 on the CPU backend
 * both keep about 120 bytes of native memory per output row on every call, never freed (measured:
 * +1.09 MB per call for 8,000 output rows, the same after garbage collection, every round), which
 * exhausted JavaCPP's memory limit within 10 training iterations of the tiny network. scatter_add
 * keeps nothing, gives the same sums bit for bit, and took less time (81-139 against 166-234 ms for
 * 72,000 rows of 16 into 8,000).
 */
final class IndexOps {
    private IndexOps() {
    }

    /** out[b, i, :] = x[b, index[i], :] for x [B, V, C] and out [B, n, C]. */
    static void gatherRows(INDArray x, INDArray index, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(x, index).addOutputs(out).addIntegerArguments(1).build());
    }

    /**
     * out[segment[i], :] = sum of rows[i, :] over i with that segment (0 where none), for rows [n, C]
     * and out [segments, C].
     */
    static void segmentSum(INDArray rows, INDArray segment, INDArray out) {
        out.assign(0);
        // boolean arguments: lock (one thread, in entry order: rows sharing a target add up correctly), checkIndices
        Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(out, segment, rows).addOutputs(out)
                .addBooleanArguments(true, false).build());
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
