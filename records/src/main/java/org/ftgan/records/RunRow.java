package org.ftgan.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.ftgan.names.RunStatus;

/** One row of the runs table; values not reached yet (progress, timestamps) are null. */
public record RunRow(String id, String experimentId, int runIndex, String runKey, JsonNode config, JsonNode overrides,
                     String configHash, String definitionHash, String datasetHash, String codeVersion, long seed,
                     RunStatus status, int attempt, String worker, Long lastStep, Long totalSteps,
                     String lastCheckpoint, String failureReason, Instant createdAt, Instant startedAt,
                     Instant finishedAt, Instant updatedAt) {
}
