package org.ftgan.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Instance normalisation over the vertex axis, per sample and channel, without affine parameters:
 * y = (x - mean) / sqrt(var + 1e-5), var biased (divided by V), as the reference's instance_norm.
 */
public final class InstanceNorm extends Layer {
    static final double EPS = 1e-5;

    private INDArray output;
    private INDArray gradInput;
    /** 1 / sqrt(var + eps) per sample and channel, [B, C], in double. */
    private INDArray invStd;

    @Override
    public InstanceNorm replica() {
        return new InstanceNorm();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("InstanceNorm input", x, x.dataType(), -1, -1, -1);
        x = Tensors.dense(x);
        output = Tensors.reuse(output, x.dataType(), x.shape());
        invStd = Tensors.reuse(invStd, DataType.DOUBLE, x.size(0), x.size(2));
        Kernels.current().instanceNorm(x, EPS, output, invStd);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "InstanceNorm");
        Tensors.requireShape("InstanceNorm gradient", gradOutput, output.dataType(), output.shape());
        gradInput = Tensors.reuse(gradInput, output.dataType(), output.shape());
        Kernels.current().instanceNormBackward(output, invStd, Tensors.dense(gradOutput), gradInput);
        return gradInput;
    }
}
