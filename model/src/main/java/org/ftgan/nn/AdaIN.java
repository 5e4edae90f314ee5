package org.ftgan.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adaptive instance normalisation, a module with two inputs: y = gamma[b, c] * InstanceNorm(x)[b, v, c]
 * + beta[b, c] for features x [B, V, C] and the style's gamma and beta [B, 2C] (gamma in columns
 * 0..C-1, beta in C..2C-1; cut from the mapping network's output by the {@link Decoder}).
 * {@link #backward} returns the gradients of both inputs.
 */
public final class AdaIN extends Module {
    private final int channels;
    private final InstanceNorm norm;
    private INDArray gammaBeta;
    private INDArray normalized;
    private INDArray output;
    private INDArray gradNormalized;
    private INDArray styleGrad;

    public AdaIN(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("AdaIN channels must be positive, got " + channels);
        }
        this.channels = channels;
        this.norm = new InstanceNorm();
    }

    @Override
    public AdaIN replica() {
        return new AdaIN(channels);
    }

    @Override
    protected List<Module> children() {
        return List.of(norm);
    }

    public int channels() {
        return channels;
    }

    /** Values this layer takes from the style: gamma and beta for every channel. */
    public int styleWidth() {
        return 2 * channels;
    }

    /**
     * @param x         features [B, V, C]
     * @param gammaBeta gamma and beta [B, 2C], kept by reference until backward
     * @return [B, V, C], owned by this module
     */
    public INDArray forward(INDArray x, INDArray gammaBeta) {
        Tensors.requireShape("AdaIN input", x, x.dataType(), -1, -1, channels);
        Tensors.requireShape("AdaIN gamma and beta", gammaBeta, x.dataType(), x.size(0), 2L * channels);
        this.gammaBeta = Tensors.dense(gammaBeta);
        normalized = norm.forward(x);
        long t = Profiler.start();
        output = Tensors.reuse(output, x.dataType(), normalized.shape());
        Kernels.current().adain(normalized, this.gammaBeta, output);
        Profiler.record("AdaIN.forward", t);
        return output;
    }

    /** dL/d x and dL/d (gamma, beta) of the last forward, both owned by this module. */
    public StyledGradients backward(INDArray gradOutput) {
        requireForward(output, "AdaIN");
        Tensors.requireShape("AdaIN gradient", gradOutput, output.dataType(), output.shape());
        long t = Profiler.start();
        gradNormalized = Tensors.reuse(gradNormalized, output.dataType(), output.shape());
        styleGrad = Tensors.reuse(styleGrad, output.dataType(), output.size(0), 2L * channels);
        Kernels.current().adainBackward(normalized, gammaBeta, Tensors.dense(gradOutput), gradNormalized, styleGrad);
        Profiler.record("AdaIN.backward", t);
        return new StyledGradients(norm.backward(gradNormalized), styleGrad);
    }
}
