package org.ftgan.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.topology.DownSampling;
import org.ftgan.topology.Spirals;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SpiralNet++ convolution: y[b, v] = concat(x[b, s(v, 0)], ..., x[b, s(v, L-1)]) W + bias.
 *
 * <p>Weight [L * in, out] (rows ordered spiral position major, input channel minor; the transpose of
 * torch.nn.Linear's layout, so the product needs no transpose), kaiming_uniform (relu gain)
 * initialised; bias [1, out] zero. The gather matrix G [B * V, L * in] is kept from forward for the
 * weight gradient and then overwritten by dL/dG in backward, whose rows are summed back per input
 * vertex, so repeated spiral indices (padding) receive the sum of their gradients. The products are
 * the kernels' ({@link Kernels#spiralForward}); the CPU kernels transform before gathering in
 * narrowing layers (out < in, {@link TransformThenGather}).
 *
 * <p>A convolution can be evaluated at a subset of vertices only (the ones a following down-sampling
 * keeps): its output then has one row per kept vertex, in the down-sampling's order.
 */
public final class SpiralConv extends Layer {
    /** Spiral rows evaluated: one per output vertex, indices into the input's vertices. */
    private final RowIndex rows;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final SpiralWork work = new SpiralWork();
    private INDArray output;
    private INDArray gradInput;

    public SpiralConv(String name, int in, int out, Spirals spirals, SplittableRandom rng) {
        this(name, in, out, spirals, null, rng);
    }

    /**
     * @param keptRows when not null, evaluate only at the vertices this down-sampling keeps; the output
     *                 is [B, coarse vertices, out], equal to down-sampling the full convolution
     */
    public SpiralConv(String name, int in, int out, Spirals spirals, DownSampling keptRows, SplittableRandom rng) {
        this(rowsOf(keptRows == null ? spirals : keptSpirals(spirals, keptRows), spirals.vertexCount()), in, out,
                new Parameter(name + ".weight", Initializers.kaimingUniformRelu(rng, Initializers.parameterType(),
                        spirals.length() * in, (long) spirals.length() * in, out)),
                new Parameter(name + ".bias", Initializers.zeros(Initializers.parameterType(), 1, out)));
    }

    private SpiralConv(RowIndex rows, int in, int out, Parameter weight, Parameter bias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("SpiralConv channels must be positive, got " + in + " -> " + out);
        }
        this.rows = rows;
        this.in = in;
        this.out = out;
        this.weight = weight;
        this.bias = bias;
    }

    private static RowIndex rowsOf(Spirals spirals, int inputVertices) {
        return RowIndex.of(spirals.indices(), spirals.length(), inputVertices);
    }

    private static Spirals keptSpirals(Spirals spirals, DownSampling kept) {
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
        return new SpiralConv(rows, in, out, weight, bias);
    }

    @Override
    protected List<Parameter> ownParameters() {
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
        Tensors.requireShape("SpiralConv input", x, type, -1, rows.sources(), in);
        x = Tensors.dense(x);
        output = Tensors.reuse(output, type, x.size(0), rows.rows(), out);
        Kernels.current().spiralForward(x, rows, weight.value(), bias.value(), output, work);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        INDArray x = work.input();
        requireForward(x, "SpiralConv");
        DataType type = weight.value().dataType();
        Tensors.requireShape("SpiralConv gradient", gradOutput, type, x.size(0), rows.rows(), out);
        gradInput = Tensors.reuse(gradInput, type, x.size(0), rows.sources(), in);
        Kernels.current().spiralBackward(Tensors.dense(gradOutput), rows, weight.value(), weight.grad(), bias.grad(),
                gradInput, work);
        return gradInput;
    }
}
