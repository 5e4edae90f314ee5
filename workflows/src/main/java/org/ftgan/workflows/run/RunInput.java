package org.ftgan.workflows.run;

import org.ftgan.workflows.experiment.PreparedDatasetRef;

/**
 * What a run workflow needs: the run's row id (its config is in PostgreSQL), the prepared dataset,
 * and the retry settings of its activities.
 */
public record RunInput(String runId, String experimentId, PreparedDatasetRef dataset, int heartbeatTimeoutSeconds,
                       int maxAttempts) {
}
