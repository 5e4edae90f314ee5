package org.ftgan.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Kernels} as Java loops over the arrays' host buffers, one contiguous range of batch samples
 * per thread ({@link Parallel}), so each thread writes only its own samples' rows. FLOAT arrays are
 * staged per sample in heap arrays ({@link Scratch}), where loops run about twice as fast as element
 * access to native buffers; DOUBLE arrays (gradient checks) go element by element. Sums over
 * vertices are taken per sample, so results do not depend on the thread count.
 */
final class CpuKernels implements Kernels {
    static final CpuKernels INSTANCE = new CpuKernels();
    /** Elements per chunk of the float Adam update: 4 x 8 KiB of scratch, small enough to stay in L1/L2. */
    private static final int ADAM_CHUNK = 2048;

    private CpuKernels() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    // ---- indexing

    @Override
    public void gather(INDArray x, RowIndex index, INDArray out) {
        HostArray xs = HostArray.of(x);
        HostArray gs = HostArray.of(out);
        int[] idx = index.index();
        int batch = (int) x.size(0);
        int inV = (int) x.size(1);
        int c = (int) x.size(2);
        int n = idx.length;
        Parallel.forEach(batch, (long) n * c, b -> {
            int xBase = b * inV * c;
            int gBase = b * n * c;
            for (int i = 0; i < n; i++) {
                gs.copy(gBase + i * c, xs, xBase + idx[i] * c, c);
            }
        });
    }

    @Override
    public void scatterSum(INDArray rows, RowIndex index, INDArray out) {
        HostArray gs = HostArray.of(rows);
        HostArray dx = HostArray.of(out);
        InverseIndex readers = index.readers();
        int batch = (int) out.size(0);
        int inV = index.sources();
        int c = (int) out.size(2);
        int n = index.index().length;
        if (gs.isFloat()) {
            Parallel.forEach(batch, (long) n * c, b -> scatterFloatSample(gs, dx, readers, b, n, inV, c));
            return;
        }
        Parallel.forEach(batch, (long) n * c, b -> {
            double[] acc = new double[c];
            int gBase = b * n * c;
            for (int u = 0; u < inV; u++) {
                Arrays.fill(acc, 0.0);
                for (int e = readers.start(u), end = readers.start(u + 1); e < end; e++) {
                    int src = gBase + readers.position(e) * c;
                    for (int k = 0; k < c; k++) {
                        acc[k] += gs.get(src + k);
                    }
                }
                int dst = (b * inV + u) * c;
                for (int k = 0; k < c; k++) {
                    dx.set(dst + k, acc[k]);
                }
            }
        });
    }

    /**
     * The float path of {@link #scatterSum} for one sample: its rows and its output are staged in heap
     * arrays and the sums are taken in float, as PyTorch's float index_add does.
     */
    private static void scatterFloatSample(HostArray gs, HostArray dxs, InverseIndex readers, int b, int n, int inV, int c) {
        int sampleLen = n * c;
        float[] g = Scratch.floats(0, sampleLen);
        float[] dx = Scratch.floats(1, inV * c);
        gs.getFloats(b * sampleLen, g, 0, sampleLen);
        FloatRowSums.sum(g, readers, inV, c, dx);
        dxs.putFloats(b * inV * c, dx, 0, inV * c);
    }

