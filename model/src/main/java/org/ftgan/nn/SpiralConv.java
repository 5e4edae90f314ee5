package org.ftgan.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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
 * weight gradient and then overwritten by dL/dG in backward, which scatters it back with additions, so
 * repeated spiral indices (padding) receive the sum of their gradients. Narrowing layers (out < in)
 * on the Java path transform before gathering instead ({@link TransformThenGather}).
 */
public final class SpiralConv extends Module {
    private final Spirals spirals;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    private INDArray input;
    private INDArray gathered;
    private INDArray output;
    private final ReshapeCache output2d = new ReshapeCache();
    private final ReshapeCache gradOutput2d = new ReshapeCache();
    private INDArray gradInput;
    private INDArray ones;
    private INDArray spiralIndex;
    private INDArray segments;
    private final InverseIndex readers;
    private final TransformThenGather narrowing;
    private boolean narrowed;

    public SpiralConv(String name, int in, int out, Spirals spirals, SplittableRandom rng) {
        this(spirals, new InverseIndex(spirals.indices(), spirals.vertexCount()), in, out,
                new Parameter(name + ".weight", Initializers.kaimingUniformRelu(rng, Initializers.parameterType(),
                        spirals.length() * in, (long) spirals.length() * in, out)),
                new Parameter(name + ".bias", Initializers.zeros(Initializers.parameterType(), 1, out)));
    }

    private SpiralConv(Spirals spirals, InverseIndex readers, int in, int out, Parameter weight, Parameter bias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("SpiralConv channels must be positive, got " + in + " -> " + out);
        }
        this.spirals = spirals;
        this.readers = readers;
        this.in = in;
        this.out = out;
        this.weight = weight;
        this.bias = bias;
        this.narrowing = out < in ? new TransformThenGather(spirals, readers, in, out) : null;
    }

    @Override
    public SpiralConv replica() {
        return new SpiralConv(spirals, readers, in, out, weight, bias);
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
        int v = spirals.vertexCount();
        int len = spirals.length();
        Tensors.requireShape("SpiralConv input", x, type, -1, v, in);
        x = Tensors.dense(x);
        int batch = (int) x.size(0);
        input = x;
        output = Tensors.reuse(output, type, batch, v, out);
        narrowed = narrowing != null && Backend.javaLoops();
        if (narrowed) {
            narrowing.forward(x, weight.value(), bias.value(), output);
            return output;
        }
        gathered = Tensors.reuse(gathered, type, (long) batch * v, (long) len * in);
        long t = Profiler.start();
        if (Backend.javaLoops()) {
            gatherJava(x, batch);
        } else {
            if (spiralIndex == null) {
                spiralIndex = Nd4j.createFromArray(spirals.indices());
            }
            IndexOps.gatherRows(x, spiralIndex, gathered.reshape('c', batch, (long) v * len, in));
        }
        Profiler.record("SpiralConv.gather", t);
        t = Profiler.start();
        Nd4j.gemm(gathered, weight.value(), output2d.of(output, (long) batch * v, out), false, false, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        addBias(batch);
        return output;
    }

    private void gatherJava(INDArray x, int batch) {
        Buf xs = Buf.of(x);
        Buf gs = Buf.of(gathered);
        int[] idx = spirals.indices();
        int v = spirals.vertexCount();
        int rowLen = spirals.length() * in;
        Parallel.forEach(batch, (long) v * rowLen, b -> {
            int xBase = b * v * in;
            int gBase = b * v * rowLen;
            for (int i = 0; i < idx.length; i++) {
                gs.copy(gBase + i * in, xs, xBase + idx[i] * in, in);
            }
        });
    }

    private void addBias(int batch) {
        if (!Backend.javaLoops()) {
            output2d.of(output, (long) output.size(0) * spirals.vertexCount(), out).addiRowVector(bias.value());
            return;
        }
        double[] b = new double[out];
        Buf bs = Buf.of(bias.value());
        for (int o = 0; o < out; o++) {
            b[o] = bs.get(o);
        }
        Buf ys = Buf.of(output);
        int v = spirals.vertexCount();
        Parallel.forEach(batch, (long) v * out, s -> {
            for (int i = s * v * out, end = i + v * out; i < end; i += out) {
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
        int v = spirals.vertexCount();
        Tensors.requireShape("SpiralConv gradient", gradOutput, type, batch, v, out);
        INDArray dy = gradOutput2d.of(Tensors.dense(gradOutput), (long) batch * v, out);
        gradInput = Tensors.reuse(gradInput, type, batch, v, in);
        if (ones == null || ones.size(1) != (long) batch * v || ones.dataType() != type) {
            ones = Nd4j.ones(type, 1, (long) batch * v);
        }
        long t = Profiler.start();
        Nd4j.gemm(ones, dy, bias.grad(), false, false, 1.0, 1.0);
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
            if (segments == null || segments.length() != (long) batch * spirals.indices().length) {
                segments = IndexOps.batchSegments(spirals.indices(), batch, v);
            }
            IndexOps.segmentSum(gathered.reshape('c', (long) batch * spirals.indices().length, in), segments,
                    batch * v, gradInput.reshape('c', (long) batch * v, in));
        }
        Profiler.record("SpiralConv.scatter", t);
        input = null;
        return gradInput;
    }

    private void scatterJava(int batch) {
        Buf gs = Buf.of(gathered);
        Buf dx = Buf.of(gradInput);
        int v = spirals.vertexCount();
        int rowLen = spirals.length() * in;
        Parallel.forEach(batch, (long) v * rowLen, b -> {
            double[] acc = new double[in];
            int gBase = b * v * rowLen;
            for (int u = 0; u < v; u++) {
                Arrays.fill(acc, 0.0);
                for (int e = readers.start(u), end = readers.start(u + 1); e < end; e++) {
                    int src = gBase + readers.position(e) * in;
                    for (int c = 0; c < in; c++) {
                        acc[c] += gs.get(src + c);
                    }
                }
                int dst = (b * v + u) * in;
                for (int c = 0; c < in; c++) {
                    dx.set(dst + c, acc[c]);
                }
            }
        });
    }
}
