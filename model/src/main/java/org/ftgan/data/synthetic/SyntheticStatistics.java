package org.ftgan.data.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ftgan.mesh.VertexDistance;

/**
 * How hard a synthetic set is, measured in memory on its noise-free peak frames (millimetres).
 *
 * @param subjects                    subjects measured
 * @param vertices                    vertices per mesh
 * @param blendshapeTransferErrorMm   mean over all ordered subject pairs (c, c' != c) and all peaks
 *                                    (both sides of split expressions) of
 *                                    AVD(x_c,s , x_c,neutral + x_c',s - x_c',neutral)
 * @param neutralDistanceMm           mean AVD between two subjects' neutral faces, over all pairs
 * @param transferErrorMm             the blendshape-transfer error per peak label
 * @param peakDisplacementMm          per peak label: mean over subjects of AVD(peak, neutral)
 * @param peakMaxDisplacementMm       per peak label: mean over subjects of the largest vertex displacement
 *
 * <p>AVD is the mean over vertices of the Euclidean distance. A peak label is the CoMA name, with
 * {@code _left} / {@code _right} appended for split expressions.
 */
public record SyntheticStatistics(int subjects, int vertices, double blendshapeTransferErrorMm, double neutralDistanceMm,
                                  Map<String, Double> transferErrorMm, Map<String, Double> peakDisplacementMm,
                                  Map<String, Double> peakMaxDisplacementMm) {

    /** Measures a generated set; it needs at least two subjects. */
    public static SyntheticStatistics of(SyntheticDataset set) {
        int n = set.subjectCount();
        if (n < 2) {
            throw new IllegalArgumentException("statistics compare subjects: need at least 2, got " + n);
        }
        int v = set.template().vertexCount();
        double[][] neutral = new double[n][];
        for (int c = 0; c < n; c++) {
            neutral[c] = set.subject(c).neutralPositions();
        }
        double neutralSum = 0;
        int neutralPairs = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                neutralSum += VertexDistance.average(neutral[a], neutral[b]);
                neutralPairs++;
            }
        }

        Map<String, Double> transfer = new LinkedHashMap<>();
        Map<String, Double> displacement = new LinkedHashMap<>();
        Map<String, Double> maxDisplacement = new LinkedHashMap<>();
        double transferSum = 0;
        int transferCount = 0;
        double[] peak = new double[3 * v];
        for (SyntheticExpression e : set.expressions()) {
            ExpressionSide[] sides = e.split()
                    ? new ExpressionSide[] {ExpressionSide.LEFT, ExpressionSide.RIGHT}
                    : new ExpressionSide[] {ExpressionSide.BOTH};
            for (ExpressionSide side : sides) {
                double[][] delta = new double[n][];
                double dispSum = 0;
                double maxSum = 0;
                for (int c = 0; c < n; c++) {
                    e.rig(set.subject(c), side).positionsAt(1, peak);
                    delta[c] = new double[3 * v];
                    double max = 0;
                    for (int i = 0; i < 3 * v; i++) {
                        delta[c][i] = peak[i] - neutral[c][i];
                    }
                    for (int i = 0; i < v; i++) {
                        max = Math.max(max, norm(delta[c], i));
                    }
                    dispSum += VertexDistance.average(peak, neutral[c]);
                    maxSum += max;
                }
                // AVD(x_c + d_c, x_c + d_c') = AVD(d_c, d_c'): symmetric, so unordered pairs give the ordered mean
                double pairSum = 0;
                int pairs = 0;
                for (int a = 0; a < n; a++) {
                    for (int b = a + 1; b < n; b++) {
                        pairSum += VertexDistance.average(delta[a], delta[b]);
                        pairs++;
                    }
                }
                String label = e.comaName() + (side == ExpressionSide.BOTH ? "" : "_" + side.name().toLowerCase(java.util.Locale.ROOT));
                transfer.put(label, 1000 * pairSum / pairs);
                displacement.put(label, 1000 * dispSum / n);
                maxDisplacement.put(label, 1000 * maxSum / n);
                transferSum += pairSum;
                transferCount += pairs;
            }
        }
        return new SyntheticStatistics(n, v, 1000 * transferSum / transferCount, 1000 * neutralSum / neutralPairs,
                transfer, displacement, maxDisplacement);
    }

    private static double norm(double[] d, int vertex) {
        double x = d[3 * vertex];
        double y = d[3 * vertex + 1];
        double z = d[3 * vertex + 2];
        return Math.sqrt(x * x + y * y + z * z);
    }
}
