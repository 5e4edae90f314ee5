package org.ftgan.train;

import java.util.List;
import org.ftgan.nn.HostArray;
import org.ftgan.nn.Parameter;

/**
 * Gradient-norm clipping over a whole parameter list, as {@code torch.nn.utils.clip_grad_norm_}: the
 * global L2 norm is taken over all gradients together, and when it exceeds the limit every gradient
 * is scaled by limit / (norm + 1e-6).
 */
public final class GradientClipping {
    /** torch's guard against dividing by a zero norm, kept so clipped norms match torch's. */
    private static final double NORM_EPSILON = 1e-6;

    private GradientClipping() {
    }

    /** sqrt of the sum of squares of every gradient element of every parameter, accumulated in double. */
    public static double globalNorm(List<Parameter> parameters) {
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            HostArray g = HostArray.of(p.grad(), "gradient of '" + p.name() + "'");
            int n = (int) p.size();
            for (int i = 0; i < n; i++) {
                double x = g.get(i);
                sumOfSquares += x * x;
            }
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * Scales all gradients in place so that their global norm is at most {@code maxNorm}; returns the
     * norm before clipping (for logging). A non-finite norm is returned as is and nothing is scaled,
     * so the caller can see it and skip the step.
     */
    public static double clipGlobalNorm(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maximum gradient norm must be > 0, got " + maxNorm);
        }
        double norm = globalNorm(parameters);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        double coefficient = maxNorm / (norm + NORM_EPSILON);
        if (coefficient < 1) {
            for (Parameter p : parameters) {
                p.grad().muli(coefficient);
            }
        }
        return norm;
    }
}
