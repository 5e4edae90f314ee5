package org.ftgan.train;

/**
 * One training batch, as indices into the training split: {@code content[i]} is the content sample x
 * of row i and {@code style[i]} its style sample s. {@code epoch} and {@code indexInEpoch} say where
 * in the schedule the batch was drawn (both from 0).
 */
public record Batch(int epoch, int indexInEpoch, int[] content, int[] style) {
    public int size() {
        return content.length;
    }
}
