package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.mesh.PlyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshCommandTest {
    @TempDir
    Path dir;

    @Test
    void infoReportsCountsComponentsBoundaryAndUnit() throws Exception {
        // a 10 x 10 cm grid (metres) plus a separate 1 cm sphere: 2 components, 1 boundary loop
        Mesh grid = MeshShapes.grid(11, 11, 0.01f);
        Mesh ball = MeshShapes.scaledAndMoved(MeshShapes.icosphere(1), 0.01f, 0.05f, 0.05f, 0.05f);
        Path file = dir.resolve("face.ply");
        PlyWriter.write(file, MeshShapes.union(grid, ball));

        CliRun run = CliRun.of("mesh", "info", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("vertices        " + (121 + 42)), run.out());
        assertTrue(run.out().contains("faces           " + (200 + 80)), run.out());
        assertTrue(run.out().contains("components      2"), run.out());
        assertTrue(run.out().contains("boundary edges  40 in 1 loop"), run.out());
        assertTrue(run.out().contains("unit guess      metres"), run.out());
    }

    @Test
    void infoOfATruncatedFileNamesTheFileAndWhereItBroke() throws Exception {
        Path file = dir.resolve("cut.ply");
        PlyWriter.write(file, MeshShapes.grid(5, 5, 1f));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 7));

        CliRun run = CliRun.of("mesh", "info", file.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("cut.ply") && run.err().contains("byte offset"), run.err());
    }

    @Test
    void infoOfAMissingFileSaysSo() {
        CliRun run = CliRun.of("mesh", "info", dir.resolve("nope.obj").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no such file or directory") && run.err().contains("nope.obj"), run.err());
    }

    @Test
    void infoRefusesNanCoordinatesWithTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("nan.obj"), "v 0 0 0\nv 1 0 0\nv 1 NaN 0\nf 1 2 3\n");
        CliRun run = CliRun.of("mesh", "info", file.toString());
        assertEquals(2, run.exitCode(), run.out());
        assertEquals("ftgan: " + file + ": line 3: expected a finite number for the y coordinate, got \"NaN\"",
                run.err().strip());
    }
}