    @Override
    public void interpolate(INDArray x, RowIndex index, INDArray out) {
        requireGroupOf3(index);
        HostArray xs = HostArray.of(x);
        HostArray ys = HostArray.of(out);
        int[] idx = index.index();
        float[] w = index.weights();
        int batch = (int) x.size(0);
        int coarse = (int) x.size(1);
        int c = (int) x.size(2);
        int fine = index.rows();
        if (xs.isFloat()) {
            Parallel.forEach(batch, 3L * fine * c, b -> {
                float[] xv = Scratch.floats(0, coarse * c);
                float[] y = Scratch.floats(1, fine * c);
                xs.getFloats(b * coarse * c, xv, 0, coarse * c);
                for (int f = 0; f < fine; f++) {
                    int dst = f * c;
                    int s0 = idx[3 * f] * c;
                    int s1 = idx[3 * f + 1] * c;
                    int s2 = idx[3 * f + 2] * c;
                    float w0 = w[3 * f];
                    float w1 = w[3 * f + 1];
                    float w2 = w[3 * f + 2];
                    for (int k = 0; k < c; k++) {
                        y[dst + k] = w0 * xv[s0 + k] + w1 * xv[s1 + k] + w2 * xv[s2 + k];
                    }
                }
                ys.putFloats(b * fine * c, y, 0, fine * c);
            });
            return;
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
    }

    @Override
    public void interpolateBackward(INDArray dy, RowIndex index, INDArray dx) {
        requireGroupOf3(index);
        HostArray dys = HostArray.of(dy);
        HostArray dxs = HostArray.of(dx);
        InverseIndex readers = index.readers();
        float[] w = index.weights();
        int batch = (int) dy.size(0);
        int fine = (int) dy.size(1);
        int c = (int) dy.size(2);
        int coarse = index.sources();
        if (dys.isFloat()) {
            Parallel.forEach(batch, 3L * fine * c, b -> {
                float[] g = Scratch.floats(0, fine * c);
                float[] d = Scratch.floats(1, coarse * c);
                dys.getFloats(b * fine * c, g, 0, fine * c);
                for (int j = 0; j < coarse; j++) {
                    int dst = j * c;
                    Arrays.fill(d, dst, dst + c, 0f);
                    for (int e = readers.start(j), end = readers.start(j + 1); e < end; e++) {
                        int p = readers.position(e);
                        float wp = w[p];
                        int src = (p / 3) * c;
                        for (int k = 0; k < c; k++) {
                            d[dst + k] += wp * g[src + k];
                        }
                    }
                }
                dxs.putFloats(b * coarse * c, d, 0, coarse * c);
            });
            return;
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
    }

    private static void requireGroupOf3(RowIndex index) {
        if (index.group() != 3 || index.weights() == null) {
            throw new IllegalArgumentException("interpolation needs a weighted index with 3 entries per row");
        }
    }

    // ---- spiral convolution

    /**
     * Gather G [B * rows, L * in], then G W; a narrowing layer (out < in) transforms first instead
     * ({@link TransformThenGather}), so the gathered matrix is L * out wide.
     */
    @Override
    public void spiralForward(INDArray x, RowIndex spirals, INDArray weight, INDArray bias, INDArray y, SpiralWork work) {
        int in = (int) x.size(2);
        int out = (int) y.size(2);
        int batch = (int) x.size(0);
        int rows = spirals.rows();
        int len = spirals.group();
        work.input = x;
        work.narrowed = out < in;
        if (work.narrowed) {
            if (work.narrowing == null) {
                work.narrowing = new TransformThenGather(spirals, in, out);
            }
            work.narrowing.forward(x, weight, bias, y);
            return;
        }
        work.gathered = Tensors.reuse(work.gathered, x.dataType(), (long) batch * rows, (long) len * in);
        long t = Profiler.start();
        gather(x, spirals, work.gathered);
        Profiler.record("SpiralConv.gather", t);
        t = Profiler.start();
        Gemm.multiply(work.gathered, weight, work.output2d.of(y, (long) batch * rows, out), false, false, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        addBias(y, bias);
    }

    @Override
    public void spiralBackward(INDArray dy, RowIndex spirals, INDArray weight, INDArray weightGrad, INDArray biasGrad,
                               INDArray dx, SpiralWork work) {
        int batch = (int) dy.size(0);
        int rows = spirals.rows();
        int out = (int) dy.size(2);
        INDArray dy2d = work.gradOutput2d.of(dy, (long) batch * rows, out);
        long t = Profiler.start();
        addColumnSums(dy, biasGrad);
        if (work.narrowed) {
            Profiler.record("SpiralConv.gemm", t);
            work.narrowing.backward(dy2d, batch, weightGrad, dx);
            work.input = null;
            return;
        }
        Gemm.multiply(work.gathered, dy2d, weightGrad, true, false, 1.0, 1.0);
        Gemm.multiply(dy2d, weight, work.gathered, false, true, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        t = Profiler.start();
        scatterSum(work.gathered, spirals, dx);
        Profiler.record("SpiralConv.scatter", t);
        work.input = null;
    }

    /**
     * grad[c] += sum over b and v of dy[b, v, c], in one pass over dy: OpenBLAS runs the equivalent
     * product with a row of ones poorly (74 ms of a coma training step). Per-sample partial sums,
     * added in sample order, keep the result independent of the threads.
     */
    private static void addColumnSums(INDArray dy, INDArray grad) {
        int batch = (int) dy.size(0);
        int perSample = (int) (dy.length() / batch);
        int out = (int) grad.length();
        HostArray dys = HostArray.of(dy);
        double[][] partial = new double[batch][out];
        Parallel.forEach(batch, perSample, b -> {
            double[] sum = partial[b];
            for (int i = b * perSample, end = i + perSample; i < end; i += out) {
                for (int o = 0; o < out; o++) {
                    sum[o] += dys.get(i + o);
                }
            }
        });
        HostArray gs = HostArray.of(grad);
        for (int o = 0; o < out; o++) {
            double total = 0;
            for (int b = 0; b < batch; b++) {
                total += partial[b][o];
            }
            gs.add(o, total);
        }
    }

    // ---- element-wise

    @Override
    public void elu(INDArray x, INDArray y) {
        HostArray xs = HostArray.of(x);
        HostArray ys = HostArray.of(y);
        if (xs.isFloat()) {
            forEachRange(x, (from, to) -> {
                float[] v = Scratch.floats(0, to - from);
                xs.getFloats(from, v, 0, to - from);
                FloatElu.forward(v, to - from);
                ys.putFloats(from, v, 0, to - from);
            });
            return;
        }
        forEachRange(x, (from, to) -> {
            for (int i = from; i < to; i++) {
                double v = xs.get(i);
                ys.set(i, v > 0 ? v : Math.exp(v) - 1.0); // Math.exp is a JIT intrinsic, expm1 is not
            }
        });
    }

    /** The derivative from the output: 1 where y > 0, else exp(x) = y + 1. */
    @Override
    public void eluBackward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        HostArray ys = HostArray.of(y);
        HostArray dys = HostArray.of(dy);
        HostArray dxs = HostArray.of(dx);
        if (ys.isFloat()) {
            forEachRange(y, (from, to) -> {
                float[] yv = Scratch.floats(0, to - from);
                float[] g = Scratch.floats(1, to - from);
                ys.getFloats(from, yv, 0, to - from);
                dys.getFloats(from, g, 0, to - from);
                FloatElu.backward(yv, g, to - from);
                dxs.putFloats(from, g, 0, to - from);
            });
            return;
        }
        forEachRange(y, (from, to) -> {
            for (int i = from; i < to; i++) {
                double v = ys.get(i);
                dxs.set(i, v > 0 ? dys.get(i) : dys.get(i) * (v + 1));
            }
        });
    }

    @Override
    public void relu(INDArray x, INDArray y) {
        HostArray xs = HostArray.of(x);
        HostArray ys = HostArray.of(y);
        forEachRange(x, (from, to) -> {
            for (int i = from; i < to; i++) {
                ys.set(i, Math.max(xs.get(i), 0.0));
            }
        });
    }

    @Override
    public void reluBackward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        HostArray ys = HostArray.of(y);
        HostArray dys = HostArray.of(dy);
        HostArray dxs = HostArray.of(dx);
        forEachRange(y, (from, to) -> {
            for (int i = from; i < to; i++) {
                dxs.set(i, ys.get(i) > 0 ? dys.get(i) : 0.0);
            }
        });
    }

    @Override
    public void eluTangent(INDArray x, INDArray xTangent, INDArray y, INDArray yTangent) {
        HostArray xs = HostArray.of(x);
        HostArray ts = HostArray.of(xTangent);
        HostArray ys = HostArray.of(y);
        HostArray yts = HostArray.of(yTangent);
        forEachRange(x, (from, to) -> {
            for (int i = from; i < to; i++) {
                double v = xs.get(i);
                if (v > 0) {
                    ys.set(i, v);
                    yts.set(i, ts.get(i));
                } else {
                    double e = Math.exp(v);
                    ys.set(i, e - 1.0);
                    yts.set(i, e * ts.get(i));
                }
            }
        });
    }

    @Override
    public void eluTangentBackward(INDArray x, INDArray xTangent, INDArray dy, INDArray dyTangent, INDArray dx,
                                   INDArray dxTangent) {
        HostArray xs = HostArray.of(x);
        HostArray ts = HostArray.of(xTangent);
        HostArray dys = HostArray.of(dy);
        HostArray dyts = HostArray.of(dyTangent);
        HostArray dxs = HostArray.of(dx);
        HostArray dxts = HostArray.of(dxTangent);
        forEachRange(x, (from, to) -> {
            for (int i = from; i < to; i++) {
                double v = xs.get(i);
                double g = dys.get(i);
                if (v > 0) {
                    dxs.set(i, g);
                    dxts.set(i, dyts.get(i));
                } else {
                    double e = Math.exp(v);
                    dxs.set(i, g * e);
                    dxts.set(i, e * ts.get(i) * g + dyts.get(i) * e);
                }
            }
        });
    }

    @Override
    public void add(INDArray a, INDArray b, INDArray out) {
        HostArray as = HostArray.of(a);
        HostArray bs = HostArray.of(b);
        HostArray os = HostArray.of(out);
        forEachRange(out, (from, to) -> {
            for (int i = from; i < to; i++) {
                os.set(i, as.get(i) + bs.get(i));
            }
        });
    }

    /**
     * A Java loop rather than an ND4J broadcast op: waking ND4J's OpenMP threads between BLAS calls
     * costs more than this whole pass on a busy machine.
     */
    @Override
    public void addBias(INDArray y, INDArray bias) {
        int c = (int) bias.length();
        double[] b = new double[c];
        HostArray bs = HostArray.of(bias);
        for (int o = 0; o < c; o++) {
            b[o] = bs.get(o);
        }
        HostArray ys = HostArray.of(y);
        int samples = (int) y.size(0);
        int perSample = (int) (y.length() / samples);
        Parallel.forEach(samples, perSample, s -> {
            for (int i = s * perSample, end = i + perSample; i < end; i += c) {
                for (int o = 0; o < c; o++) {
                    ys.add(i + o, b[o]);
                }
            }
        });
    }

    private interface Range {
        void run(int from, int to);
    }

    /** Splits an element-wise loop over the flat index range by the first (batch) axis. */
    private static void forEachRange(INDArray a, Range body) {
        int batch = (int) a.size(0);
        if (batch == 0) {
            return;
        }
        int per = (int) (a.length() / batch);
        Parallel.forEach(batch, per, b -> body.run(b * per, (b + 1) * per));
    }

    // ---- reductions over vertices

    @Override
    public void instanceNorm(INDArray x, double eps, INDArray y, INDArray invStd) {
        int batch = (int) x.size(0);
        int v = (int) x.size(1);
        int c = (int) x.size(2);
        HostArray xs = HostArray.of(x);
        HostArray ys = HostArray.of(y);
        HostArray is = HostArray.of(invStd);
        if (xs.isFloat()) {
            Parallel.forEach(batch, 3L * v * c, b -> normalizeFloatSample(xs, ys, is, eps, b, v, c));
        } else {
            Parallel.forEach(batch, 3L * v * c, b -> normalizeSample(xs, ys, is, eps, b, v, c));
        }
    }

    private static void normalizeSample(HostArray xs, HostArray ys, HostArray invStd, double eps, int b, int v, int c) {
        double[] mean = new double[c];
        double[] sq = new double[c];
        double[] scale = new double[c];
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
            scale[k] = 1.0 / Math.sqrt(sq[k] / v + eps);
            invStd.set(b * c + k, scale[k]);
        }
        for (int i = 0; i < v; i++) {
            for (int k = 0; k < c; k++) {
                int at = base + i * c + k;
                ys.set(at, (xs.get(at) - mean[k]) * scale[k]);
            }
        }
    }

    /** {@link #normalizeSample} for float arrays, staged in a heap array; statistics are summed in double. */
    private static void normalizeFloatSample(HostArray xs, HostArray ys, HostArray invStd, double eps, int b, int v, int c) {
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
            scale[k] = 1.0 / Math.sqrt(sq[k] / v + eps);
            invStd.set(b * c + k, scale[k]);
        }
        for (int i = 0; i < n; i += c) {
            for (int k = 0; k < c; k++) {
                x[i + k] = (float) ((x[i + k] - mean[k]) * scale[k]);
            }
        }
        ys.putFloats(b * n, x, 0, n);
    }

