package org.ftgan.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Instance normalisation over the vertex axis, per sample and channel, without affine parameters:
 * y = (x - mean) / sqrt(var + 1e-5), var biased (divided by V), as the reference's instance_norm.
 */
public final class InstanceNorm extends Module {
    static final double EPS = 1e-5;

    private INDArray output;
    private INDArray gradInput;
    /** 1 / sqrt(var + eps) per sample and channel, [B * C] (Java path) or [B, C] (ND4J path). */
    private double[] invStd;
    private INDArray invStdArray;

    @Override
    public InstanceNorm replica() {
        return new InstanceNorm();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("InstanceNorm input", x, x.dataType(), -1, -1, -1);
        x = Tensors.dense(x);
        int batch = (int) x.size(0);
        int v = (int) x.size(1);
        int c = (int) x.size(2);
        output = Tensors.reuse(output, x.dataType(), batch, v, c);
        if (Backend.javaLoops()) {
            if (invStd == null || invStd.length != batch * c) {
                invStd = new double[batch * c];
            }
            HostArray xs = HostArray.of(x);
            HostArray ys = HostArray.of(output);
            if (xs.isFloat()) {
                Parallel.forEach(batch, 3L * v * c, b -> normalizeFloatSample(xs, ys, b, v, c));
            } else {
                Parallel.forEach(batch, 3L * v * c, b -> normalizeSample(xs, ys, b, v, c));
            }
        } else {
            INDArray mean = x.mean(1);
            ChannelOps.sub(x, mean, output);
            INDArray var = output.mul(output).mean(1);
            invStdArray = Transforms.pow(var.addi(EPS), -0.5, false);
            ChannelOps.mul(output, invStdArray, output);
        }
        return output;
    }

    private void normalizeSample(HostArray xs, HostArray ys, int b, int v, int c) {
        double[] mean = new double[c];
        double[] sq = new double[c];
        int base = b * v * c;
        for (int i = 0; i < v; i++) {
            for (int k = 0; k < c; k++) {
                mean[k] += xs.get(base + i * c + k);
            }
        }
        for (int k = 0; k < c; k++) {
            mean[k] /= v;
        }
        for (int i = 0; i < v; i++) {
            for (int k = 0; k < c; k++) {
                double d = xs.get(base + i * c + k) - mean[k];
                sq[k] += d * d;
            }
        }
        for (int k = 0; k < c; k++) {
            invStd[b * c + k] = 1.0 / Math.sqrt(sq[k] / v + EPS);
        }
        for (int i = 0; i < v; i++) {
            for (int k = 0; k < c; k++) {
                int at = base + i * c + k;
                ys.set(at, (xs.get(at) - mean[k]) * invStd[b * c + k]);
            }
        }
    }

    /**
     * {@link #normalizeSample} for float arrays: the sample is staged in a heap array (see
     * {@link Scratch}); statistics are still summed in double.
     */
    private void normalizeFloatSample(HostArray xs, HostArray ys, int b, int v, int c) {
        int n = v * c;
        float[] x = Scratch.floats(0, n);
        xs.getFloats(b * n, x, 0, n);
        double[] mean = new double[c];
        double[] sq = new double[c];
        for (int i = 0; i < n; i += c) {
            for (int k = 0; k < c; k++) {
                mean[k] += x[i + k];
            }
        }
        for (int k = 0; k < c; k++) {
            mean[k] /= v;
        }
        for (int i = 0; i < n; i += c) {
            for (int k = 0; k < c; k++) {
                double d = x[i + k] - mean[k];
                sq[k] += d * d;
            }
        }
        double[] scale = new double[c];
        for (int k = 0; k < c; k++) {
            invStd[b * c + k] = 1.0 / Math.sqrt(sq[k] / v + EPS);
            scale[k] = invStd[b * c + k];
        }
        for (int i = 0; i < n; i += c) {
            for (int k = 0; k < c; k++) {
                x[i + k] = (float) ((x[i + k] - mean[k]) * scale[k]);
            }
        }
        ys.putFloats(b * n, x, 0, n);
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "InstanceNorm");
        DataType type = output.dataType();
        int batch = (int) output.size(0);
        int v = (int) output.size(1);
        int c = (int) output.size(2);
        Tensors.requireShape("InstanceNorm gradient", gradOutput, type, batch, v, c);
        INDArray dy = Tensors.dense(gradOutput);
        gradInput = Tensors.reuse(gradInput, type, batch, v, c);
        if (Backend.javaLoops()) {
            HostArray dys = HostArray.of(dy);
            HostArray ys = HostArray.of(output);
            HostArray dxs = HostArray.of(gradInput);
            if (dys.isFloat()) {
                Parallel.forEach(batch, 2L * v * c, b -> backwardFloatSample(dys, ys, dxs, b, v, c));
            } else {
                Parallel.forEach(batch, 2L * v * c, b -> backwardSample(dys, ys, dxs, b, v, c));
            }
        } else {
            // dx = invStd * (dy - mean_v(dy) - y * mean_v(dy * y))
            INDArray meanDy = dy.mean(1);
            INDArray meanDyY = dy.mul(output).mean(1);
            ChannelOps.mul(output, meanDyY, gradInput);
            dy.sub(gradInput, gradInput);
            ChannelOps.sub(gradInput, meanDy, gradInput);
            ChannelOps.mul(gradInput, invStdArray, gradInput);
        }
        return gradInput;
    }

    private void backwardSample(HostArray dys, HostArray ys, HostArray dxs, int b, int v, int c) {
        double[] meanDy = new double[c];
        double[] meanDyY = new double[c];
        int base = b * v * c;
        for (int i = 0; i < v; i++) {
            for (int k = 0; k < c; k++) {
                double g = dys.get(base + i * c + k);
                meanDy[k] += g;
                meanDyY[k] += g * ys.get(base + i * c + k);
            }
        }
        for (int k = 0; k < c; k++) {
            meanDy[k] /= v;
            meanDyY[k] /= v;
        }
        for (int i = 0; i < v; i++) {
            for (int k = 0; k < c; k++) {
                int at = base + i * c + k;
                dxs.set(at, invStd[b * c + k] * (dys.get(at) - meanDy[k] - ys.get(at) * meanDyY[k]));
            }
        }
    }

    /** {@link #backwardSample} for float arrays, staged in heap arrays; means summed in double. */
    private void backwardFloatSample(HostArray dys, HostArray ys, HostArray dxs, int b, int v, int c) {
        int n = v * c;
        float[] dy = Scratch.floats(0, n);
        float[] y = Scratch.floats(1, n);
        dys.getFloats(b * n, dy, 0, n);
        ys.getFloats(b * n, y, 0, n);
        double[] meanDy = new double[c];
        double[] meanDyY = new double[c];
        for (int i = 0; i < n; i += c) {
            for (int k = 0; k < c; k++) {
                meanDy[k] += dy[i + k];
                meanDyY[k] += (double) dy[i + k] * y[i + k];
            }
        }
        double[] scale = new double[c];
        for (int k = 0; k < c; k++) {
            meanDy[k] /= v;
            meanDyY[k] /= v;
            scale[k] = invStd[b * c + k];
        }
        for (int i = 0; i < n; i += c) {
            for (int k = 0; k < c; k++) {
                dy[i + k] = (float) (scale[k] * (dy[i + k] - meanDy[k] - y[i + k] * meanDyY[k]));
            }
        }
        dxs.putFloats(b * n, dy, 0, n);
    }
}
