package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard end to end: the scenarios of {@code web/e2e/run.mjs} (submit through the page,
 * watch progress, a run and its 3D viewer, compare, tables, an experiment of 10,000 runs seeded through
 * the repositories and named in {@code FTGAN_LARGE_EXPERIMENT}, an early-stopped ASHA sweep seeded the
 * same way and named in {@code FTGAN_EARLY_STOPPED_EXPERIMENT}) in headless Chromium against a real
 * stack: embedded PostgreSQL, the Temporal dev server, a worker, and this build's API serving the
 * bundled dashboard. Screenshots land in {@code web/target/e2e-screenshots}. Chromium comes from
 * Debian ({@code tools/install-chromium}, which this test runs when the browser is missing).
 */
class DashboardEndToEndTest {
    @TempDir
    static Path dir;
    static final int LARGE_RUNS = 10_000;
    static ApiStackFixture stack;
    static String largeExperiment;
    static String earlyStoppedExperiment;

    @BeforeAll
    static void start() throws Exception {
        stack = new ApiStackFixture(dir);
        // seeded before node starts: the experiment page's scenario of a 10,000-run table reads it
        largeExperiment = LargeExperimentSeed.seed(stack.records, "large-sweep-e2e", LARGE_RUNS);
        // and the early-stopping scenario's ASHA sweep, its decisions made by the workflow's own book
        earlyStoppedExperiment = EarlyStoppedExperimentSeed.seed(stack.records, "asha-sweep-e2e").experimentId();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyScenarioPassesInHeadlessChromium() throws Exception {
        Path web = projectRoot().resolve("web");
        String chromium = chromium();
        Path log = dir.resolve("e2e.log");
        ProcessBuilder node = new ProcessBuilder("node", "e2e/run.mjs").directory(web.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        node.environment().put("FTGAN_URL", stack.url(""));
        node.environment().put("FTGAN_TOKEN", stack.token);
        node.environment().put("FTGAN_SCREENSHOTS", web.resolve("target/e2e-screenshots").toString());
        node.environment().put("CHROMIUM", chromium);
        node.environment().put("FTGAN_LARGE_EXPERIMENT", largeExperiment);
        node.environment().put("FTGAN_EARLY_STOPPED_EXPERIMENT", earlyStoppedExperiment);
        Process p = node.start();
        boolean finished = p.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertEquals(true, finished, "the scenarios did not finish in 15 minutes:\n" + output);
        assertEquals(0, p.exitValue(), "dashboard scenarios failed (screenshots in web/target/e2e-screenshots):\n" + output);
        assertEquals(List.of(), output.lines().filter(l -> l.startsWith("skip ")).toList(),
                "every scenario runs here (the stack seeds what they need)");
    }

    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("web/e2e/run.mjs"))) {
                return p;
            }
        }
        throw new IllegalStateException("no web/e2e/run.mjs above " + here);
    }

    /** Debian's chromium, installed by tools/install-chromium when missing. */
    private static String chromium() throws IOException, InterruptedException {
        Path script = projectRoot().resolve("tools/install-chromium");
        Process p = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException("Chromium is needed for the dashboard tests and could not be installed"
                    + " (run tools/install-chromium as root)");
        }
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }
}
