package org.ftgan.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.ftgan.names.ExperimentStatus;

/** One row of the experiments table; timestamps not reached yet are null. */
public record ExperimentRow(String id, String name, String description, List<String> tags, JsonNode definition,
                            String definitionYaml, String definitionHash, ExperimentStatus status, String submitter,
                            int runCount, String datasetHash, Instant createdAt, Instant startedAt, Instant finishedAt,
                            Instant updatedAt) {
}
