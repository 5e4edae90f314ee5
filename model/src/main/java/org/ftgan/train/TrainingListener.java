package org.ftgan.train;

import java.nio.file.Path;

/** What a {@link Trainer} reports while it runs; called on the training thread, so keep it short. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** After every step, with that step's losses (steps count from 1). */
    default void onStep(long step, TrainingLosses losses) {
    }

    /** Every {@code log_every} steps and at the last step: loss means over the interval and throughput. */
    default void onProgress(TrainingProgress progress) {
    }

    /**
     * After an evaluation during training ({@code evaluation.every_steps}); {@code best} when its
     * E_transfer is the lowest of the run so far.
     */
    default void onEvaluation(EvaluationPoint point, boolean best) {
    }

    /** After a checkpoint directory has been written. */
    default void onCheckpoint(long step, Path dir) {
    }
}
