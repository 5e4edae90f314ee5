package org.ftgan.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.ftgan.train.RunConfig;

/**
 * One run of a sweep.
 *
 * @param index     position in the sweep, from 0
 * @param key       {@code r0000}, {@code r0001}, ... (zero-padded to at least 4 digits, to the sweep's width)
 * @param overrides only the values this run sets, nested like the config ({@code {loss: {lambda_srec: 0.5}}})
 * @param config    the five sections (model, topology, loss, training, evaluation) with the overrides applied
 * @param seed      training.seed of this run
 */
public record RunSpec(long index, String key, ObjectNode overrides, ObjectNode config, long seed) {
    public RunSpec {
        overrides = overrides.deepCopy();
        config = config.deepCopy();
    }

    @Override
    public ObjectNode overrides() {
        return overrides.deepCopy();
    }

    @Override
    public ObjectNode config() {
        return config.deepCopy();
    }

    /** SHA-256 hex of the key-sorted JSON of {@link #config()}. */
    public String configHash() {
        return CanonicalJson.sha256(config);
    }

    /**
     * The training config of this run on a prepared dataset, writing to {@code outputDir};
     * topology.cache_dir is left to RunConfig's default (under the output directory).
     *
     * @throws org.ftgan.train.RunConfigException if the values do not make a run config (a validated
     *                                            definition's runs do)
     */
    public RunConfig toRunConfig(Path dataDir, Path outputDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path output = outputDir.toAbsolutePath().normalize();
        ObjectNode root = config.deepCopy();
        root.put("data", data.toString());
        root.put("output", output.toString());
        return RunConfig.parse(root, Path.of(key), output);
    }
}
