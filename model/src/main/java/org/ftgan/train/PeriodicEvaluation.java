package org.ftgan.train;

import java.io.IOException;

/**
 * Evaluates a model's current networks on held-out data while it trains ({@code evaluation.every_steps}).
 * Implemented in {@code org.ftgan.eval} (which depends on this package, not the other way round) and
 * handed to {@link Trainer#evaluateDuringTraining}. It must only read the parameters.
 */
public interface PeriodicEvaluation {
    /** The metrics of the model as it is now; the step and the time taken are filled in by the trainer. */
    EvaluationPoint evaluate(FaceTuneGanModel model) throws IOException;
}
