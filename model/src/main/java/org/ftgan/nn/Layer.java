package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Module} with one input and one output.
 *
 * <p>Contract, for every layer:
 * <ul>
 * <li>{@link #forward} computes the output and keeps what backward needs (possibly a reference to
 * the input, which must stay unchanged until backward). The returned array belongs to the layer and
 * is overwritten by its next forward: copy it to keep it longer.</li>
 * <li>{@link #backward} takes dL/d(output) of the last forward, returns dL/d(input) (also owned by the
 * layer, overwritten by its next backward) and ADDS dL/d(parameter) into each {@link Parameter#grad()}.
 * One backward per forward: backward may reuse the forward's buffers.</li>
 * <li>Mesh features are [batch, vertices, channels], vectors [batch, features]; FLOAT or DOUBLE, the
 * parameters' data type, which inputs must match.</li>
 * </ul>
 * Buffers are allocated once per input shape and reused, so a training loop's native memory stays
 * flat; the work is done by {@link Kernels}.
 */
public abstract class Layer extends Module {
    private final String profileKey = getClass().getSimpleName();

    public final INDArray forward(INDArray input) {
        long t = profiled() ? Profiler.start() : 0L;
        INDArray out = computeForward(input);
        Profiler.record(profileKey + ".forward", t);
        return out;
    }

    public final INDArray backward(INDArray gradOutput) {
        long t = profiled() ? Profiler.start() : 0L;
        INDArray grad = computeBackward(gradOutput);
        Profiler.record(profileKey + ".backward", t);
        return grad;
    }

    protected abstract INDArray computeForward(INDArray input);

    protected abstract INDArray computeBackward(INDArray gradOutput);

    @Override
    public abstract Layer replica();

    /** Composite layers return false so the profile counts each leaf's time once. */
    protected boolean profiled() {
        return true;
    }
}
