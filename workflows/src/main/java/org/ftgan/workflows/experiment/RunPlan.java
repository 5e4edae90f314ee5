package org.ftgan.workflows.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ftgan.definition.EarlyStopping;

/**
 * How many runs the sweep expanded into (their rows are in PostgreSQL), how many run at once, and the
 * sweep's early stopping (null, left out of the JSON, when it has none: plans recorded before read so).
 */
public record RunPlan(int runCount, int maxParallel, @JsonInclude(JsonInclude.Include.NON_NULL) EarlyStopping earlyStopping) {
    public RunPlan(int runCount, int maxParallel) {
        this(runCount, maxParallel, null);
    }
}
