package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyCommandTest {
    @TempDir
    Path dir;

    @Test
    void buildPrintsEveryLevelThenLoadsTheCacheAndRebuildsADamagedOne() throws Exception {
        Path template = dir.resolve("sphere.obj");
        MeshFiles.write(template, MeshShapes.icosphere(4)); // 2562 vertices
        Path out = dir.resolve("topo");

        CliRun first = CliRun.of("topology", "build", template.toString(), "--factors", "4,4,4", "--out", out.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("built and cached"), first.out());
        for (String counts : new String[] {"2562", "641", "161", "41"}) {
            assertTrue(first.out().contains(" " + counts + " "), "level with " + counts + " vertices in\n" + first.out());
        }
        assertEquals(41, MeshFiles.read(out.resolve("level-3.ply")).vertexCount());

        CliRun second = CliRun.of("topology", "build", template.toString(), "--factors", "4,4,4", "--out", out.toString());
        assertTrue(second.out().contains("loaded from cache"), second.out());

        Path cache;
        try (Stream<Path> files = Files.list(out)) {
            cache = files.filter(p -> p.getFileName().toString().startsWith("hierarchy-")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(cache);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(cache, bytes);
        CliRun third = CliRun.of("topology", "build", template.toString(), "--factors", "4,4,4", "--out", out.toString());
        assertEquals(0, third.exitCode(), third.err());
        assertTrue(third.out().contains("rebuilt"), third.out());
    }

    @Test
    void factorsTooLargeForTheMeshAreAUserErrorNamingTheLevel() throws Exception {
        Path template = dir.resolve("small.ply");
        MeshFiles.write(template, MeshShapes.icosphere(1)); // 42 vertices
        CliRun run = CliRun.of("topology", "build", template.toString(), "--factors", "4,4,4", "--out", dir.resolve("t").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("small.ply") && run.err().contains("level"), run.err());
    }
}
