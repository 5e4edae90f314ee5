package org.ftgan.workflows.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ftgan.definition.EarlyStopping;
import org.ftgan.workflows.experiment.PreparedDatasetRef;

/**
 * What a run workflow needs: the run's row id (its config is in PostgreSQL), the prepared dataset,
 * the retry settings of its activities, and the sweep's early stopping: when set, training reports
 * the judged figure at each judged step to the experiment workflow
 * ({@link org.ftgan.workflows.experiment.ExperimentWorkflow#reportRung}). Null (left out of the JSON,
 * as inputs recorded before it) for none.
 *
 * <p>{@code attemptBase}: the attempts the run recorded before this workflow, when it continues an ended
 * run to a larger budget; its attempts number on from there (attempt base + Temporal's attempt), so that
 * every attempt's events are recorded. Null (left out) for 0.
 */
public record RunInput(String runId, String experimentId, PreparedDatasetRef dataset, int heartbeatTimeoutSeconds,
                       int maxAttempts, @JsonInclude(JsonInclude.Include.NON_NULL) EarlyStopping earlyStopping,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer attemptBase) {
    public RunInput(String runId, String experimentId, PreparedDatasetRef dataset, int heartbeatTimeoutSeconds, int maxAttempts) {
        this(runId, experimentId, dataset, heartbeatTimeoutSeconds, maxAttempts, null, null);
    }

    /** The attempt number the platform records for Temporal's attempt {@code temporalAttempt} (from 1). */
    public int recordedAttempt(int temporalAttempt) {
        return (attemptBase == null ? 0 : attemptBase) + temporalAttempt;
    }
}
