package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The paper's experiment definitions ({@code experiments/paper/*.yaml}), bundled into this module's
 * jar by its pom, with their {@code published:} figures: what the Tables page shows before anything
 * has been submitted. Only the name, description and published section are read here (the dataset
 * roots name environment variables that a reader of the tables need not set); the full definitions
 * are validated by the build's tests.
 */
public final class PaperDefinitions {
    /** Where the definitions lie inside the jar (or the classes folder). */
    public static final String RESOURCE_FOLDER = "experiments/paper";
    /**
     * The tag of a submitted experiment that stands in for the paper's tables on synthetic data
     * (experiments/benchmark/): its figures are shown beside the published rows, labelled as such.
     */
    public static final String BENCHMARK_TAG = "benchmark";

    /**
     * One shipped definition.
     *
     * @param file      its file name, e.g. table4-facescape-transfer.yaml
     * @param name      the definition's name (an experiment submitted from it carries this name)
     * @param published its validated {@code published:} section
     */
    public record PaperDefinition(String file, String name, String description, JsonNode published) {
        public int table() {
            return published.path("table").asInt();
        }
    }

    private PaperDefinitions() {
    }

    /**
     * Every bundled definition, by table number then name.
     *
     * @throws IllegalStateException naming the file when one has no name or no valid published section
     */
    public static List<PaperDefinition> load() {
        Path location;
        try {
            location = Path.of(PaperDefinitions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the ftgan-definitions classes", e);
        }
        try {
            if (Files.isDirectory(location)) {
                return read(location.resolve(RESOURCE_FOLDER));
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return read(jar.getPath(RESOURCE_FOLDER));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_FOLDER + " from " + location, e);
        }
    }

    /** The definitions in {@code folder}, which must exist: a build without them is broken. */
    static List<PaperDefinition> read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder + " is missing: the ftgan-definitions build bundles experiments/paper/*.yaml there");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<PaperDefinition> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                String file = f.getFileName().toString();
                JsonNode root = yaml.readTree(Files.readString(f, StandardCharsets.UTF_8));
                List<Problem> problems = new ArrayList<>();
                if (root == null || !root.path("name").isTextual()) {
                    problems.add(new Problem("name", "is required"));
                }
                JsonNode published = root == null ? null : root.get("published");
                if (published == null) {
                    problems.add(new Problem("published", "is required in a paper definition"));
                } else {
                    PublishedFigures.check(published, problems);
                }
                if (!problems.isEmpty()) {
                    throw new IllegalStateException(RESOURCE_FOLDER + "/" + file + ": "
                            + String.join("; ", problems.stream().map(Problem::toString).toList()));
                }
                out.add(new PaperDefinition(file, root.get("name").asText(), root.path("description").asText(""),
                        published.deepCopy()));
            }
        }
        out.sort(Comparator.comparingInt(PaperDefinition::table).thenComparing(PaperDefinition::name));
        return List.copyOf(out);
    }
}
