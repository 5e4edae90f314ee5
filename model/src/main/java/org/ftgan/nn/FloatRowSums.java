package org.ftgan.nn;

import java.util.Arrays;

/**
 * The scatter sum's float loop over one sample staged on the heap: out row u is the sum of the
 * rows of g at the positions that read u ({@link InverseIndex}), in the order of those positions.
 * On the Vector API where the process has it ({@link VectorApi}) and rows are at least one vector
 * wide, else in scalar code; both add the same numbers in the same order, so the bits are the same.
 */
final class FloatRowSums {
    private FloatRowSums() {
    }

    /** out[u * c + k] = sum over the readers e of u of g[position(e) * c + k], for u in [0, rows). */
    static void sum(float[] g, InverseIndex readers, int rows, int c, float[] out) {
        if (VectorApi.AVAILABLE && c >= VectorRowSums.lanes()) {
            VectorRowSums.sum(g, readers, rows, c, out);
        } else {
            sumScalar(g, readers, rows, c, out);
        }
    }

    static void sumScalar(float[] g, InverseIndex readers, int rows, int c, float[] out) {
        for (int u = 0; u < rows; u++) {
            int dst = u * c;
            Arrays.fill(out, dst, dst + c, 0f);
            for (int e = readers.start(u), end = readers.start(u + 1); e < end; e++) {
                int src = readers.position(e) * c;
                for (int k = 0; k < c; k++) {
                    out[dst + k] += g[src + k];
                }
            }
        }
    }
}
