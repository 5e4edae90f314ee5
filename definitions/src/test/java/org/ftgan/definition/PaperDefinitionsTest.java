package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ftgan.definition.PaperDefinitions.PaperDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper's definitions as this module bundles them, and what a broken bundle says. */
class PaperDefinitionsTest {
    @Test
    void everyFileOfExperimentsPaperIsBundledWithItsPublishedFigures() throws IOException {
        List<PaperDefinition> loaded = PaperDefinitions.load();
        List<String> files;
        try (Stream<Path> s = Files.list(Path.of("..", "experiments", "paper"))) {
            files = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList();
        }
        assertEquals(files, loaded.stream().map(PaperDefinition::file).sorted().toList());
        assertEquals(List.of(1, 1, 2, 3, 3, 4), loaded.stream().map(PaperDefinition::table).toList(), "by table number");
        PaperDefinition table4 = loaded.get(loaded.size() - 1);
        assertEquals("table4-facescape-transfer", table4.name());
        assertEquals(1.54, table4.published().path("rows").get(38).path("mean").asDouble());
    }

    @Test
    void aFileWithoutValidPublishedFiguresIsNamedWithItsProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("table9.yaml"), "name: table9\npublished: {table: 9, metric: E_wrong, unit: mm, rows: []}\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PaperDefinitions.read(dir));
        assertTrue(e.getMessage().startsWith("experiments/paper/table9.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("published.metric"), e.getMessage());
        assertTrue(e.getMessage().contains("published.rows"), e.getMessage());

        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> PaperDefinitions.read(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
    }
}
