package org.ftgan.workflows.experiment;

/** How many runs the sweep expanded into (their rows are in PostgreSQL) and how many run at once. */
public record RunPlan(int runCount, int maxParallel) {
}
