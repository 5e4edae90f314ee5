package org.ftgan.train;

import java.util.Arrays;
import org.ftgan.nn.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softplus adversarial terms on the discriminator's logits [batch, classes], each sample scored by the
 * logit of one chosen class (the style class cls(s) of its style sample):
 * <ul>
 *   <li>{@link #meanSoftplus}: mean over the batch of softplus(z), the discriminator's loss on fakes;</li>
 *   <li>{@link #meanSoftplusOfNegated}: mean of softplus(-z), the discriminator's loss on reals and
 *       the generator's non-saturating adversarial loss.</li>
 * </ul>
 * Evaluated in a form that neither overflows nor loses precision for large |z|. Only the chosen
 * column of the gradient is touched.
 */
public final class Softplus {
    private Softplus() {
    }

    /** softplus(z) = ln(1 + e^z), stable for any z. */
    public static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** The logistic sigmoid 1 / (1 + e^-z), the derivative of softplus, stable for any z. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /**
     * Returns mean_b softplus(logits[b, classes[b]]) and adds {@code weight} times its gradient into
     * {@code gradLogits} (null for none).
     */
    public static double meanSoftplus(INDArray logits, int[] classes, double weight, INDArray gradLogits) {
        return meanOfSelected(logits, classes, 1.0, weight, gradLogits);
    }

    /**
     * Returns mean_b softplus(-logits[b, classes[b]]) and adds {@code weight} times its gradient into
     * {@code gradLogits} (null for none).
     */
    public static double meanSoftplusOfNegated(INDArray logits, int[] classes, double weight, INDArray gradLogits) {
        return meanOfSelected(logits, classes, -1.0, weight, gradLogits);
    }

    private static double meanOfSelected(INDArray logits, int[] classes, double sign, double weight, INDArray gradLogits) {
        if (logits == null || logits.rank() != 2) {
            throw new IllegalArgumentException("logits: expected shape [batch, classes], got "
                    + (logits == null ? "null" : Arrays.toString(logits.shape())));
        }
        int batch = (int) logits.size(0);
        int classCount = (int) logits.size(1);
        if (classes == null || classes.length != batch) {
            throw new IllegalArgumentException("classes: expected one class per sample (" + batch + "), got "
                    + (classes == null ? "null" : classes.length));
        }
        for (int b = 0; b < batch; b++) {
            if (classes[b] < 0 || classes[b] >= classCount) {
                throw new IllegalArgumentException("classes[" + b + "] = " + classes[b] + " outside 0.." + (classCount - 1));
            }
        }
        if (gradLogits != null) {
            ShapeChecks.requireSameShape(gradLogits, "gradient of logits", logits, "logits");
        }
        HostArray z = HostArray.of(logits, "logits");
        HostArray g = gradLogits == null ? null : HostArray.of(gradLogits, "gradient of logits");
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            int i = b * classCount + classes[b];
            double signed = sign * z.get(i);
            sum += softplus(signed);
            if (g != null) {
                // d softplus(sign z)/dz = sign * sigmoid(sign z)
                g.add(i, weight * sign * sigmoid(signed) / batch);
            }
        }
        return sum / batch;
    }
}
