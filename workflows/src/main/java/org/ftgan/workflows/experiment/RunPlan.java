package org.ftgan.workflows.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ftgan.definition.EarlyStopping;

/**
 * How many runs the sweep expanded into (their rows are in PostgreSQL), how many run at once, and the
 * sweep's early stopping (null, left out of the JSON, when it has none: plans recorded before read so).
 * With {@code search} true (sweep.search; null, left out, otherwise) no run row is written up front:
 * {@code runCount} points are proposed while the sweep runs.
 */
public record RunPlan(int runCount, int maxParallel, @JsonInclude(JsonInclude.Include.NON_NULL) EarlyStopping earlyStopping,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean search) {
    public RunPlan(int runCount, int maxParallel) {
        this(runCount, maxParallel, null, null);
    }

    public RunPlan(int runCount, int maxParallel, EarlyStopping earlyStopping) {
        this(runCount, maxParallel, earlyStopping, null);
    }

    /** Not a property (Jackson would write it). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean searchOrFalse() {
        return Boolean.TRUE.equals(search);
    }
}
