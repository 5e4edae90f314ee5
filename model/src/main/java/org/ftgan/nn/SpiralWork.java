package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A spiral convolution's buffers and saved state between its forward and backward, owned by one
 * {@link SpiralConv} (each replica has its own) and filled by the kernels.
 */
public final class SpiralWork {
    /** The forward's input, by reference. */
    INDArray input;
    /** The gathered rows G [B * rows, L * in], overwritten by dL/dG in the backward. */
    INDArray gathered;
    final ReshapeCache output2d = new ReshapeCache();
    final ReshapeCache gradOutput2d = new ReshapeCache();
    INDArray ones;
    /** The CPU kernels' transform-then-gather state for a narrowing layer, made at its first forward. */
    TransformThenGather narrowing;
    /** True when the last forward transformed before gathering. */
    boolean narrowed;

    /** The forward's input (null after the backward). */
    INDArray input() {
        return input;
    }
}
