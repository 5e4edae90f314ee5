package org.ftgan.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected layer y = x W + bias on [batch, in] inputs. Weight [in, out] (the transpose of
 * torch.nn.Linear's layout) and bias [1, out] start as torch.nn.Linear's default,
 * U(-1/sqrt(in), 1/sqrt(in)), weight drawn before bias.
 */
public final class Linear extends Layer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;
    private INDArray ones;

    public Linear(String name, int in, int out, SplittableRandom rng) {
        this(in, out,
                new Parameter(name + ".weight", Initializers.linearDefault(rng, Initializers.parameterType(), in, in, out)),
                new Parameter(name + ".bias", Initializers.linearDefault(rng, Initializers.parameterType(), in, 1, out)));
    }

    private Linear(int in, int out, Parameter weight, Parameter bias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear sizes must be positive, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public Linear replica() {
        return new Linear(in, out, weight, bias);
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
        Tensors.requireShape("Linear(" + in + " -> " + out + ") input", x, type, -1, in);
        x = Tensors.dense(x);
        input = x;
        output = Tensors.reuse(output, type, x.size(0), out);
        Gemm.multiply(x, weight.value(), output, false, false, 1.0, 0.0);
        Kernels.current().addBias(output, bias.value());
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(input, "Linear");
        DataType type = weight.value().dataType();
        long batch = input.size(0);
        Tensors.requireShape("Linear(" + in + " -> " + out + ") gradient", gradOutput, type, batch, out);
        INDArray dy = Tensors.dense(gradOutput);
        if (ones == null || ones.size(1) != batch || ones.dataType() != type) {
            ones = Nd4j.ones(type, 1, batch);
        }
        Gemm.multiply(ones, dy, bias.grad(), false, false, 1.0, 1.0);
        Gemm.multiply(input, dy, weight.grad(), true, false, 1.0, 1.0);
        gradInput = Tensors.reuse(gradInput, type, batch, in);
        Gemm.multiply(dy, weight.value(), gradInput, false, true, 1.0, 0.0);
        return gradInput;
    }
}
