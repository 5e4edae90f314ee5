package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Step parity with the PyTorch reference, end to end: {@code ftgan reference-check} on the tiny config
 * in float64 passes the checker's tolerances (loss terms 1e-6, gradients and Adam updates 1e-5), and
 * the checker fails, naming the parameter, when one exported gradient is off by 1e-3. Needs a Python
 * with torch and numpy (.ci/run installs Debian's python3-torch) and ../shared/peer/ftgan_ref.py.
 */
class ReferenceCheckCommandTest {
    private static final Path CHECKER = Path.of("..", "tools", "reference_check.py").toAbsolutePath().normalize();
    private static String python;

    @BeforeAll
    static void needsPythonWithTorch() throws Exception {
        try {
            python = ReferenceCheckCommand.findPython();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI installs python3-torch for this test: " + e.getMessage());
            }
            Assumptions.abort(e.getMessage());
        }
    }

    @Test
    void tinyFloat64IterationMatchesTheReference(@TempDir Path dir) {
        CliRun run = CliRun.of("reference-check", "--config", "tiny", "--dtype", "float64", "--out", dir.resolve("x").toString(),
                "--checker", CHECKER.toString());
        skipIfReferenceMissing(run.out());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("reference check passed"), run.out());
        for (String line : List.of("generator", "discriminator.classifier.weight", "decoder.up0.conv.weight",
                "mapping.fc0.weight", "all discriminator parameters")) {
            assertTrue(run.out().contains(line), line + " reported in\n" + run.out());
        }
    }

    @Test
    void aGradientOffByOnePartInAThousandFailsTheCheckAndIsNamed(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("x");
        CliRun run = CliRun.of("reference-check", "--config", "tiny", "--out", export.toString(), "--export-only");
        assertEquals(0, run.exitCode(), run.err());
        Path grad = export.resolve("grad").resolve("decoder.fc.weight.npy");
        INDArray g = Nd4j.createFromNpyFile(grad.toFile());
        Nd4j.writeAsNumpy(g.mul(1.001), grad.toFile());

        Process p = new ProcessBuilder(python, CHECKER.toString(), export.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        skipIfReferenceMissing(out);
        assertEquals(1, code, out);
        assertTrue(out.contains("reference check FAILED"), out);
        assertTrue(out.contains("grad decoder.fc.weight: 1.000e-03"), out);
    }

    /**
     * Learning parity: the reference trained by tools/reference_train.py on ftgan reference-export's
     * export (same hierarchy, start, batch order and Adam) logs the same loss means as ftgan train, and
     * its parameters, scored by ftgan eval --parameters, give the same figures. Four float32 steps
     * stay within 1e-4 of each other (measured: 1e-7 after 20 steps).
     */
    @Test
    void theReferenceTrainedOnTheExportLearnsWhatFtganTrainLearns(@TempDir Path dir) throws Exception {
        assertEquals(0, CliRun.of("data", "synth", "--subjects", "3", "--expressions", "3", "--vertices", "652", "--frames", "9",
                "--out", dir.resolve("synth").toString()).exitCode());
        assertEquals(0, CliRun.of("data", "prepare", "--kind", "synthetic", "--root", dir.resolve("synth").toString(),
                "--out", dir.resolve("prepared").toString()).exitCode());
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(yaml, String.join("\n", "data: prepared", "output: java", "model: {preset: tiny}",
                "topology: {factors: [4, 4]}", "training: {steps: 4, batch: 4, lr: 1.0e-3, seed: 1, log_every: 2}",
                "evaluation: {triplets: 30, seed: 1, pool: all, every_steps: 0}", ""));
        CliRun train = CliRun.of("train", "--config", yaml.toString());
        assertEquals(0, train.exitCode(), train.err());
        CliRun export = CliRun.of("reference-export", "--config", yaml.toString(), "--out", dir.resolve("export").toString());
        assertEquals(0, export.exitCode(), export.err());

        Path trainer = CHECKER.resolveSibling("reference_train.py");
        Process p = new ProcessBuilder(python, trainer.toString(), dir.resolve("export").toString(), "--out",
                dir.resolve("reference").toString(), "--threads", "2").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        skipIfReferenceMissing(out);
        assertEquals(0, code, out);

        List<String> java = Files.readAllLines(dir.resolve("java").resolve("metrics.csv"));
        List<String> reference = Files.readAllLines(dir.resolve("reference").resolve("metrics.csv"));
        assertEquals(3, java.size(), "header and steps 2, 4: " + java);
        assertEquals(java.size(), reference.size(), reference.toString());
        for (int row = 1; row < java.size(); row++) {
            String[] j = java.get(row).split(",");
            String[] r = reference.get(row).split(",");
            assertEquals(j[0], r[0], "step");
            // metrics.csv: step, epoch, steps, samples/s, elapsed, then the 11 terms; the reference's: step, steps, terms
            for (int t = 0; t < 11; t++) {
                double a = Double.parseDouble(j[5 + t]);
                double b = Double.parseDouble(r[2 + t]);
                assertEquals(a, b, 1e-4 * Math.max(1, Math.abs(a)), "term " + t + " at step " + j[0]);
            }
        }
        CliRun javaEval = CliRun.of("eval", "--checkpoint", dir.resolve("java").resolve("checkpoints").toString());
        CliRun referenceEval = CliRun.of("eval", "--parameters", dir.resolve("reference").toString());
        assertEquals(0, javaEval.exitCode(), javaEval.err());
        assertEquals(0, referenceEval.exitCode(), referenceEval.err());
        double javaTransfer = figure(javaEval.out(), "E_transfer");
        assertTrue(javaTransfer > 0, javaEval.out());
        assertEquals(javaTransfer, figure(referenceEval.out(), "E_transfer"), 1e-3 * javaTransfer, referenceEval.out());
        assertEquals(figure(javaEval.out(), "E_rec"), figure(referenceEval.out(), "E_rec"), 1e-3 * javaTransfer);
    }

    /** The mean of a line "NAME   1.2345 +- ..." of ftgan eval's output. */
    private static double figure(String out, String name) {
        for (String line : out.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError(name + " not in " + out);
    }

    private static void skipIfReferenceMissing(String out) {
        Assumptions.assumeFalse(out.contains("ftgan_ref.py not found"), "the PyTorch reference is not on this machine: " + out);
    }

    @Test
    void anExportDirectoryWithFilesIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        CliRun run = CliRun.of("reference-check", "--out", dir.toString(), "--export-only");
        assertEquals(2, run.exitCode(), "a user error");
        assertTrue(run.err().contains("not empty"), run.err());
        assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
    }
}
