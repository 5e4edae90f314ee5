package org.ftgan.records;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run as planned by the sweep expansion, before it is queued: its full configuration and the
 * overrides that distinguish it from the experiment's base.
 *
 * @param runKey      a readable name for the run within its experiment (for example {@code lr=1e-4,seed=2})
 * @param datasetHash null until the dataset is prepared
 * @param totalSteps  null if not known yet
 */
public record PlannedRun(String id, String experimentId, int runIndex, String runKey, JsonNode config,
                         JsonNode overrides, String configHash, String definitionHash, String datasetHash,
                         String codeVersion, long seed, Long totalSteps) {
    public PlannedRun {
        Rows.requireText(id, "run id");
        Rows.requireText(experimentId, "run " + id + " experimentId");
        Rows.requireText(runKey, "run " + id + " runKey");
        Rows.requireText(configHash, "run " + id + " configHash");
        Rows.requireText(definitionHash, "run " + id + " definitionHash");
        if (runIndex < 0) {
            throw new IllegalArgumentException("run " + id + " runIndex must be >= 0, got " + runIndex);
        }
        if (config == null || overrides == null) {
            throw new IllegalArgumentException("run " + id + " needs its config and overrides (an empty object if none)");
        }
        codeVersion = codeVersion == null ? "" : codeVersion;
    }
}
