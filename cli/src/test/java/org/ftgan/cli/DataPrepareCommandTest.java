package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ftgan.data.PreparedDataset;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.mesh.PlyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPrepareCommandTest {
    @TempDir
    Path dir;

    @Test
    void preparesASyntheticSetThenSkipsItWhenNothingChanged() throws Exception {
        Path root = dir.resolve("raw");
        Path out = dir.resolve("prepared");
        assertEquals(0, CliRun.of("data", "synth", "--subjects", "2", "--expressions", "3", "--vertices", "600",
                "--frames", "25", "--out", root.toString()).exitCode());

        CliRun first = CliRun.of("data", "prepare", "--kind", "synthetic", "--root", root.toString(), "--out", out.toString(),
                "--seed", "3");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("prepared " + out), first.out());
        try (PreparedDataset data = PreparedDataset.open(out)) {
            // 2 subjects x 3 sequences: each a neutral and a peak with 10 frames on each side
            assertEquals(2 * 3 * (1 + 21), data.sampleCount());
            assertEquals("neutral", data.classNames().get(0));
        }

        CliRun second = CliRun.of("data", "prepare", "--kind", "synthetic", "--root", root.toString(), "--out", out.toString(),
                "--seed", "3");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("up to date"), second.out());
    }

    @Test
    void aScanWithAnotherTopologyIsNamedAndNothingIsWritten() throws Exception {
        Path root = dir.resolve("raw");
        CliRun.of("data", "synth", "--subjects", "1", "--expressions", "1", "--vertices", "600", "--frames", "5",
                "--out", root.toString());
        Path bad = root.resolve("synth_000/bareteeth/bareteeth.000002.ply");
        PlyWriter.write(bad, MeshShapes.icosphere(2));
        Path out = dir.resolve("prepared");

        CliRun run = CliRun.of("data", "prepare", "--kind", "synthetic", "--root", root.toString(), "--out", out.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bareteeth.000002.ply") && run.err().contains("162"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aScanWithNanCoordinatesIsNamedWithItsLineOnALineOfItsOwn() throws Exception {
        Path root = dir.resolve("raw");
        CliRun.of("data", "synth", "--subjects", "1", "--expressions", "1", "--vertices", "600", "--frames", "5",
                "--out", root.toString());
        Path good = root.resolve("synth_000/bareteeth/bareteeth.000002.ply");
        Mesh mesh = MeshFiles.read(good);
        float[] positions = mesh.positions().clone();
        positions[3 * 7 + 1] = Float.NaN;
        Path bad = good;
        PlyWriter.write(bad, new Mesh(positions, mesh.triangles()));
        Path out = dir.resolve("prepared");

        CliRun run = CliRun.of("data", "prepare", "--kind", "synthetic", "--root", root.toString(), "--out", out.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(bad + ": byte offset ") && run.err().contains(": vertex 7 has NaN as its y coordinate"),
                run.err());
        // the progress line is drawn on the command's error stream, and ended before the message
        assertTrue(run.err().startsWith("\rlisting"), run.err());
        int at = run.err().indexOf("ftgan: ");
        assertTrue(at == 0 || run.err().charAt(at - 1) == '\n', "the progress line ends before the message: " + run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownKindIsRefused() {
        CliRun run = CliRun.of("data", "prepare", "--kind", "flame", "--root", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("flame"), run.err());
    }
}
