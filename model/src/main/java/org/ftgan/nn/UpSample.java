package org.ftgan.nn;

import java.util.Arrays;
import org.ftgan.topology.UpSampling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/** Mesh up-sampling U: y[b, f] = sum over k < 3 of w(f, k) x[b, c(f, k)] (any channel count). */
public final class UpSample extends Module {
    private final UpSampling sampling;
    private final InverseIndex readers;
    private INDArray output;
    private INDArray gradInput;
    private int channels = -1;
    private INDArray coarseIndex;
    private INDArray weights;
    private INDArray segments;
    private INDArray expanded;

    public UpSample(UpSampling sampling) {
        this(sampling, new InverseIndex(sampling.coarseVertex(), sampling.coarseCount()));
    }

    private UpSample(UpSampling sampling, InverseIndex readers) {
        this.sampling = sampling;
        this.readers = readers;
    }

    @Override
    public UpSample replica() {
        return new UpSample(sampling, readers);
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("UpSample input", x, x.dataType(), -1, sampling.coarseCount(), -1);
        x = Tensors.dense(x);
        int batch = (int) x.size(0);
        channels = (int) x.size(2);
        int fine = sampling.fineCount();
        int coarse = sampling.coarseCount();
        output = Tensors.reuse(output, x.dataType(), batch, fine, channels);
        if (Backend.javaLoops()) {
            HostArray xs = HostArray.of(x);
            HostArray ys = HostArray.of(output);
            int[] idx = sampling.coarseVertex();
            float[] w = sampling.weight();
            int c = channels;
            if (xs.isFloat()) {
                Parallel.forEach(batch, 3L * fine * c, b -> forwardFloatSample(xs, ys, b));
                return output;
            }
            Parallel.forEach(batch, 3L * fine * c, b -> {
                for (int f = 0; f < fine; f++) {
                    int dst = (b * fine + f) * c;
                    int s0 = (b * coarse + idx[3 * f]) * c;
                    int s1 = (b * coarse + idx[3 * f + 1]) * c;
                    int s2 = (b * coarse + idx[3 * f + 2]) * c;
                    double w0 = w[3 * f];
                    double w1 = w[3 * f + 1];
                    double w2 = w[3 * f + 2];
                    for (int k = 0; k < c; k++) {
                        ys.set(dst + k, w0 * xs.get(s0 + k) + w1 * xs.get(s1 + k) + w2 * xs.get(s2 + k));
                    }
                }
            });
        } else {
            forwardNd4j(x, batch, fine);
        }
        return output;
    }

    /** The float path of the forward loop for one sample, on heap copies of its rows (see {@link Scratch}). */
    private void forwardFloatSample(HostArray xs, HostArray ys, int b) {
        int c = channels;
        int fine = sampling.fineCount();
        int coarse = sampling.coarseCount();
        int[] idx = sampling.coarseVertex();
        float[] w = sampling.weight();
        float[] x = Scratch.floats(0, coarse * c);
        float[] y = Scratch.floats(1, fine * c);
        xs.getFloats(b * coarse * c, x, 0, coarse * c);
        for (int f = 0; f < fine; f++) {
            int dst = f * c;
            int s0 = idx[3 * f] * c;
            int s1 = idx[3 * f + 1] * c;
            int s2 = idx[3 * f + 2] * c;
            float w0 = w[3 * f];
            float w1 = w[3 * f + 1];
            float w2 = w[3 * f + 2];
            for (int k = 0; k < c; k++) {
                y[dst + k] = w0 * x[s0 + k] + w1 * x[s1 + k] + w2 * x[s2 + k];
            }
        }
        ys.putFloats(b * fine * c, y, 0, fine * c);
    }

    /** The float path of the backward loop for one sample, on heap copies of its rows. */
    private void backwardFloatSample(HostArray dys, HostArray dxs, int b) {
        int c = channels;
        int fine = sampling.fineCount();
        int coarse = sampling.coarseCount();
        float[] w = sampling.weight();
        float[] dy = Scratch.floats(0, fine * c);
        float[] dx = Scratch.floats(1, coarse * c);
        dys.getFloats(b * fine * c, dy, 0, fine * c);
        for (int j = 0; j < coarse; j++) {
            int dst = j * c;
            Arrays.fill(dx, dst, dst + c, 0f);
            for (int e = readers.start(j), end = readers.start(j + 1); e < end; e++) {
                int p = readers.position(e);
                float wp = w[p];
                int src = (p / 3) * c;
                for (int k = 0; k < c; k++) {
                    dx[dst + k] += wp * dy[src + k];
                }
            }
        }
        dxs.putFloats(b * coarse * c, dx, 0, coarse * c);
    }

    private void forwardNd4j(INDArray x, int batch, int fine) {
        if (coarseIndex == null) {
            coarseIndex = Nd4j.createFromArray(sampling.coarseVertex());
        }
        if (weights == null || weights.dataType() != x.dataType()) {
            weights = Nd4j.createFromArray(sampling.weight()).castTo(x.dataType()).reshape(fine, 3);
        }
        expanded = Tensors.reuse(expanded, x.dataType(), batch, 3L * fine, channels);
        IndexOps.gatherRows(x, coarseIndex, expanded);
        INDArray e4 = expanded.reshape('c', batch, fine, 3, channels);
        Nd4j.exec(new BroadcastMulOp(e4, weights, e4, 1, 2));
        output.assign(e4.sum(2));
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "UpSample");
        int batch = (int) output.size(0);
        int fine = sampling.fineCount();
        int coarse = sampling.coarseCount();
        Tensors.requireShape("UpSample gradient", gradOutput, output.dataType(), batch, fine, channels);
        INDArray dy = Tensors.dense(gradOutput);
        gradInput = Tensors.reuse(gradInput, output.dataType(), batch, coarse, channels);
        if (Backend.javaLoops()) {
            HostArray dys = HostArray.of(dy);
            HostArray dxs = HostArray.of(gradInput);
            float[] w = sampling.weight();
            int c = channels;
            if (dys.isFloat()) {
                Parallel.forEach(batch, 3L * fine * c, b -> backwardFloatSample(dys, dxs, b));
                return gradInput;
            }
            Parallel.forEach(batch, 3L * fine * c, b -> {
                double[] acc = new double[c];
                for (int j = 0; j < coarse; j++) {
                    Arrays.fill(acc, 0.0);
                    for (int e = readers.start(j), end = readers.start(j + 1); e < end; e++) {
                        int p = readers.position(e);
                        double wp = w[p];
                        int src = (b * fine + p / 3) * c;
                        for (int k = 0; k < c; k++) {
                            acc[k] += wp * dys.get(src + k);
                        }
                    }
                    int dst = (b * coarse + j) * c;
                    for (int k = 0; k < c; k++) {
                        dxs.set(dst + k, acc[k]);
                    }
                }
            });
        } else {
            INDArray e4 = expanded.reshape('c', batch, fine, 3, channels);
            Nd4j.exec(new BroadcastCopyOp(e4, dy, e4, 0, 1, 3));
            Nd4j.exec(new BroadcastMulOp(e4, weights, e4, 1, 2));
            if (segments == null || segments.length() != 3L * batch * fine) {
                segments = IndexOps.batchSegments(sampling.coarseVertex(), batch, coarse);
            }
            IndexOps.segmentSum(expanded.reshape('c', 3L * batch * fine, channels), segments, batch * coarse,
                    gradInput.reshape('c', (long) batch * coarse, channels));
        }
        return gradInput;
    }
}
