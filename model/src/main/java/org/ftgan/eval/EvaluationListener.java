package org.ftgan.eval;

/**
 * Told before every batch an evaluation hands to the networks (the evaluator's E_rec, E_id_decomp,
 * E_neu and E_transfer batches and the probes' encodings), so that a caller can report progress and
 * stop a long evaluation: an unchecked exception thrown here ends the evaluation at once, with
 * nothing written after it, and reaches the caller unchanged.
 */
@FunctionalInterface
public interface EvaluationListener {
    EvaluationListener NONE = batches -> { };

    /** @param batches batches handed to the networks before this one */
    void beforeBatch(long batches);
}
