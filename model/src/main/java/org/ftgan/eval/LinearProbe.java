package org.ftgan.eval;

/**
 * A linear classifier for probing codes: multinomial logistic regression on standardized features
 * (mean and std of the training rows), L2 penalty 1e-3, fitted by full-batch gradient descent from
 * zero weights, so the same data gives the same classifier on every machine (up to rounding). Codes
 * are a handful of dimensions, so a few hundred plain iterations converge.
 */
final class LinearProbe {
    private static final int ITERATIONS = 500;
    private static final double STEP = 0.5;
    private static final double L2 = 1e-3;

    private final int classes;
    private final double[] mean;
    private final double[] std;
    /** [classes][features + 1], the last column the bias. */
    private final double[][] weights;

    private LinearProbe(int classes, double[] mean, double[] std, double[][] weights) {
        this.classes = classes;
        this.mean = mean;
        this.std = std;
        this.weights = weights;
    }

    /** Fits rows x (n x d) to labels y in 0..classes-1. */
    static LinearProbe fit(float[][] x, int[] y, int classes) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = std[j] > 1e-24 ? Math.sqrt(std[j]) : 1.0; // a constant feature stays 0 after centring
        }
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / std[j];
            }
            z[i][d] = 1.0;
        }
        double[][] w = new double[classes][d + 1];
        double[][] grad = new double[classes][d + 1];
        double[] p = new double[classes];
        for (int it = 0; it < ITERATIONS; it++) {
            for (double[] g : grad) {
                java.util.Arrays.fill(g, 0.0);
            }
            for (int i = 0; i < n; i++) {
                softmax(w, z[i], p);
                p[y[i]] -= 1.0;
                for (int k = 0; k < classes; k++) {
                    for (int j = 0; j <= d; j++) {
                        grad[k][j] += p[k] * z[i][j] / n;
                    }
                }
            }
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j <= d; j++) {
                    w[k][j] -= STEP * (grad[k][j] + (j < d ? L2 * w[k][j] : 0.0));
                }
            }
        }
        return new LinearProbe(classes, mean, std, w);
    }

    int predict(float[] row) {
        int d = mean.length;
        double[] z = new double[d + 1];
        for (int j = 0; j < d; j++) {
            z[j] = (row[j] - mean[j]) / std[j];
        }
        z[d] = 1.0;
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double s = 0;
            for (int j = 0; j <= d; j++) {
                s += weights[k][j] * z[j];
            }
            if (s > bestScore) {
                bestScore = s;
                best = k;
            }
        }
        return best;
    }

    private static void softmax(double[][] w, double[] z, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w.length; k++) {
            double s = 0;
            for (int j = 0; j < z.length; j++) {
                s += w[k][j] * z[j];
            }
            out[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            out[k] = Math.exp(out[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < w.length; k++) {
            out[k] /= sum;
        }
    }
}