    @Override
    public void instanceNormBackward(INDArray y, INDArray invStd, INDArray dy, INDArray dx) {
        int batch = (int) y.size(0);
        int v = (int) y.size(1);
        int c = (int) y.size(2);
        HostArray dys = HostArray.of(dy);
        HostArray ys = HostArray.of(y);
        HostArray dxs = HostArray.of(dx);
        HostArray is = HostArray.of(invStd);
        if (dys.isFloat()) {
            Parallel.forEach(batch, 2L * v * c, b -> normBackwardFloatSample(dys, ys, dxs, is, b, v, c));
        } else {
            Parallel.forEach(batch, 2L * v * c, b -> normBackwardSample(dys, ys, dxs, is, b, v, c));
        }
    }

    private static void normBackwardSample(HostArray dys, HostArray ys, HostArray dxs, HostArray invStd, int b, int v, int c) {
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
                dxs.set(at, invStd.get(b * c + k) * (dys.get(at) - meanDy[k] - ys.get(at) * meanDyY[k]));
            }
        }
    }

    private static void normBackwardFloatSample(HostArray dys, HostArray ys, HostArray dxs, HostArray invStd, int b, int v, int c) {
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
            scale[k] = invStd.get(b * c + k);
        }
        for (int i = 0; i < n; i += c) {
            for (int k = 0; k < c; k++) {
                dy[i + k] = (float) (scale[k] * (dy[i + k] - meanDy[k] - y[i + k] * meanDyY[k]));
            }
        }
        dxs.putFloats(b * n, dy, 0, n);
    }

    @Override
    public void adain(INDArray normalized, INDArray gammaBeta, INDArray y) {
        int batch = (int) y.size(0);
        int v = (int) y.size(1);
        int c = (int) y.size(2);
        HostArray ps = HostArray.of(gammaBeta);
        HostArray ns = HostArray.of(normalized);
        HostArray ys = HostArray.of(y);
        int width = (int) gammaBeta.size(1);
        Parallel.forEach(batch, (long) v * c, b -> {
            int g = b * width;
            for (int i = b * v * c, end = i + v * c; i < end; i += c) {
                for (int k = 0; k < c; k++) {
                    ys.set(i + k, ps.get(g + k) * ns.get(i + k) + ps.get(g + c + k));
                }
            }
        });
    }

    @Override
    public void adainBackward(INDArray normalized, INDArray gammaBeta, INDArray dy, INDArray dNormalized, INDArray dGammaBeta) {
        int batch = (int) dy.size(0);
        int v = (int) dy.size(1);
        int c = (int) dy.size(2);
        HostArray ps = HostArray.of(gammaBeta);
        HostArray dys = HostArray.of(dy);
        HostArray ns = HostArray.of(normalized);
        HostArray dns = HostArray.of(dNormalized);
        HostArray sg = HostArray.of(dGammaBeta);
        int width = (int) gammaBeta.size(1);
        Parallel.forEach(batch, 2L * v * c, b -> {
            double[] dGamma = new double[c];
            double[] dBeta = new double[c];
            int g = b * width;
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
    }

    @Override
    public void meanOverVertices(INDArray x, INDArray y) {
        int batch = (int) x.size(0);
        int v = (int) x.size(1);
        int c = (int) x.size(2);
        HostArray xs = HostArray.of(x);
        HostArray ys = HostArray.of(y);
        Parallel.forEach(batch, (long) v * c, b -> {
            double[] sum = new double[c];
            for (int i = b * v * c, end = i + v * c; i < end; i += c) {
                for (int k = 0; k < c; k++) {
                    sum[k] += xs.get(i + k);
                }
            }
            for (int k = 0; k < c; k++) {
                ys.set(b * c + k, sum[k] / v);
            }
        });
    }

    @Override
    public void meanOverVerticesBackward(INDArray dy, INDArray dx) {
        int batch = (int) dx.size(0);
        int v = (int) dx.size(1);
        int c = (int) dx.size(2);
        HostArray dys = HostArray.of(dy);
        HostArray dxs = HostArray.of(dx);
        Parallel.forEach(batch, (long) v * c, b -> {
            for (int i = b * v * c, end = i + v * c; i < end; i += c) {
                for (int k = 0; k < c; k++) {
                    dxs.set(i + k, dys.get(b * c + k) / v);
                }
            }
        });
    }

    // ---- columns and Adam

    @Override
    public void copyColumns(INDArray src, int srcColumn, INDArray dst, int dstColumn, int width) {
        HostArray s = HostArray.of(src);
        HostArray d = HostArray.of(dst);
        int rows = (int) src.size(0);
        int srcWidth = (int) src.size(1);
        int dstWidth = (int) dst.size(1);
        for (int r = 0; r < rows; r++) {
            d.copy(r * dstWidth + dstColumn, s, r * srcWidth + srcColumn, width);
        }
    }

    @Override
    public void adamUpdate(INDArray value, INDArray grad, INDArray first, INDArray second, AdamStep step) {
        int n = (int) value.length();
        if (value.dataType() == DataType.FLOAT) {
            adamFloat(n, floats(value), floats(grad), floats(first), floats(second), step);
        } else {
            adamDouble(n, doubles(value), doubles(grad), doubles(first), doubles(second), step);
        }
    }

    private static FloatBuffer floats(INDArray a) {
        HostArray.requireContiguous(a, "Adam operand");
        return a.data().asNioFloat().position((int) a.offset()).slice();
    }

    private static DoubleBuffer doubles(INDArray a) {
        HostArray.requireContiguous(a, "Adam operand");
        return a.data().asNioDouble().position((int) a.offset()).slice();
    }

    /**
     * FLOAT parameters: float arithmetic, as torch does for float tensors. The operands are copied in
     * chunks into small heap arrays, where the JIT vectorizes the update (it does not over direct buffers).
     */
    private static void adamFloat(int n, FloatBuffer p, FloatBuffer g, FloatBuffer m, FloatBuffer v, AdamStep s) {
        float b1 = (float) s.beta1(), b2 = (float) s.beta2();
        float oneMinusB1 = (float) (1 - s.beta1()), oneMinusB2 = (float) (1 - s.beta2());
        float eps = (float) s.epsilon(), wd = (float) s.weightDecay();
        float step = (float) s.stepSize(), bc2 = (float) s.biasCorrection2Sqrt();
        float[] cp = Scratch.floats(0, ADAM_CHUNK);
        float[] cg = Scratch.floats(1, ADAM_CHUNK);
        float[] cm = Scratch.floats(2, ADAM_CHUNK);
        float[] cv = Scratch.floats(3, ADAM_CHUNK);
        for (int start = 0; start < n; start += ADAM_CHUNK) {
            int len = Math.min(ADAM_CHUNK, n - start);
            p.get(start, cp, 0, len);
            g.get(start, cg, 0, len);
            m.get(start, cm, 0, len);
            v.get(start, cv, 0, len);
            for (int i = 0; i < len; i++) {
                float pi = cp[i];
                float gi = cg[i] + wd * pi;
                float mi = b1 * cm[i] + oneMinusB1 * gi;
                float vi = b2 * cv[i] + oneMinusB2 * gi * gi;
                cm[i] = mi;
                cv[i] = vi;
                cp[i] = pi - step * mi / ((float) Math.sqrt(vi) / bc2 + eps);
            }
            p.put(start, cp, 0, len);
            m.put(start, cm, 0, len);
            v.put(start, cv, 0, len);
        }
    }

    private static void adamDouble(int n, DoubleBuffer p, DoubleBuffer g, DoubleBuffer m, DoubleBuffer v, AdamStep s) {
        double b1 = s.beta1(), b2 = s.beta2(), eps = s.epsilon(), wd = s.weightDecay();
        double stepSize = s.stepSize(), bc2 = s.biasCorrection2Sqrt();
        for (int i = 0; i < n; i++) {
            double pi = p.get(i);
            double gi = g.get(i) + wd * pi;
            double mi = b1 * m.get(i) + (1 - b1) * gi;
            double vi = b2 * v.get(i) + (1 - b2) * gi * gi;
            m.put(i, mi);
            v.put(i, vi);
            p.put(i, pi - stepSize * mi / (Math.sqrt(vi) / bc2 + eps));
        }
    }
}
