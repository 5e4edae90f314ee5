package org.ftgan.workflows.run;

import io.temporal.activity.ActivityInterface;

/** A run's network work (task queue {@code gpu}). */
@ActivityInterface
public interface TrainingActivities {
    /**
     * Trains the run to its budget, storing curves every {@code log_every} steps and heartbeating
     * the step and last checkpoint; a retried attempt resumes from the last checkpoint.
     */
    TrainingOutcome train(RunInput input);

    /**
     * Evaluates the checkpoint (MODEL.md's figures and the blendshape baseline) and stores results and
     * error maps, heartbeating the batches done; a cancellation stops it before its next batch, with
     * nothing stored.
     */
    void evaluate(RunInput input, String checkpoint);
}
