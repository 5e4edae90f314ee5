package org.ftgan.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Adaptive instance normalisation: y = gamma[b, c] * InstanceNorm(x)[b, v, c] + beta[b, c], with
 * gamma and beta given per sample from outside (the mapping network's output) through
 * {@link #setStyle} before each forward. After backward, {@link #styleGradient()} holds dL/d gamma
 * and dL/d beta.
 */
public final class AdaIN extends Module {
    private final int channels;
    private final InstanceNorm norm = new InstanceNorm();
    private INDArray style;
    private int offset;
    private INDArray gamma;
    private INDArray beta;
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
        int batch = (int) x.size(0);
        int v = (int) x.size(1);
        normalized = norm.forward(x);
        output = Tensors.reuse(output, x.dataType(), batch, v, channels);
        if (Backend.javaLoops()) {
            INDArray p = Tensors.dense(style);
            HostArray ps = HostArray.of(p);
            HostArray ns = HostArray.of(normalized);
            HostArray ys = HostArray.of(output);
            int width = (int) p.size(1);
            int c = channels;
            Parallel.forEach(batch, (long) v * c, b -> {
                int g = b * width + offset;
                for (int i = b * v * c, end = i + v * c; i < end; i += c) {
                    for (int k = 0; k < c; k++) {
                        ys.set(i + k, ps.get(g + k) * ns.get(i + k) + ps.get(g + c + k));
                    }
                }
            });
        } else {
            gamma = style.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + channels)).dup();
            beta = style.get(NDArrayIndex.all(), NDArrayIndex.interval(offset + channels, offset + 2 * channels)).dup();
            ChannelOps.mul(normalized, gamma, output);
            ChannelOps.add(output, beta, output);
        }
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "AdaIN");
        DataType type = output.dataType();
        int batch = (int) output.size(0);
        int v = (int) output.size(1);
        int c = channels;
        Tensors.requireShape("AdaIN gradient", gradOutput, type, batch, v, c);
        INDArray dy = Tensors.dense(gradOutput);
        gradNormalized = Tensors.reuse(gradNormalized, type, batch, v, c);
        styleGrad = Tensors.reuse(styleGrad, type, batch, 2L * c);
        if (Backend.javaLoops()) {
            INDArray p = Tensors.dense(style);
            HostArray ps = HostArray.of(p);
            HostArray dys = HostArray.of(dy);
            HostArray ns = HostArray.of(normalized);
            HostArray dns = HostArray.of(gradNormalized);
            HostArray sg = HostArray.of(styleGrad);
            int width = (int) p.size(1);
            Parallel.forEach(batch, 2L * v * c, b -> {
                double[] dGamma = new double[c];
                double[] dBeta = new double[c];
                int g = b * width + offset;
                for (int i = b * v * c, end = i + v * c; i < end; i += c) {
                    for (int k = 0; k < c; k++) {
                        double d = dys.get(i + k);
                        dGamma[k] += d * ns.get(i + k);
                        dBeta[k] += d;
                        dns.set(i + k, ps.get(g + k) * d);
                    }
                }
                for (int k = 0; k < c; k++) {
                    sg.set(b * 2 * c + k, dGamma[k]);
                    sg.set(b * 2 * c + c + k, dBeta[k]);
                }
            });
        } else {
            styleGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c)).assign(dy.mul(normalized).sum(1));
            styleGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(c, 2 * c)).assign(dy.sum(1));
            ChannelOps.mul(dy, gamma, gradNormalized);
        }
        return norm.backward(gradNormalized);
    }
}
