package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** [B, V * C] -> [B, V, C] (vertex major) and back; the inverse of {@link Flatten}, outputs are views. */
public final class Unflatten extends Layer {
    private final int vertices;
    private final int channels;
    private INDArray lastInput;
    private INDArray lastOutput;
    private INDArray lastGrad;
    private INDArray lastGradInput;

    public Unflatten(int vertices, int channels) {
        this.vertices = vertices;
        this.channels = channels;
    }

    @Override
    public Unflatten replica() {
        return new Unflatten(vertices, channels);
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("Unflatten input", x, x.dataType(), -1, (long) vertices * channels);
        x = Tensors.dense(x);
        if (x != lastInput) {
            lastInput = x;
            lastOutput = x.reshape('c', x.size(0), vertices, channels);
        }
        return lastOutput;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(lastInput, "Unflatten");
        Tensors.requireShape("Unflatten gradient", gradOutput, lastInput.dataType(), lastInput.size(0), vertices, channels);
        INDArray dy = Tensors.dense(gradOutput);
        if (dy != lastGrad) {
            lastGrad = dy;
            lastGradInput = dy.reshape('c', dy.size(0), (long) vertices * channels);
        }
        return lastGradInput;
    }

    @Override
    protected boolean profiled() {
        return false;
    }
}
