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
