package org.ftgan.train;

import org.ftgan.nn.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Average vertex distance (AVD, the paper's Eq. 1): the mean, over the batch and the vertices, of the
 * Euclidean distance ||a_v - b_v|| between corresponding vertices of two mesh batches [batch, V, 3].
 *
 * <p>The distance is not differentiable where a_v = b_v; there the gradient is taken as 0 (the
 * subgradient of minimum norm), so a vertex already in place pushes nothing.
 *
 * <p>Gradients are added, scaled by a weight, into caller-owned arrays of the input's shape, so the
 * terms of a total loss accumulate into one gradient buffer without temporaries.
 */
public final class AverageVertexDistance {
    private AverageVertexDistance() {
    }

    /** Mean per-vertex distance between {@code a} and {@code b}, both [batch, V, 3]. */
    public static double value(INDArray a, INDArray b) {
        return valueAndGradient(a, b, 0.0, null, null);
    }

    /**
     * Returns AVD(a, b) and adds {@code weight * dAVD/da} into {@code gradA} and
     * {@code weight * dAVD/db} (= minus the former) into {@code gradB}; either gradient may be null
     * when that input needs none.
     */
    public static double valueAndGradient(INDArray a, INDArray b, double weight, INDArray gradA, INDArray gradB) {
        ShapeChecks.requireMeshBatch(a, "AVD input a");
        ShapeChecks.requireSameShape(b, "AVD input b", a, "a");
        if (gradA != null) {
            ShapeChecks.requireSameShape(gradA, "AVD gradient of a", a, "a");
        }
        if (gradB != null) {
            ShapeChecks.requireSameShape(gradB, "AVD gradient of b", a, "a");
        }
        HostArray ea = HostArray.of(a, "AVD input a");
        HostArray eb = HostArray.of(b, "AVD input b");
        HostArray ga = gradA == null ? null : HostArray.of(gradA, "AVD gradient of a");
        HostArray gb = gradB == null ? null : HostArray.of(gradB, "AVD gradient of b");
        int points = (int) (a.length() / 3);
        double scale = weight / points;
        double sum = 0;
        for (int p = 0, i = 0; p < points; p++, i += 3) {
            double dx = ea.get(i) - eb.get(i);
            double dy = ea.get(i + 1) - eb.get(i + 1);
            double dz = ea.get(i + 2) - eb.get(i + 2);
            double distance = Math.sqrt(dx * dx + dy * dy + dz * dz);
            sum += distance;
            if (distance > 0 && (ga != null || gb != null)) {
                double f = scale / distance;
                if (ga != null) {
                    ga.add(i, f * dx);
                    ga.add(i + 1, f * dy);
                    ga.add(i + 2, f * dz);
                }
                if (gb != null) {
                    gb.add(i, -f * dx);
                    gb.add(i + 1, -f * dy);
                    gb.add(i + 2, -f * dz);
                }
            }
        }
        return sum / points;
    }

    /** AVD of each sample of the batch separately (the per-sample errors that evaluation summarizes). */
    public static double[] perSample(INDArray a, INDArray b) {
        ShapeChecks.requireMeshBatch(a, "AVD input a");
        ShapeChecks.requireSameShape(b, "AVD input b", a, "a");
        HostArray ea = HostArray.of(a, "AVD input a");
        HostArray eb = HostArray.of(b, "AVD input b");
        int batch = (int) a.size(0);
        int vertices = (int) a.size(1);
        double[] result = new double[batch];
        for (int s = 0; s < batch; s++) {
            double sum = 0;
            for (int v = 0, i = 3 * s * vertices; v < vertices; v++, i += 3) {
                sum += distance(ea, eb, i);
            }
            result[s] = sum / vertices;
        }
        return result;
    }

    /** Distance of every vertex of one sample of the batch (a per-vertex error map). */
    public static float[] perVertex(INDArray a, INDArray b, int sample) {
        ShapeChecks.requireMeshBatch(a, "AVD input a");
        ShapeChecks.requireSameShape(b, "AVD input b", a, "a");
        if (sample < 0 || sample >= a.size(0)) {
            throw new IllegalArgumentException("sample " + sample + " outside the batch 0.." + (a.size(0) - 1));
        }
        HostArray ea = HostArray.of(a, "AVD input a");
        HostArray eb = HostArray.of(b, "AVD input b");
        int vertices = (int) a.size(1);
        float[] result = new float[vertices];
        for (int v = 0, i = 3 * sample * vertices; v < vertices; v++, i += 3) {
            result[v] = (float) distance(ea, eb, i);
        }
        return result;
    }

    private static double distance(HostArray ea, HostArray eb, int i) {
        double dx = ea.get(i) - eb.get(i);
        double dy = ea.get(i + 1) - eb.get(i + 1);
        double dz = ea.get(i + 2) - eb.get(i + 2);
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
