package org.ftgan.eval;

/**
 * The per-vertex, per-coordinate normalization of MODEL.md "Data": x_norm = (x_mm - mean) / std with
 * the prepared dataset's train statistics, and its inverse for reporting in millimetres.
 */
public final class MeshNormalization {
    private final float[] mean;
    private final float[] std;

    /** @param mean 3V values, mm; @param std 3V positive values, mm */
    public MeshNormalization(float[] mean, float[] std) {
        if (mean.length != std.length || mean.length % 3 != 0) {
            throw new IllegalArgumentException("normalization needs mean and std of 3V values each, got "
                    + mean.length + " and " + std.length);
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Float.isFinite(std[i])) {
                throw new IllegalArgumentException("std[" + i + "] (vertex " + i / 3 + ", coordinate " + i % 3
                        + ") is " + std[i] + ", expected a positive finite value");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Number of floats per mesh, 3V. */
    public int length() {
        return mean.length;
    }

    public float[] normalize(float[] mm) {
        check(mm, "mesh");
        float[] out = new float[mm.length];
        for (int i = 0; i < mm.length; i++) {
            out[i] = (mm[i] - mean[i]) / std[i];
        }
        return out;
    }

    public float[] denormalize(float[] normalized) {
        check(normalized, "normalized mesh");
        float[] out = new float[normalized.length];
        for (int i = 0; i < normalized.length; i++) {
            out[i] = normalized[i] * std[i] + mean[i];
        }
        return out;
    }

    private void check(float[] a, String what) {
        if (a.length != mean.length) {
            throw new IllegalArgumentException(what + " has " + a.length + " floats, expected 3 x "
                    + mean.length / 3 + " = " + mean.length);
        }
    }
}
