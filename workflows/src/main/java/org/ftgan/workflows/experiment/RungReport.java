package org.ftgan.workflows.experiment;

/**
 * A run's figure at a step that its sweep's early stopping judges, sent by its training to the
 * experiment workflow. The same report may arrive twice (a retried attempt evaluates the step again):
 * the workflow judges a (run, step) once.
 *
 * @param runId  the run
 * @param step   the step of the evaluation during training
 * @param value  the figure (early_stopping.metric) at that step; NaN ranks last
 */
public record RungReport(String runId, long step, double value) {
}
