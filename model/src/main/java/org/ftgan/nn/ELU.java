package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** ELU with alpha 1: y = x for x > 0, exp(x) - 1 otherwise; any shape. */
public final class ELU extends Layer {
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;

    @Override
    public ELU replica() {
        return new ELU();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        x = Tensors.dense(x);
        input = x;
        output = Tensors.reuse(output, x.dataType(), x.shape());
        Kernels.current().elu(x, output);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "ELU");
        Tensors.requireShape("ELU gradient", gradOutput, output.dataType(), output.shape());
        gradInput = Tensors.reuse(gradInput, output.dataType(), output.shape());
        Kernels.current().eluBackward(input, output, Tensors.dense(gradOutput), gradInput);
        return gradInput;
    }
}
