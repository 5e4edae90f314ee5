package org.ftgan.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adaptive instance normalisation: y = gamma[b, c] * InstanceNorm(x)[b, v, c] + beta[b, c], with
 * gamma and beta given per sample from outside (the mapping network's output) through
 * {@link #setStyle} before each forward. After backward, {@link #styleGradient()} holds dL/d gamma
 * and dL/d beta.
 */
public final class AdaIN extends Layer {
    private final int channels;
    private final InstanceNorm norm = new InstanceNorm();
    private INDArray style;
    private int offset;
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
    }

    @Override
    public AdaIN replica() {
        return new AdaIN(channels);
    }

    public int channels() {
        return channels;
    }

    /** Values this layer takes from the style: gamma and beta for every channel. */
    public int styleWidth() {
        return 2 * channels;
    }

    /**
     * Sets the affine parameters of the next forward: gamma = params[:, offset .. offset + C) and
     * beta = params[:, offset + C .. offset + 2C) of params [B, N]. The array is read, not copied, at forward.
     */
    public void setStyle(INDArray params, int offset) {
        if (params == null || params.rank() != 2 || offset < 0 || params.size(1) < offset + 2L * channels) {
            throw new IllegalArgumentException("AdaIN(" + channels + ") style: expected [batch, >= " + (offset + 2 * channels)
                    + "] with gamma and beta from column " + offset + ", got "
                    + (params == null ? "null" : Arrays.toString(params.shape())));
        }
        this.style = params;
        this.offset = offset;
    }

    /** dL/d gamma in columns 0..C-1 and dL/d beta in columns C..2C-1, [B, 2C], set by backward. */
    public INDArray styleGradient() {
        requireForward(styleGrad, "AdaIN styleGradient");
        return styleGrad;
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        requireForward(style, "AdaIN (setStyle before forward)");
        Tensors.requireShape("AdaIN input", x, x.dataType(), -1, -1, channels);
        Tensors.requireShape("AdaIN style", style, x.dataType(), x.size(0), style.size(1));
        Kernels kernels = Kernels.current();
        gammaBeta = Tensors.reuse(gammaBeta, x.dataType(), x.size(0), 2L * channels);
        kernels.copyColumns(Tensors.dense(style), offset, gammaBeta, 0, 2 * channels);
        normalized = norm.forward(x);
        output = Tensors.reuse(output, x.dataType(), x.shape());
        kernels.adain(normalized, gammaBeta, output);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "AdaIN");
        Tensors.requireShape("AdaIN gradient", gradOutput, output.dataType(), output.shape());
        gradNormalized = Tensors.reuse(gradNormalized, output.dataType(), output.shape());
        styleGrad = Tensors.reuse(styleGrad, output.dataType(), output.size(0), 2L * channels);
        Kernels.current().adainBackward(normalized, gammaBeta, Tensors.dense(gradOutput), gradNormalized, styleGrad);
        return norm.backward(gradNormalized);
    }
}
