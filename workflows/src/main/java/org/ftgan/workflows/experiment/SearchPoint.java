package org.ftgan.workflows.experiment;

/**
 * A point a search proposed (sweep.search), as recorded in the experiment workflow's history.
 *
 * @param runId    the run it became (its row is written)
 * @param values   its swept values as JSON (section -> key -> value)
 * @param observed how many finished runs' figures it was chosen from
 */
public record SearchPoint(String runId, String values, int observed) {
}
