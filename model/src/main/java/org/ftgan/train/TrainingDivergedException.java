package org.ftgan.train;

/**
 * A loss became NaN or infinite, or exceeded the run's {@code training.divergence_threshold}: the run
 * stops (without a checkpoint of the broken state).
 */
public final class TrainingDivergedException extends IllegalStateException {
    private final long step;
    private final String term;

    public TrainingDivergedException(long step, String term, double value) {
        super("training diverged at step " + step + ": loss term " + term + " is " + value
                + " (lower training.lr, or check the data); the last checkpoint before it is kept");
        this.step = step;
        this.term = term;
    }

    /** A finite loss term above the configured threshold. */
    public TrainingDivergedException(long step, String term, double value, double threshold) {
        super("training diverged at step " + step + ": loss term " + term + " is " + value
                + ", above training.divergence_threshold " + threshold + "; the last checkpoint before it is kept");
        this.step = step;
        this.term = term;
    }

    public long step() {
        return step;
    }

    public String term() {
        return term;
    }
}
