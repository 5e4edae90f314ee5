package org.ftgan.workflows.experiment;

import io.temporal.activity.ActivityInterface;

/** The experiment's heavy, CPU-bound steps (task queue {@code cpu}). */
@ActivityInterface
public interface ExperimentActivities {
    /**
     * Prepares the experiment's dataset into the artifact store, or reuses an earlier preparation
     * with the same content hash, and records it on the experiment.
     */
    PreparedDatasetRef prepareDataset(String experimentId);

    /** Writes the experiment's report (JSON and Markdown, runs beside the published figures) as an artifact. */
    void writeReport(String experimentId);
}
