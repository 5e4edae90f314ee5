package org.ftgan.mesh;

/**
 * The average vertex distance (AVD, the paper's Eq. 1) between two flat position arrays of the same
 * mesh: the mean over vertices of the Euclidean distance, in the arrays' unit. The training losses
 * have their own batched version on ND4J arrays ({@code org.ftgan.train.AverageVertexDistance}).
 */
public final class VertexDistance {
    private VertexDistance() {
    }

    public static double average(float[] a, float[] b) {
        requireSameLength(a.length, b.length);
        double sum = 0;
        for (int i = 0; i < a.length; i += 3) {
            double dx = a[i] - b[i];
            double dy = a[i + 1] - b[i + 1];
            double dz = a[i + 2] - b[i + 2];
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return a.length == 0 ? 0 : sum / (a.length / 3);
    }

    public static double average(double[] a, double[] b) {
        requireSameLength(a.length, b.length);
        double sum = 0;
        for (int i = 0; i < a.length; i += 3) {
            double dx = a[i] - b[i];
            double dy = a[i + 1] - b[i + 1];
            double dz = a[i + 2] - b[i + 2];
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return a.length == 0 ? 0 : sum / (a.length / 3);
    }

    private static void requireSameLength(int a, int b) {
        if (a != b || a % 3 != 0) {
            throw new IllegalArgumentException("expected two arrays of 3 x V coordinates of the same mesh, got " + a + " and " + b);
        }
    }
}
