package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSynthCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheComaLayoutDeterministically() throws Exception {
        String[] args = {"data", "synth", "--subjects", "2", "--expressions", "2", "--vertices", "600", "--frames", "7",
                "--seed", "5", "--stats"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        CliRun run = CliRun.of(concat(args, "--out", a.toString()));
        CliRun.of(concat(args, "--out", b.toString()));

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wrote 2 subjects, 4 sequences, 28 frames"), run.out());
        assertTrue(run.out().contains("blendshape-transfer error at the peaks"), run.out());
        Path frame = Path.of("synth_001", "cheeks_in", "cheeks_in.000003.ply");
        assertTrue(Files.exists(a.resolve("template.ply")) && Files.exists(a.resolve("synthetic.json")));
        assertArrayEquals(Files.readAllBytes(a.resolve(frame)), Files.readAllBytes(b.resolve(frame)));
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        CliRun run = CliRun.of("data", "synth", "--subjects", "0", "--out", dir.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("subjects"), run.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
