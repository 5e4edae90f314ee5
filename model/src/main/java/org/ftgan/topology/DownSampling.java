package org.ftgan.topology;

/**
 * Down-sampling D (coarse x fine) of one hierarchy step: each coarse vertex is a surviving fine
 * vertex, so D has a single 1 per row and is stored as that column index.
 */
public record DownSampling(int fineCount, int[] keptFineVertex) {
    public DownSampling {
        for (int c = 0; c < keptFineVertex.length; c++) {
            if (keptFineVertex[c] < 0 || keptFineVertex[c] >= fineCount) {
                throw new IllegalArgumentException("coarse vertex " + c + " keeps fine vertex " + keptFineVertex[c]
                        + " outside 0.." + (fineCount - 1));
            }
        }
    }

    public int coarseCount() {
        return keptFineVertex.length;
    }
}
