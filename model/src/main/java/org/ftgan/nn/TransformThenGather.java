package org.ftgan.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SpiralConv evaluated the other way round, for layers that narrow (out < in), in the CPU kernels:
 * Z = x W' with W'[c, k * out + o] = W[k * in + c, o], then y[b, v, o] = bias[o] + sum_k Z[b, s(v, k), k * out + o].
 * The same products as gathering first, but the gathered matrix is L * out wide instead of L * in
 * (the decoder's last layer, 32 -> 3, gathers 27 columns instead of 288), so memory traffic and the
 * skinny matrix product shrink.
 */
final class TransformThenGather {
    /** Spiral rows evaluated, one per output vertex, indexing the input's vertices. */
    private final RowIndex spirals;
    private final int inputVertices;
    private final InverseIndex readers;
    private final int in;
    private final int out;
    private INDArray permutedWeight;
    private INDArray permutedGrad;
    private INDArray transformed;
    private INDArray input2d;
    private final ReshapeCache inputView = new ReshapeCache();
    private final ReshapeCache gradInputView = new ReshapeCache();

    TransformThenGather(RowIndex spirals, int in, int out) {
        this.spirals = spirals;
        this.inputVertices = spirals.sources();
        this.readers = spirals.readers();
        this.in = in;
        this.out = out;
    }

    /** Writes y [B, output rows, out] for x [B, input vertices, in] (dense); keeps x for backward. */
    void forward(INDArray x, INDArray weight, INDArray bias, INDArray y) {
        DataType type = x.dataType();
        int batch = (int) x.size(0);
        int v = spirals.rows();
        int inV = inputVertices;
        int len = spirals.group();
        permutedWeight = Tensors.reuse(permutedWeight, type, in, (long) len * out);
        permute(weight, permutedWeight, false);
        transformed = Tensors.reuse(transformed, type, (long) batch * inV, (long) len * out);
        input2d = inputView.of(x, (long) batch * inV, in);
        long t = Profiler.start();
        Gemm.multiply(input2d, permutedWeight, transformed, false, false, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        t = Profiler.start();
        HostArray zs = HostArray.of(transformed);
        HostArray ys = HostArray.of(y);
        HostArray bs = HostArray.of(bias);
        double[] b0 = new double[out];
        for (int o = 0; o < out; o++) {
            b0[o] = bs.get(o);
        }
        int[] idx = spirals.index();
        int row = len * out;
        if (zs.isFloat()) {
            Parallel.forEach(batch, (long) v * row, b -> gatherFloatSample(zs, ys, b0, b));
            Profiler.record("SpiralConv.gather", t);
            return;
        }
        Parallel.forEach(batch, (long) v * row, b -> {
            int zBase = b * inV * row;
            for (int i = 0; i < v; i++) {
                int yAt = (b * v + i) * out;
                for (int o = 0; o < out; o++) {
                    double acc = b0[o];
                    for (int k = 0; k < len; k++) {
                        acc += zs.get(zBase + idx[i * len + k] * row + k * out + o);
                    }
                    ys.set(yAt + o, acc);
                }
            }
        });
        Profiler.record("SpiralConv.gather", t);
    }

    /**
     * Between the canonical layout [L * in, out] (row k * in + c) and the permuted one [in, L * out]
     * (column k * out + o): copies canonical into permuted, or with {@code back} adds permuted into canonical.
     */
    private void permute(INDArray from, INDArray to, boolean back) {
        HostArray f = HostArray.of(from);
        HostArray t = HostArray.of(to);
        int len = spirals.group();
        for (int k = 0; k < len; k++) {
            for (int c = 0; c < in; c++) {
                for (int o = 0; o < out; o++) {
                    int canonical = (k * in + c) * out + o;
                    int permuted = c * len * out + k * out + o;
                    if (back) {
                        t.add(canonical, f.get(permuted));
                    } else {
                        t.set(permuted, f.get(canonical));
                    }
                }
            }
        }
    }

    /** From dy [B * V, out] (dense), adds the weight gradient and writes dx [B, V, in]. */
    void backward(INDArray dy, int batch, INDArray weightGrad, INDArray dx) {
        int v = spirals.rows();
        int inV = inputVertices;
        int len = spirals.group();
        int row = len * out;
        long t = Profiler.start();
        HostArray dys = HostArray.of(dy);
        HostArray dzs = HostArray.of(transformed);
        if (dys.isFloat()) {
            Parallel.forEach(batch, (long) inV * row, b -> scatterFloatSample(dys, dzs, b));
        } else {
            Parallel.forEach(batch, (long) inV * row, b -> {
                double[] acc = new double[row];
                for (int u = 0; u < inV; u++) {
                    Arrays.fill(acc, 0.0);
                    for (int e = readers.start(u), end = readers.start(u + 1); e < end; e++) {
                        int p = readers.position(e);
                        int yAt = (b * v + p / len) * out;
                        int k = (p % len) * out;
                        for (int o = 0; o < out; o++) {
                            acc[k + o] += dys.get(yAt + o);
                        }
                    }
                    int zAt = (b * inV + u) * row;
                    for (int j = 0; j < row; j++) {
                        dzs.set(zAt + j, acc[j]);
                    }
                }
            });
        }
        Profiler.record("SpiralConv.scatter", t);
        t = Profiler.start();
        permutedGrad = Tensors.reuse(permutedGrad, dy.dataType(), in, (long) len * out);
        Gemm.multiply(input2d, transformed, permutedGrad, true, false, 1.0, 0.0);
        permute(permutedGrad, weightGrad, true);
        Gemm.multiply(transformed, permutedWeight, gradInputView.of(dx, (long) batch * inV, in), false, true, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        input2d = null;
    }

    /** The float path of the forward's gather-sum for one sample, on heap copies of its rows (see {@link Scratch}). */
    private void gatherFloatSample(HostArray zs, HostArray ys, double[] bias, int b) {
        int v = spirals.rows();
        int len = spirals.group();
        int row = len * out;
        int[] idx = spirals.index();
        float[] z = Scratch.floats(0, inputVertices * row);
        float[] y = Scratch.floats(1, v * out);
        zs.getFloats(b * inputVertices * row, z, 0, inputVertices * row);
        for (int i = 0; i < v; i++) {
            int yAt = i * out;
            for (int o = 0; o < out; o++) {
                y[yAt + o] = (float) bias[o];
            }
            for (int k = 0; k < len; k++) {
                int zAt = idx[i * len + k] * row + k * out;
                for (int o = 0; o < out; o++) {
                    y[yAt + o] += z[zAt + o];
                }
            }
        }
        ys.putFloats(b * v * out, y, 0, v * out);
    }

    /** The float path of the backward's scatter for one sample: dZ rows from dy, on heap copies. */
    private void scatterFloatSample(HostArray dys, HostArray dzs, int b) {
        int v = spirals.rows();
        int len = spirals.group();
        int row = len * out;
        float[] dy = Scratch.floats(0, v * out);
        float[] dz = Scratch.floats(1, inputVertices * row);
        dys.getFloats(b * v * out, dy, 0, v * out);
        for (int u = 0; u < inputVertices; u++) {
            int zAt = u * row;
            Arrays.fill(dz, zAt, zAt + row, 0f);
            for (int e = readers.start(u), end = readers.start(u + 1); e < end; e++) {
                int p = readers.position(e);
                int yAt = (p / len) * out;
                int k = zAt + (p % len) * out;
                for (int o = 0; o < out; o++) {
                    dz[k + o] += dy[yAt + o];
                }
            }
        }
        dzs.putFloats(b * inputVertices * row, dz, 0, inputVertices * row);
    }
}
