package org.ftgan.train;

import java.util.Arrays;
import java.util.List;
import org.ftgan.nn.Discriminator;
import org.ftgan.nn.Kernels;
import org.ftgan.nn.Linear;
import org.ftgan.nn.SpiralConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameter gradient of the R1 penalty gamma/2 mean_b ||g_b||^2, with g_b = d D_cls(s_b)(s_b) / d s_b,
 * computed exactly, as PyTorch's double backward does: the gradient is the Hessian-vector product
 * gamma/B sum_b (d^2 D_cls(s_b) / d theta d s) g_b, which is the directional derivative of the parameter
 * gradient of D_cls(s) along s -> s + t g. That derivative is propagated forward-over-reverse through
 * D's layers (SpiralConv -> ELU blocks, Flatten, the classifier):
 *
 * <pre>
 * forward   z_i = conv_i(h_{i-1}),   h_i = elu(z_i)              tangent  z'_i = conv_i(h'_{i-1}) - bias,  h'_i = elu'(z_i) z'_i
 * backward  dz_i = elu'(z_i) dh_i,   dh_{i-1} = conv_i^T dz_i    tangent  dz'_i = elu''(z_i) z'_i dh_i + elu'(z_i) dh'_i
 * gradient  W_i += G(h_{i-1})^T dz'_i + G(h'_{i-1})^T dz_i,   b_i += sum dz'_i,   W_cls += flatten(h'_n)^T e_cls
 * </pre>
 *
 * Each layer runs once on the stacked rows [primal; tangent] (forward) and [tangent; primal]
 * (backward), which gives both cross terms of the weight gradient in one product; the bias receives
 * sum dz_i too, which is taken off again. This replaces central differences of parameter gradients,
 * whose float32 error measured 1.1e-2 relative against PyTorch's double backward (tools/reference_check.py).
 *
 * <p>The ELU's tangent and its backward are the kernels' {@link Kernels#eluTangent} and
 * {@link Kernels#eluTangentBackward} (so they run on either kernel set); the stacked rows live in
 * buffers kept across calls, written in place, so a call allocates no mesh-sized array.
 */
final class R1Penalty {
    private final List<SpiralConv> convolutions;
    private final Linear classifier;
    private final int layers;
    /** Per layer: the stacked input [primal; tangent] of convolution i (0: [s; scale g]; i > 0: [h; h']). */
    private final INDArray[] stackedInput;
    /** Per layer: [dz'; dz], what convolution i's backward takes. */
    private final INDArray[] stackedGrad;
    /** Per layer: minus the bias, which the tangent rows' convolution output carries and must not. */
    private final INDArray[] negatedBias;
    private INDArray upstream;

    R1Penalty(Discriminator discriminator) {
        this.convolutions = discriminator.convolutions().stream().map(SpiralConv::replica).toList();
        this.classifier = discriminator.classifier().replica();
        this.layers = convolutions.size();
        this.stackedInput = new INDArray[layers + 1];
        this.stackedGrad = new INDArray[layers];
        this.negatedBias = new INDArray[layers];
    }

    /**
     * Adds {@code scale * sum_b (d g_b / d theta)^T g_b} to the discriminator's parameter gradients
     * (scale gamma / B gives the R1 term of L_D).
     *
     * @param s       real meshes [B, V0, 3]
     * @param g       d D_cls(s)(s) / d s at the discriminator's current parameters, [B, V0, 3]
     * @param classes cls(s), B values
     */
    void addGradient(INDArray s, INDArray g, int[] classes, double scale) {
        Kernels kernels = Kernels.current();
        long b = s.size(0);
        DataType type = s.dataType();
        INDArray stacked = stackedInput[0] = reuse(stackedInput[0], type, 2 * b, s.size(1), s.size(2));
        ArrayBlocks.copy(s, ArrayBlocks.rows(stacked, 0, b));
        g.mul(scale, ArrayBlocks.rows(stacked, b, 2 * b));
        // forward: z_i and z'_i stay in convolution i's output (its own buffer, untouched until its next forward)
        INDArray[] pre = new INDArray[layers];
        INDArray[] preTangent = new INDArray[layers];
        for (int i = 0; i < layers; i++) {
            SpiralConv conv = convolutions.get(i);
            INDArray out = conv.forward(stacked);
            pre[i] = ArrayBlocks.rows(out, 0, b);
            preTangent[i] = ArrayBlocks.rows(out, b, 2 * b);
            negatedBias[i] = reuse(negatedBias[i], type, conv.bias().value().shape());
            conv.bias().value().mul(-1.0, negatedBias[i]);
            kernels.addBias(preTangent[i], negatedBias[i]);
            stacked = stackedInput[i + 1] = reuse(stackedInput[i + 1], type, out.shape());
            kernels.eluTangent(pre[i], preTangent[i], ArrayBlocks.rows(stacked, 0, b), ArrayBlocks.rows(stacked, b, 2 * b));
        }
        INDArray flat = stacked.reshape('c', 2 * b, stacked.length() / (2 * b));
        classifier.forward(flat);
        upstream = reuse(upstream, type, 2 * b, classifier.weight().value().size(1));
        ArrayBlocks.zero(upstream);
        INDArray classifierBiasGrad = classifier.bias().grad();
        for (int i = 0; i < b; i++) {
            upstream.putScalar(new long[] {b + i, classes[i]}, 1.0);
            // the primal rows' upstream e_cls adds sum e to the bias, which the R1 term does not have
            classifierBiasGrad.putScalar(0, classes[i], classifierBiasGrad.getDouble(0, classes[i]) - 1.0);
        }
        INDArray grad = classifier.backward(upstream); // [dh'_n = 0; dh_n], flattened
        for (int i = layers - 1; i >= 0; i--) {
            INDArray z = pre[i];
            INDArray shaped = grad.reshape('c', 2 * b, z.size(1), z.size(2));
            INDArray dzStacked = stackedGrad[i] = reuse(stackedGrad[i], type, shaped.shape());
            INDArray dz = ArrayBlocks.rows(dzStacked, b, 2 * b);
            kernels.eluTangentBackward(z, preTangent[i], ArrayBlocks.rows(shaped, b, 2 * b), ArrayBlocks.rows(shaped, 0, b),
                    dz, ArrayBlocks.rows(dzStacked, 0, b));
            SpiralConv conv = convolutions.get(i);
            grad = conv.backward(dzStacked);
            try (INDArray biasOfPrimal = dz.reshape('c', b * z.size(1), z.size(2)).sum(0)) {
                conv.bias().grad().subi(biasOfPrimal.reshape(1, z.size(2)));
            }
        }
    }

    /** {@code current} when it has this type and shape, else a new array (the buffers follow the batch size). */
    private static INDArray reuse(INDArray current, DataType type, long... shape) {
        if (current != null && current.dataType() == type && Arrays.equals(current.shape(), shape)) {
            return current;
        }
        return Nd4j.create(type, shape);
    }
}
