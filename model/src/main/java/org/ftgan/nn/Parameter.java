package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable tensor and its gradient, as in torch.nn.Parameter: modules fill {@code grad} in their
 * backward pass (adding to it, so shared parameters accumulate); the optimizer reads both.
 */
public final class Parameter {
    private final String name;
    private final INDArray value;
    private final INDArray grad;

    public Parameter(String name, INDArray value) {
        this.name = name;
        this.value = value;
        this.grad = value.ulike();
        this.grad.assign(0);
    }

    /** Dotted path inside its network, e.g. {@code encoder.block0.conv.weight}. */
    public String name() {
        return name;
    }

    public INDArray value() {
        return value;
    }

    public INDArray grad() {
        return grad;
    }

    public long size() {
        return value.length();
    }

    public void zeroGrad() {
        grad.assign(0);
    }
}
