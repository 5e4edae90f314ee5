package org.ftgan.train;

import java.util.Arrays;

/**
 * Draws training batches: the content samples x go through the training split in a fresh shuffled
 * order every epoch; the style samples s are drawn uniformly from the whole training split,
 * independently of x and of each other (so s may, rarely, be x itself), from a stream of their own.
 *
 * <p>Every batch has exactly {@code batchSize} rows, so network buffers can be allocated once: an
 * epoch has floor(trainCount / batchSize) batches and the few samples left over sit out that epoch
 * (a different few each epoch, since the order is reshuffled), as torch's DataLoader with
 * {@code drop_last=True}.
 */
public final class BatchSampler {
    private final int trainCount;
    private final int batchSize;
    private final RandomStream orderStream;
    private final RandomStream styleStream;
    private final int[] order;
    private int epoch;
    private int nextBatchInEpoch;

    /**
     * @param orderStream the stream that shuffles x, normally {@code runRandom.stream(RunRandom.BATCHES)}
     * @param styleStream the stream that draws s, normally {@code runRandom.stream(RunRandom.STYLE_SAMPLES)}
     */
    public BatchSampler(int trainCount, int batchSize, RandomStream orderStream, RandomStream styleStream) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (trainCount < batchSize) {
            throw new IllegalArgumentException("the training split has " + trainCount + " samples, fewer than one batch of " + batchSize);
        }
        if (orderStream == null || styleStream == null || orderStream == styleStream) {
            throw new IllegalArgumentException("batch sampler needs two distinct random streams (order and style samples)");
        }
        this.trainCount = trainCount;
        this.batchSize = batchSize;
        this.orderStream = orderStream;
        this.styleStream = styleStream;
        this.order = new int[trainCount];
        startEpoch(0);
    }

    public int batchSize() {
        return batchSize;
    }

    public int batchesPerEpoch() {
        return trainCount / batchSize;
    }

    /** The epoch the next batch belongs to. */
    public int epoch() {
        return nextBatchInEpoch == batchesPerEpoch() ? epoch + 1 : epoch;
    }

    public Batch next() {
        if (nextBatchInEpoch == batchesPerEpoch()) {
            startEpoch(epoch + 1);
        }
        int[] content = Arrays.copyOfRange(order, nextBatchInEpoch * batchSize, (nextBatchInEpoch + 1) * batchSize);
        int[] style = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            style[i] = styleStream.nextInt(trainCount);
        }
        return new Batch(epoch, nextBatchInEpoch++, content, style);
    }

    private void startEpoch(int newEpoch) {
        // the order restarts from the identity, so an epoch's order depends only on the stream state
        for (int i = 0; i < trainCount; i++) {
            order[i] = i;
        }
        orderStream.shuffle(order);
        epoch = newEpoch;
        nextBatchInEpoch = 0;
    }

    public BatchSamplerState state() {
        return new BatchSamplerState(trainCount, batchSize, epoch, nextBatchInEpoch, order,
                orderStream.state(), styleStream.state());
    }

    /** Returns to a saved state of a sampler of the same training split size and batch size. */
    public void restore(BatchSamplerState saved) {
        if (saved == null) {
            throw new IllegalArgumentException("batch sampler state is null");
        }
        if (saved.trainCount() != trainCount || saved.batchSize() != batchSize) {
            throw new IllegalArgumentException("batch sampler state is for " + saved.trainCount() + " samples in batches of "
                    + saved.batchSize() + ", this sampler has " + trainCount + " in batches of " + batchSize);
        }
        if (saved.epoch() < 0 || saved.nextBatchInEpoch() < 0 || saved.nextBatchInEpoch() > batchesPerEpoch()) {
            throw new IllegalArgumentException("batch sampler state: epoch " + saved.epoch() + ", batch " + saved.nextBatchInEpoch()
                    + " is outside 0.." + batchesPerEpoch() + " batches per epoch");
        }
        int[] savedOrder = saved.order();
        boolean[] seen = new boolean[trainCount];
        for (int i = 0; i < trainCount; i++) {
            int x = savedOrder[i];
            if (x < 0 || x >= trainCount || seen[x]) {
                throw new IllegalArgumentException("batch sampler state: order[" + i + "] = " + x + " makes the order no permutation of 0.."
                        + (trainCount - 1));
            }
            seen[x] = true;
        }
        System.arraycopy(savedOrder, 0, order, 0, trainCount);
        epoch = saved.epoch();
        nextBatchInEpoch = saved.nextBatchInEpoch();
        orderStream.restore(saved.orderStreamState());
        styleStream.restore(saved.styleStreamState());
    }
}
