package org.ftgan.train;

/**
 * A periodic training report.
 *
 * @param step             steps done (from 1)
 * @param totalSteps       the budget
 * @param epoch            epoch of the last batch (from 0)
 * @param steps            steps the means are over (since the previous report)
 * @param meanLosses       every loss term averaged over those steps
 * @param samplesPerSecond content samples per second over those steps
 * @param elapsedSeconds   wall time since this run (or resumed run) started
 * @param etaSeconds       the remaining steps at the interval's rate
 */
public record TrainingProgress(long step, long totalSteps, int epoch, int steps, TrainingLosses meanLosses,
                               double samplesPerSecond, double elapsedSeconds, double etaSeconds) {
}
