package org.ftgan.train;

import org.ftgan.nn.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean absolute error, mean |a - b| over all elements of two arrays of one shape (the style
 * reconstruction loss L_srec and the feature matching loss L_feat).
 *
 * <p>Where a = b the subgradient 0 is used. Gradients are added, scaled by a weight, into
 * caller-owned arrays of the input's shape.
 */
public final class MeanAbsoluteError {
    private MeanAbsoluteError() {
    }

    /** Mean |a - b| over all elements. */
    public static double value(INDArray a, INDArray b) {
        return valueAndGradient(a, b, 0.0, null, null);
    }

    /**
     * Returns mean |a - b| and adds {@code weight * d/da} into {@code gradA} and
     * {@code weight * d/db} (= minus the former) into {@code gradB}; either may be null.
     */
    public static double valueAndGradient(INDArray a, INDArray b, double weight, INDArray gradA, INDArray gradB) {
        ShapeChecks.requireSameShape(b, "MAE input b", a, "MAE input a");
        if (gradA != null) {
            ShapeChecks.requireSameShape(gradA, "MAE gradient of a", a, "a");
        }
        if (gradB != null) {
            ShapeChecks.requireSameShape(gradB, "MAE gradient of b", a, "a");
        }
        HostArray ea = HostArray.of(a, "MAE input a");
        HostArray eb = HostArray.of(b, "MAE input b");
        HostArray ga = gradA == null ? null : HostArray.of(gradA, "MAE gradient of a");
        HostArray gb = gradB == null ? null : HostArray.of(gradB, "MAE gradient of b");
        int n = (int) a.length();
        double step = weight / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = ea.get(i) - eb.get(i);
            sum += Math.abs(d);
            double g = d > 0 ? step : d < 0 ? -step : 0.0;
            if (g != 0) {
                if (ga != null) {
                    ga.add(i, g);
                }
                if (gb != null) {
                    gb.add(i, -g);
                }
            }
        }
        return sum / n;
    }
}
