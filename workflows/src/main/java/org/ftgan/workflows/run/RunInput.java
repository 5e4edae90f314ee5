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
 */
public record RunInput(String runId, String experimentId, PreparedDatasetRef dataset, int heartbeatTimeoutSeconds,
                       int maxAttempts, @JsonInclude(JsonInclude.Include.NON_NULL) EarlyStopping earlyStopping) {
    public RunInput(String runId, String experimentId, PreparedDatasetRef dataset, int heartbeatTimeoutSeconds, int maxAttempts) {
        this(runId, experimentId, dataset, heartbeatTimeoutSeconds, maxAttempts, null);
    }
}
