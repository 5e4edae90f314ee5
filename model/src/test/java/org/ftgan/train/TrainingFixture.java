package org.ftgan.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.mesh.MeshFiles;

/** A small synthetic prepared dataset (3 subjects, 3 expressions, about 650 vertices) and run configs on it. */
final class TrainingFixture {
    private TrainingFixture() {
    }

    /** Generates and prepares the set under {@code dir}/prepared; returns that directory. */
    static Path prepared(Path dir) throws IOException {
        Path root = dir.resolve("synthetic");
        SyntheticDatasetWriter.write(new SyntheticDatasetSpec(3, 3, 650, 25, 5L), root);
        Path out = dir.resolve("prepared");
        new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, 2).prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, root, out));
        return out;
    }

    /**
     * A tiny-preset YAML config in {@code dir}/{@code name}.yaml, output {@code dir}/{@code name}, the
     * topology cache shared; {@code training} holds extra lines of the training section.
     */
    static Path config(Path dir, String name, Path data, String training) throws IOException {
        String yaml = String.join("\n",
                "data: " + data.toAbsolutePath(),
                "output: " + name,
                "model:",
                "  preset: tiny",
                "topology:",
                "  factors: [4, 4]",
                "  cache_dir: topology-cache",
                "training:",
                "  batch: 4",
                "  seed: 11",
                training.indent(2).stripTrailing(),
                "");
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
