package org.ftgan.nn;

import org.ftgan.topology.UpSampling;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Mesh up-sampling U: y[b, f] = sum over k < 3 of w(f, k) x[b, c(f, k)] (any channel count). */
public final class UpSample extends Layer {
    private final UpSampling sampling;
    private final RowIndex index;
    private INDArray output;
    private INDArray gradInput;
    private int channels = -1;

    public UpSample(UpSampling sampling) {
        this(sampling, RowIndex.weighted(sampling.coarseVertex(), sampling.weight(), 3, sampling.coarseCount()));
    }

    private UpSample(UpSampling sampling, RowIndex index) {
        this.sampling = sampling;
        this.index = index;
    }

    @Override
    public UpSample replica() {
        return new UpSample(sampling, index);
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("UpSample input", x, x.dataType(), -1, sampling.coarseCount(), -1);
        x = Tensors.dense(x);
        channels = (int) x.size(2);
        output = Tensors.reuse(output, x.dataType(), x.size(0), sampling.fineCount(), channels);
        Kernels.current().interpolate(x, index, output);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "UpSample");
        long batch = output.size(0);
        Tensors.requireShape("UpSample gradient", gradOutput, output.dataType(), batch, sampling.fineCount(), channels);
        gradInput = Tensors.reuse(gradInput, output.dataType(), batch, sampling.coarseCount(), channels);
        Kernels.current().interpolateBackward(Tensors.dense(gradOutput), index, gradInput);
        return gradInput;
    }
}
