package org.ftgan.nn;

import org.ftgan.topology.DownSampling;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Mesh down-sampling D: y[b, j] = x[b, kept(j)] for every coarse vertex j (any channel count). */
public final class DownSample extends Layer {
    private final DownSampling sampling;
    private final RowIndex kept;
    private INDArray output;
    private INDArray gradInput;
    private int channels = -1;

    public DownSample(DownSampling sampling) {
        this(sampling, RowIndex.of(sampling.keptFineVertex(), 1, sampling.fineCount()));
    }

    private DownSample(DownSampling sampling, RowIndex kept) {
        this.sampling = sampling;
        this.kept = kept;
    }

    @Override
    public DownSample replica() {
        return new DownSample(sampling, kept);
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("DownSample input", x, x.dataType(), -1, sampling.fineCount(), -1);
        x = Tensors.dense(x);
        channels = (int) x.size(2);
        output = Tensors.reuse(output, x.dataType(), x.size(0), sampling.coarseCount(), channels);
        Kernels.current().gather(x, kept, output);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "DownSample");
        long batch = output.size(0);
        Tensors.requireShape("DownSample gradient", gradOutput, output.dataType(), batch, sampling.coarseCount(), channels);
        gradInput = Tensors.reuse(gradInput, output.dataType(), batch, sampling.fineCount(), channels);
        Kernels.current().scatterSum(Tensors.dense(gradOutput), kept, gradInput);
        return gradInput;
    }
}
