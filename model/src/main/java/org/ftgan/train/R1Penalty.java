package org.ftgan.train;

import java.util.ArrayList;
import java.util.List;
import org.ftgan.nn.Discriminator;
import org.ftgan.nn.Linear;
import org.ftgan.nn.SpiralConv;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 */
final class R1Penalty {
    private final List<SpiralConv> convolutions;
    private final Linear classifier;

    R1Penalty(Discriminator discriminator) {
        this.convolutions = discriminator.convolutions().stream().map(SpiralConv::replica).toList();
        this.classifier = discriminator.classifier().replica();
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
        int b = (int) s.size(0);
        List<INDArray> pre = new ArrayList<>();
        List<INDArray> preTangent = new ArrayList<>();
        List<INDArray> firstDerivative = new ArrayList<>();
        INDArray stacked = Nd4j.concat(0, s, g.mul(scale));
        for (SpiralConv conv : convolutions) {
            INDArray out = conv.forward(stacked);
            INDArray z = ArrayBlocks.rows(out, 0, b).dup('c');
            INDArray tangentWithBias = ArrayBlocks.rows(out, b, 2L * b).dup('c');
            INDArray zTangent = tangentWithBias.reshape(-1, tangentWithBias.size(2)).subiRowVector(conv.bias().value())
                    .reshape(tangentWithBias.shape());
            INDArray d1 = Transforms.exp(Transforms.min(z, 0.0, true), false); // elu'(z): 1 above 0, e^z below
            INDArray h = Transforms.relu(z, true).addi(d1).subi(1.0); // elu(z)
            pre.add(z);
            preTangent.add(zTangent);
            firstDerivative.add(d1);
            stacked = Nd4j.concat(0, h, zTangent.mul(d1));
        }
        INDArray flat = stacked.reshape('c', 2L * b, stacked.length() / (2L * b));
        classifier.forward(flat);
        INDArray upstream = Nd4j.zeros(flat.dataType(), 2L * b, classifier.weight().value().size(1));
        INDArray classifierBiasGrad = classifier.bias().grad();
        for (int i = 0; i < b; i++) {
            upstream.putScalar(new long[] {b + i, classes[i]}, 1.0);
            // the primal rows' upstream e_cls adds sum e to the bias, which the R1 term does not have
            classifierBiasGrad.putScalar(0, classes[i], classifierBiasGrad.getDouble(0, classes[i]) - 1.0);
        }
        INDArray grad = classifier.backward(upstream); // [dh'_n = 0; dh_n], flattened
        for (int i = convolutions.size() - 1; i >= 0; i--) {
            INDArray z = pre.get(i);
            INDArray d1 = firstDerivative.get(i);
            INDArray shaped = grad.reshape('c', 2L * b, z.size(1), z.size(2));
            INDArray dhTangent = ArrayBlocks.rows(shaped, 0, b);
            INDArray dh = ArrayBlocks.rows(shaped, b, 2L * b);
            INDArray d2 = d1.sub(z.gt(0.0).castTo(z.dataType())); // elu''(z): 0 above 0, e^z below
            INDArray dz = dh.mul(d1);
            INDArray dzTangent = d2.muli(preTangent.get(i)).muli(dh).addi(dhTangent.mul(d1));
            SpiralConv conv = convolutions.get(i);
            grad = conv.backward(Nd4j.concat(0, dzTangent, dz));
            conv.bias().grad().subi(dz.reshape(-1, dz.size(2)).sum(0).reshape(1, dz.size(2)));
        }
    }
}
