package org.ftgan.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An experiment as submitted: its definition both parsed ({@code definition}, queried by the API)
 * and verbatim ({@code definitionYaml}, shown back to people as they wrote it).
 */
public record NewExperiment(String id, String name, String description, List<String> tags, JsonNode definition,
                            String definitionYaml, String definitionHash, String submitter) {
    public NewExperiment {
        Rows.requireText(id, "experiment id");
        Rows.requireText(name, "experiment " + id + " name");
        Rows.requireText(definitionHash, "experiment " + id + " definitionHash");
        if (definition == null || definitionYaml == null) {
            throw new IllegalArgumentException("experiment " + id + " needs both its parsed definition and its YAML text");
        }
        description = description == null ? "" : description;
        submitter = submitter == null ? "" : submitter;
        tags = List.copyOf(tags == null ? List.of() : tags);
    }
}
