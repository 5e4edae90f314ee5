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

    @Test
    void thePresetSetsTheExpressionSettingsAndExplicitOptionsWin() throws Exception {
        Path out = dir.resolve("calibrated");
        CliRun run = CliRun.of("data", "synth", "--preset", "calibrated", "--subjects", "2", "--expressions", "1", "--vertices", "400",
                "--frames", "29", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wrote 2 subjects, 2 sequences, 58 frames"), run.out());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("synthetic.json").toFile());
        assertEquals(2.8, json.get("identityDependence").asDouble());
        assertEquals(12, json.get("peakHoldFrames").asInt());
        assertEquals(29, json.get("framesPerSequence").asInt());
    }

    @Test
    void theHelpDescribesThePresetsAsTheyAre() {
        String help = CliRun.of("data", "synth", "--help").out().replaceAll("\\s+", " ");
        org.ftgan.data.synthetic.SyntheticPreset c = org.ftgan.data.synthetic.SyntheticPreset.CALIBRATED;
        assertTrue(help.contains("calibrated (" + c.frames() + " frames, peaks held " + c.peakHoldFrames() + " frames, identity dependence "
                + c.identityDependence() + ":"), help);
    }

    @Test
    void anUnknownPresetOrTooShortAHoldIsRefusedWithWhatIsExpected() {
        CliRun run = CliRun.of("data", "synth", "--preset", "hard", "--out", dir.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown synthetic preset \"hard\", expected one of default, calibrated"), run.err());
        CliRun hold = CliRun.of("data", "synth", "--peak-hold", "12", "--out", dir.resolve("y").toString());
        assertEquals(2, hold.exitCode());
        assertTrue(hold.err().contains("frames per sequence must be at least 53 for a peak hold of 12 frames"), hold.err());
        CliRun k = CliRun.of("data", "synth", "--identity-dependence", "9", "--out", dir.resolve("z").toString());
        assertEquals(2, k.exitCode());
        assertTrue(k.err().contains("identityDependence must be between 0 and 5.0"), k.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
