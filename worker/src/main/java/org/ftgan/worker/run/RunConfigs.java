package org.ftgan.worker.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.ftgan.train.RunConfig;

/**
 * A stored run config (the five sections of a definition, as planned into the runs row) made into
 * the trainer's {@link RunConfig} on this worker: data and output directories in the artifact
 * store, and one topology cache shared by every run (hierarchies are keyed by their inputs' hash).
 */
public final class RunConfigs {
    private RunConfigs() {
    }

    public static RunConfig forRun(String runId, JsonNode storedConfig, Path dataDir, Path runDir, Path topologyCache) {
        ObjectNode tree = storedConfig.deepCopy();
        tree.put("data", dataDir.toAbsolutePath().toString());
        tree.put("output", runDir.toAbsolutePath().toString());
        ObjectNode topology = tree.has("topology") ? (ObjectNode) tree.get("topology") : tree.putObject("topology");
        topology.put("cache_dir", topologyCache.toAbsolutePath().toString());
        return RunConfig.parse(tree, Path.of("run " + runId), runDir.toAbsolutePath());
    }
}
