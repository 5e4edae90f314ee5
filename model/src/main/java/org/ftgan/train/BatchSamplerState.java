package org.ftgan.train;

/**
 * Saved state of a {@link BatchSampler}: its sizes (checked on restore), where it stands in the
 * schedule, the current epoch's order, and the states of its two random streams.
 */
public record BatchSamplerState(int trainCount, int batchSize, int epoch, int nextBatchInEpoch, int[] order,
                                long orderStreamState, long styleStreamState) {
    public BatchSamplerState {
        if (order == null || order.length != trainCount) {
            throw new IllegalArgumentException("batch sampler state: expected an order of " + trainCount + " indices, got "
                    + (order == null ? "null" : order.length));
        }
        order = order.clone();
    }

    @Override
    public int[] order() {
        return order.clone();
    }
}
