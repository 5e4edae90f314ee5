package org.ftgan.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.topology.DownSampling;
import org.ftgan.topology.Spirals;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SpiralNet++ convolution: y[b, v] = concat(x[b, s(v, 0)], ..., x[b, s(v, L-1)]) W + bias.
 *
 * <p>Weight [L * in, out] (rows ordered spiral position major, input channel minor; the transpose of
 * torch.nn.Linear's layout, so the product needs no transpose), kaiming_uniform (relu gain)
 * initialised; bias [1, out] zero. The gather matrix G [B * V, L * in] is kept from forward for the
 * weight gradient and then overwritten by dL/dG in backward, whose rows are summed back per input
 * vertex, so repeated spiral indices (padding) receive the sum of their gradients. Narrowing layers
 * (out < in) on the Java path transform before gathering instead ({@link TransformThenGather}).
 *
 * <p>A convolution can be evaluated at a subset of vertices only (the ones a following down-sampling
 * keeps): its output then has one row per kept vertex, in the down-sampling's order.
 */
public final class SpiralConv extends Module {
    /** Spiral rows evaluated: one per output vertex, indices into the input's vertices. */
    private final Spirals rows;
    private final int inputVertices;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final InverseIndex readers;
    private final TransformThenGather narrowing;

    private INDArray input;
    private INDArray gathered;
    private INDArray output;
    private final ReshapeCache output2d = new ReshapeCache();
    private final ReshapeCache gradOutput2d = new ReshapeCache();
    private INDArray gradInput;
    private INDArray ones;
    private INDArray spiralIndex;
    private INDArray segments;
    private boolean narrowed;

    public SpiralConv(String name, int in, int out, Spirals spirals, SplittableRandom rng) {
        this(name, in, out, spirals, null, rng);
    }

    /**
     * @param keptRows when not null, evaluate only at the vertices this down-sampling keeps; the output
     *                 is [B, coarse vertices, out], equal to down-sampling the full convolution
     */
    public SpiralConv(String name, int in, int out, Spirals spirals, DownSampling keptRows, SplittableRandom rng) {
        this(keptRows == null ? spirals : rowsOf(spirals, keptRows), spirals.vertexCount(), in, out,
                new Parameter(name + ".weight", Initializers.kaimingUniformRelu(rng, Initializers.parameterType(),
                        spirals.length() * in, (long) spirals.length() * in, out)),
                new Parameter(name + ".bias", Initializers.zeros(Initializers.parameterType(), 1, out)), null);
    }

    private SpiralConv(Spirals rows, int inputVertices, int in, int out, Parameter weight, Parameter bias,
                       InverseIndex readers) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("SpiralConv channels must be positive, got " + in + " -> " + out);
        }
        this.rows = rows;
        this.inputVertices = inputVertices;
        this.in = in;
        this.out = out;
        this.weight = weight;
        this.bias = bias;
        this.readers = readers != null ? readers : new InverseIndex(rows.indices(), inputVertices);
        this.narrowing = out < in ? new TransformThenGather(rows, inputVertices, this.readers, in, out) : null;
    }

    private static Spirals rowsOf(Spirals spirals, DownSampling kept) {
        if (kept.fineCount() != spirals.vertexCount()) {
            throw new IllegalArgumentException("down-sampling takes " + kept.fineCount() + " vertices, spirals have "
                    + spirals.vertexCount());
        }
        int len = spirals.length();
        int[] idx = new int[kept.coarseCount() * len];
        for (int j = 0; j < kept.coarseCount(); j++) {
            System.arraycopy(spirals.indices(), kept.keptFineVertex()[j] * len, idx, j * len, len);
        }
        return new Spirals(kept.coarseCount(), len, idx);
    }

    @Override
    public SpiralConv replica() {
        return new SpiralConv(rows, inputVertices, in, out, weight, bias, readers);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        DataType type = weight.value().dataType();
        int outV = rows.vertexCount();
        int len = rows.length();
        Tensors.requireShape("SpiralConv input", x, type, -1, inputVertices, in);
        x = Tensors.dense(x);
        int batch = (int) x.size(0);
        input = x;
        output = Tensors.reuse(output, type, batch, outV, out);
        narrowed = narrowing != null && Backend.javaLoops();
        if (narrowed) {
            narrowing.forward(x, weight.value(), bias.value(), output);
            return output;
        }
        gathered = Tensors.reuse(gathered, type, (long) batch * outV, (long) len * in);
        long t = Profiler.start();
        if (Backend.javaLoops()) {
            gatherJava(x, batch);
        } else {
            if (spiralIndex == null) {
                spiralIndex = Nd4j.createFromArray(rows.indices());
            }
            IndexOps.gatherRows(x, spiralIndex, gathered.reshape('c', batch, (long) outV * len, in));
        }
        Profiler.record("SpiralConv.gather", t);
        t = Profiler.start();
        Nd4j.gemm(gathered, weight.value(), output2d.of(output, (long) batch * outV, out), false, false, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        addBias(batch);
        return output;
    }

    private void gatherJava(INDArray x, int batch) {
        HostArray xs = HostArray.of(x);
        HostArray gs = HostArray.of(gathered);
        int[] idx = rows.indices();
        int inV = inputVertices;
        int rowLen = rows.length() * in;
        int outV = rows.vertexCount();
        Parallel.forEach(batch, (long) outV * rowLen, b -> {
            int xBase = b * inV * in;
            int gBase = b * outV * rowLen;
            for (int i = 0; i < idx.length; i++) {
                gs.copy(gBase + i * in, xs, xBase + idx[i] * in, in);
            }
        });
    }

    private void addBias(int batch) {
        int outV = rows.vertexCount();
        if (!Backend.javaLoops()) {
            output2d.of(output, (long) batch * outV, out).addiRowVector(bias.value());
            return;
        }
        double[] b = new double[out];
        HostArray bs = HostArray.of(bias.value());
        for (int o = 0; o < out; o++) {
            b[o] = bs.get(o);
        }
        HostArray ys = HostArray.of(output);
        Parallel.forEach(batch, (long) outV * out, s -> {
            for (int i = s * outV * out, end = i + outV * out; i < end; i += out) {
                for (int o = 0; o < out; o++) {
                    ys.add(i + o, b[o]);
                }
            }
        });
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(input, "SpiralConv");
        DataType type = weight.value().dataType();
        int batch = (int) input.size(0);
        int outV = rows.vertexCount();
        Tensors.requireShape("SpiralConv gradient", gradOutput, type, batch, outV, out);
        INDArray dy = gradOutput2d.of(Tensors.dense(gradOutput), (long) batch * outV, out);
        gradInput = Tensors.reuse(gradInput, type, batch, inputVertices, in);
        long t = Profiler.start();
        if (Backend.javaLoops()) {
            addBiasGradJava(dy, batch);
        } else {
            if (ones == null || ones.size(1) != (long) batch * outV || ones.dataType() != type) {
                ones = Nd4j.ones(type, 1, (long) batch * outV);
            }
            Nd4j.gemm(ones, dy, bias.grad(), false, false, 1.0, 1.0);
        }
        if (narrowed) {
            Profiler.record("SpiralConv.gemm", t);
            narrowing.backward(dy, batch, weight.grad(), gradInput);
            input = null;
            return gradInput;
        }
        Nd4j.gemm(gathered, dy, weight.grad(), true, false, 1.0, 1.0);
        Nd4j.gemm(dy, weight.value(), gathered, false, true, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        t = Profiler.start();
        if (Backend.javaLoops()) {
            scatterJava(batch);
        } else {
            int positions = rows.indices().length;
            if (segments == null || segments.length() != (long) batch * positions) {
                segments = IndexOps.batchSegments(rows.indices(), batch, inputVertices);
            }
            IndexOps.segmentSum(gathered.reshape('c', (long) batch * positions, in), segments, batch * inputVertices,
                    gradInput.reshape('c', (long) batch * inputVertices, in));
        }
        Profiler.record("SpiralConv.scatter", t);
        input = null;
        return gradInput;
    }

    /**
     * dL/d bias += the column sums of dy [B * V, out], in one pass over dy: OpenBLAS runs the
     * equivalent [1, B * V] x [B * V, out] product of ones poorly (74 ms of a coma training step).
     * Per-sample partial sums, added in sample order, keep the result independent of the threads.
     */
    private void addBiasGradJava(INDArray dy, int batch) {
        int outV = rows.vertexCount();
        HostArray dys = HostArray.of(dy);
        double[][] partial = new double[batch][out];
        Parallel.forEach(batch, (long) outV * out, b -> {
            double[] sum = partial[b];
            for (int i = b * outV * out, end = i + outV * out; i < end; i += out) {
                for (int o = 0; o < out; o++) {
                    sum[o] += dys.get(i + o);
                }
            }
        });
        HostArray grad = HostArray.of(bias.grad());
        for (int o = 0; o < out; o++) {
            double total = 0;
            for (int b = 0; b < batch; b++) {
                total += partial[b][o];
            }
            grad.add(o, total);
        }
    }

    /** dx[b, u] = sum of the rows of dL/dG that read vertex u (an input vertex no spiral reads gets 0). */
    private void scatterJava(int batch) {
        HostArray gs = HostArray.of(gathered);
        HostArray dx = HostArray.of(gradInput);
        int inV = inputVertices;
        int outV = rows.vertexCount();
        int rowLen = rows.length() * in;
        if (gs.isFloat()) {
            Parallel.forEach(batch, (long) outV * rowLen, b -> scatterFloatSample(gs, dx, b));
            return;
        }
        Parallel.forEach(batch, (long) outV * rowLen, b -> {
            double[] acc = new double[in];
            int gBase = b * outV * rowLen;
            for (int u = 0; u < inV; u++) {
                Arrays.fill(acc, 0.0);
                for (int e = readers.start(u), end = readers.start(u + 1); e < end; e++) {
                    int src = gBase + readers.position(e) * in;
                    for (int c = 0; c < in; c++) {
                        acc[c] += gs.get(src + c);
                    }
                }
                int dst = (b * inV + u) * in;
                for (int c = 0; c < in; c++) {
                    dx.set(dst + c, acc[c]);
                }
            }
        });
    }

    /**
     * The float path of {@link #scatterJava} for one sample: the sample's dL/dG rows and its dx rows
     * are staged in heap arrays (see {@link Scratch}) and the sums are taken in float, as PyTorch's
     * float index_add does.
     */
    private void scatterFloatSample(HostArray gs, HostArray dxs, int b) {
        int inV = inputVertices;
        int sampleLen = rows.vertexCount() * rows.length() * in;
        float[] g = Scratch.floats(0, sampleLen);
        float[] dx = Scratch.floats(1, inV * in);
        gs.getFloats(b * sampleLen, g, 0, sampleLen);
        for (int u = 0; u < inV; u++) {
            int dst = u * in;
            Arrays.fill(dx, dst, dst + in, 0f);
            for (int e = readers.start(u), end = readers.start(u + 1); e < end; e++) {
                int src = readers.position(e) * in;
                for (int c = 0; c < in; c++) {
                    dx[dst + c] += g[src + c];
                }
            }
        }
        dxs.putFloats(b * inV * in, dx, 0, inV * in);
    }
}
