package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final String GOOD = """
            name: cli-check
            dataset: {kind: synthetic, synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9}}
            model: {preset: tiny}
            topology: {factors: [4, 4]}
            training: {steps: 100, batch: 4, seed: 1}
            sweep: {grid: {training: {seed: [1, 2, 3]}}}
            """;

    @Test
    void aGoodDefinitionPrintsItsRunsAndHash(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("good.yaml"), GOOD);
        CliRun run = CliRun.of("validate", f.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("\\Q" + f + "\\E: ok, 3 runs \\(definition hash [0-9a-f]{12}\\.\\.\\.\\)\\R"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void everyProblemIsPrintedWithTheFileAndExitIs2(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), GOOD);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), GOOD.replace("batch: 4", "batch: -4")
                .replace("{kind: synthetic, synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9}}",
                        "{kind: coma, root: \"${FTGAN_TEST_VARIABLE_NEVER_SET}\"}")
                .replace("preset: tiny", "preset: tiny, styl_dim: 4"));
        CliRun run = CliRun.of("validate", good.toString(), bad.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.out().startsWith(good + ": ok, 3 runs"), run.out());
        assertEquals(bad + ": dataset.root: environment variable FTGAN_TEST_VARIABLE_NEVER_SET is not set\n"
                + bad + ": model.styl_dim: unknown key, did you mean \"style_dim\"?\n"
                + bad + ": training.batch: expected an integer between 1 and 4096, got -4\n", run.err().replace("\r\n", "\n"));
    }

    @Test
    void malformedYamlNamesTheLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("broken.yaml"), "name: x\ndataset: {kind: synthetic\ntraining: [\n");
        CliRun run = CliRun.of("validate", bad.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith(bad + ": line 3, column 9: not valid YAML: while parsing a flow mapping: expected"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) {
        CliRun run = CliRun.of("validate", dir.resolve("nope.yaml").toString());
        assertEquals(2, run.exitCode());
        assertEquals("ftgan: no such file or directory: " + dir.resolve("nope.yaml") + "\n", run.err().replace("\r\n", "\n"));
    }
}
