package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Average over the vertex axis: [B, V, C] -> [B, C]. */
public final class MeanOverVertices extends Layer {
    private INDArray output;
    private INDArray gradInput;
    private int vertices = -1;

    @Override
    public MeanOverVertices replica() {
        return new MeanOverVertices();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("MeanOverVertices input", x, x.dataType(), -1, -1, -1);
        x = Tensors.dense(x);
        vertices = (int) x.size(1);
        output = Tensors.reuse(output, x.dataType(), x.size(0), x.size(2));
        Kernels.current().meanOverVertices(x, output);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "MeanOverVertices");
        long batch = output.size(0);
        long c = output.size(1);
        Tensors.requireShape("MeanOverVertices gradient", gradOutput, output.dataType(), batch, c);
        gradInput = Tensors.reuse(gradInput, output.dataType(), batch, vertices, c);
        Kernels.current().meanOverVerticesBackward(Tensors.dense(gradOutput), gradInput);
        return gradInput;
    }
}
