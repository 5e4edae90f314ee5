package org.ftgan.workflows.run;

/**
 * How training ended.
 *
 * @param step        steps done in total
 * @param checkpoint  final checkpoint, relative to the artifact store
 * @param resumedFrom step the attempt resumed from (0 for a fresh start)
 */
public record TrainingOutcome(long step, String checkpoint, long resumedFrom) {
}
