package org.ftgan.topology;

/**
 * Up-sampling U (fine x coarse) of one hierarchy step: each fine vertex is the barycentric
 * combination of the three corners of its closest coarse triangle.
 *
 * <p>Stored as exactly three (index, weight) pairs per fine vertex ({@code coarseVertex[3 * f + k]},
 * {@code weight[3 * f + k]}); a fine vertex that survived into the coarse level has weight 1 on
 * itself and 0 on two repeats of its index, so the layout stays fixed for the network's loops.
 */
public record UpSampling(int coarseCount, int[] coarseVertex, float[] weight) {
    public UpSampling {
        if (coarseVertex.length != weight.length || coarseVertex.length % 3 != 0) {
            throw new IllegalArgumentException("expected 3 (index, weight) pairs per fine vertex, got "
                    + coarseVertex.length + " indices and " + weight.length + " weights");
        }
        for (int i = 0; i < coarseVertex.length; i++) {
            if (coarseVertex[i] < 0 || coarseVertex[i] >= coarseCount) {
                throw new IllegalArgumentException("fine vertex " + (i / 3) + " refers to coarse vertex " + coarseVertex[i]
                        + " outside 0.." + (coarseCount - 1));
            }
        }
    }

    public int fineCount() {
        return coarseVertex.length / 3;
    }

    /** Applies U to per-vertex values with {@code channels} columns: out[f] = sum_k w[f,k] * in[c(f,k)]. */
    public float[] apply(float[] coarseValues, int channels) {
        if (coarseValues.length != coarseCount * channels) {
            throw new IllegalArgumentException("expected " + coarseCount + " x " + channels + " values, got " + coarseValues.length);
        }
        int fine = fineCount();
        float[] out = new float[fine * channels];
        for (int f = 0; f < fine; f++) {
            for (int k = 0; k < 3; k++) {
                float w = weight[3 * f + k];
                if (w == 0f) {
                    continue;
                }
                int src = coarseVertex[3 * f + k] * channels;
                for (int c = 0; c < channels; c++) {
                    out[f * channels + c] += w * coarseValues[src + c];
                }
            }
        }
        return out;
    }
}
