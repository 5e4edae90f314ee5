package org.ftgan.nn;

/**
 * For an index array (position p reads row index[p]), the positions that read each row, in CSR form.
 * Scatter-adds then become gathers: each output row sums its own sources in one pass and is written
 * once, instead of a read-modify-write per source element; repeated indices simply have several
 * positions.
 */
final class InverseIndex {
    private final int[] start;
    private final int[] positions;

    InverseIndex(int[] index, int rows) {
        start = new int[rows + 1];
        for (int r : index) {
            start[r + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            start[r + 1] += start[r];
        }
        positions = new int[index.length];
        int[] fill = start.clone();
        for (int p = 0; p < index.length; p++) {
            positions[fill[index[p]]++] = p;
        }
    }

    /** First entry of row r in {@link #positions()}; the row's entries end at {@code start(r + 1)}. */
    int start(int row) {
        return start[row];
    }

    int position(int entry) {
        return positions[entry];
    }
}
