package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every definition shipped under experiments/ validates, and expands to the runs it says. */
class ExperimentFilesTest {
    private static final Path EXPERIMENTS = Path.of("..", "experiments");
    private static final Map<String, String> ENV = Map.of("FTGAN_COMA_ROOT", "/datasets/coma", "FTGAN_FACESCAPE_ROOT", "/datasets/facescape");
    private static final Map<String, Long> RUNS = Map.ofEntries(
            Map.entry("quickstart.yaml", 4L),
            Map.entry("ablation-loss-weights.yaml", 243L),
            Map.entry("ablation-latent-sizes.yaml", 16L),
            Map.entry("paper/table1-coma-reconstruction.yaml", 1L),
            Map.entry("benchmark/transfer.yaml", 2L),
            Map.entry("benchmark/transfer-ablations.yaml", 8L),
            Map.entry("benchmark/transfer-res-nofeat.yaml", 6L),
            Map.entry("benchmark/transfer-res-vertexmean.yaml", 4L),
            Map.entry("benchmark/transfer-res.yaml", 2L),
            Map.entry("benchmark/transfer-adain-all.yaml", 1L),
            Map.entry("benchmark/transfer-default.yaml", 1L),
            Map.entry("benchmark/transfer-default-res-nofeat.yaml", 2L),
            Map.entry("paper/table1-facescape-reconstruction.yaml", 1L),
            Map.entry("paper/table2-coma-identity.yaml", 1L),
            Map.entry("paper/table3-neutralization-coma.yaml", 1L),
            Map.entry("paper/table3-neutralization-facescape.yaml", 1L),
            Map.entry("paper/table4-facescape-transfer.yaml", 1L));

    @Test
    void everyShippedDefinitionValidates() throws IOException {
        Map<String, Long> found = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(EXPERIMENTS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path f : files) {
            String name = EXPERIMENTS.relativize(f).toString().replace('\\', '/');
            ValidationReport r = new DefinitionValidator().validate(Files.readString(f, StandardCharsets.UTF_8), name, ENV);
            assertEquals(List.of(), r.lines(), name);
            ExperimentDefinition d = r.definition();
            assertEquals(name.substring(name.lastIndexOf('/') + 1).replace(".yaml", ""), d.name(), name + ": name is the file name");
            found.put(name, d.sweep().size());
            // the last run too parses as a training config
            RunSpec last = d.sweep().run(d.sweep().size() - 1);
            last.toRunConfig(Path.of("/data"), Path.of("/out"));
        }
        assertEquals(new TreeMap<>(RUNS), found);
    }

    @Test
    void theReadmeExampleValidatesAndRunsInTheOrderItDescribes() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Experiment definitions");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        ExperimentDefinition d = ExperimentDefinition.parse(yaml, "README.md", Map.of());
        assertEquals(8, d.sweep().size());
        assertEquals(List.of("0.4/1", "0.4/2", "1.0/1", "1.0/2"), d.sweep().runs(0, 4).stream()
                .map(r -> r.overrides().get("loss").get("lambda_srec").asText() + "/" + r.overrides().get("training").get("seed").asText())
                .toList());
    }

    @Test
    void paperDefinitionsCarryTheirTable() throws IOException {
        Map<String, Integer> rows = Map.of("table1-coma-reconstruction.yaml", 5, "table2-coma-identity.yaml", 4,
                "table3-neutralization-coma.yaml", 3, "table3-neutralization-facescape.yaml", 3, "table4-facescape-transfer.yaml", 40);
        for (var e : rows.entrySet()) {
            Path f = EXPERIMENTS.resolve("paper").resolve(e.getKey());
            ExperimentDefinition d = ExperimentDefinition.parse(Files.readString(f), e.getKey(), ENV);
            assertEquals(e.getValue(), d.published().get("rows").size(), e.getKey());
            assertTrue(d.published().get("rows").findValuesAsText("ours").contains(d.published().get("metric").asText()), e.getKey());
        }
        ExperimentDefinition t4 = ExperimentDefinition.parse(Files.readString(EXPERIMENTS.resolve("paper/table4-facescape-transfer.yaml")), "t4", ENV);
        assertEquals(Path.of("/datasets/facescape"), t4.dataset().root());
        assertEquals(70, t4.sweep().run(0).toRunConfig(Path.of("/d"), Path.of("/o")).training().epochs());
    }
}
