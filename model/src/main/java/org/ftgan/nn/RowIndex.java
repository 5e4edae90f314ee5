package org.ftgan.nn;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The index of a gather over the vertex axis, in the forms both kernel implementations need: output
 * row i reads rows {@code index[i * group .. (i + 1) * group)} of an input with {@code sources} rows
 * (a spiral: group L; an up-sampling: group 3 with weights; a down-sampling: group 1). The inverse
 * (which positions read each source row, for the Java scatter) and the ND4J index and segment arrays
 * are made once and shared by a module's replicas.
 */
public final class RowIndex {
    private final int[] index;
    private final int group;
    private final int sources;
    private final float[] weights;
    private final InverseIndex readers;
    private INDArray deviceIndex;
    private INDArray deviceWeights;
    private final Map<Integer, INDArray> segments = new HashMap<>();

    private RowIndex(int[] index, int group, int sources, float[] weights) {
        if (group < 1 || index.length % group != 0) {
            throw new IllegalArgumentException("row index: " + index.length + " entries are not rows of " + group);
        }
        for (int r : index) {
            if (r < 0 || r >= sources) {
                throw new IllegalArgumentException("row index " + r + " outside [0, " + sources + ")");
            }
        }
        if (weights != null && weights.length != index.length) {
            throw new IllegalArgumentException("row index: " + weights.length + " weights for " + index.length + " entries");
        }
        this.index = index;
        this.group = group;
        this.sources = sources;
        this.weights = weights;
        this.readers = new InverseIndex(index, sources);
    }

    /** Output row i reads input rows {@code index[i * group + k]}, k < group. */
    public static RowIndex of(int[] index, int group, int sources) {
        return new RowIndex(index, group, sources, null);
    }

    /** Output row i is the sum over k of {@code weights[i * group + k]} times input row {@code index[i * group + k]}. */
    public static RowIndex weighted(int[] index, float[] weights, int group, int sources) {
        return new RowIndex(index, group, sources, weights);
    }

    int[] index() {
        return index;
    }

    /** Entries per output row. */
    int group() {
        return group;
    }

    /** Output rows. */
    int rows() {
        return index.length / group;
    }

    /** Rows of the input the index reads. */
    int sources() {
        return sources;
    }

    /** Weights of an interpolating index, else null. */
    float[] weights() {
        return weights;
    }

    InverseIndex readers() {
        return readers;
    }

    /** The index as an ND4J INT array. */
    synchronized INDArray deviceIndex() {
        if (deviceIndex == null) {
            deviceIndex = Nd4j.createFromArray(index);
        }
        return deviceIndex;
    }

    /** The weights as an ND4J array [rows, group] of {@code type}. */
    synchronized INDArray deviceWeights(DataType type) {
        if (deviceWeights == null || deviceWeights.dataType() != type) {
            deviceWeights = Nd4j.createFromArray(weights).castTo(type).reshape(rows(), group);
        }
        return deviceWeights;
    }

    /** Segment ids for a batch: entry (b, p) goes to row b * sources + index[p] (see {@link IndexOps#batchSegments}). */
    synchronized INDArray segments(int batch) {
        return segments.computeIfAbsent(batch, b -> IndexOps.batchSegments(index, b, sources));
    }
}
