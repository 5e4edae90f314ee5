package org.ftgan.train;

import java.nio.file.Path;

/**
 * How a {@link Trainer#run()} ended.
 *
 * @param step           steps done in total (including those before a resume)
 * @param stopped        true when ended by {@link Trainer#requestStop()} before the budget
 * @param lastCheckpoint the checkpoint written at the end
 * @param lastLosses     losses of the last step (null when no step ran)
 */
public record TrainingResult(long step, boolean stopped, Path lastCheckpoint, TrainingLosses lastLosses) {
}
