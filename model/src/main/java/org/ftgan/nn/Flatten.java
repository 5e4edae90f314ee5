package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** [B, V, C] -> [B, V * C] (vertex major, as torch's flatten(1)) and back; outputs are views, no copy. */
public final class Flatten extends Layer {
    private final int vertices;
    private final int channels;
    private INDArray lastInput;
    private INDArray lastOutput;
    private INDArray lastGrad;
    private INDArray lastGradInput;

    public Flatten(int vertices, int channels) {
        this.vertices = vertices;
        this.channels = channels;
    }

    @Override
    public Flatten replica() {
        return new Flatten(vertices, channels);
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("Flatten input", x, x.dataType(), -1, vertices, channels);
        x = Tensors.dense(x);
        if (x != lastInput) {
            lastInput = x;
            lastOutput = x.reshape('c', x.size(0), (long) vertices * channels);
        }
        return lastOutput;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(lastInput, "Flatten");
        Tensors.requireShape("Flatten gradient", gradOutput, lastInput.dataType(), lastInput.size(0),
                (long) vertices * channels);
        INDArray dy = Tensors.dense(gradOutput);
        if (dy != lastGrad) {
            lastGrad = dy;
            lastGradInput = dy.reshape('c', dy.size(0), vertices, channels);
        }
        return lastGradInput;
    }

    @Override
    protected boolean profiled() {
        return false;
    }
}
