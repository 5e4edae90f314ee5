package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** ReLU: y = max(x, 0); any shape. */
public final class ReLU extends Layer {
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;

    @Override
    public ReLU replica() {
        return new ReLU();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        x = Tensors.dense(x);
        input = x;
        output = Tensors.reuse(output, x.dataType(), x.shape());
        Kernels.current().relu(x, output);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "ReLU");
        Tensors.requireShape("ReLU gradient", gradOutput, output.dataType(), output.shape());
        gradInput = Tensors.reuse(gradInput, output.dataType(), output.shape());
        Kernels.current().reluBackward(input, output, Tensors.dense(gradOutput), gradInput);
        return gradInput;
    }
}
