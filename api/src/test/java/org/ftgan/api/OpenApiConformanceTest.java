package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.worker.temporal.TemporalCli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document says what the server enforces: schemathesis (PyPI, installed into
 * {@code .tools/schemathesis/} by {@code tools/install-schemathesis}, which this test runs when it is
 * missing) generates requests from {@code /openapi.json} with a fixed seed, valid and invalid alike,
 * sends them to the real stack with a write token, and runs every check it has: no 5xx, status codes,
 * content types, headers and bodies as documented, invalid input refused, valid input accepted, 405
 * for methods a path does not have. Bounded by examples per operation and a time budget (a few
 * minutes on 2 cores). Where the tool cannot be installed the test is skipped, except under
 * {@code CI=true}, where it fails.
 */
class OpenApiConformanceTest {
    private static final String SEED = "20261207";
    private static final String EXAMPLES_PER_OPERATION = "25";
    private static final long BUDGET_SECONDS = 180;

    @TempDir
    Path dir;

    @Test
    void schemathesisFindsNoServerErrorAndNothingTheDocumentDoesNotSay() throws Exception {
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        Path st = schemathesis(root);
        Path config = Path.of(OpenApiConformanceTest.class.getResource("/schemathesis.toml").toURI());
        try (ApiStackFixture stack = new ApiStackFixture(dir)) {
            seed(stack);
            List<String> command = new ArrayList<>(List.of(st.toString(), "--config-file", config.toString(), "run",
                    stack.url("/openapi.json"),
                    "--checks", "all", "--seed", SEED, "--max-examples", EXAMPLES_PER_OPERATION, "--workers", "1",
                    "--max-time", Long.toString(BUDGET_SECONDS - 60), "--request-timeout", "20",
                    "--header", "Authorization: Bearer " + stack.token,
                    "--report", "junit", "--report-dir", dir.resolve("report").toString()));
            Path log = dir.resolve("schemathesis.log");
            // run in the temporary directory: schemathesis keeps a cache of past failures in its working
            // directory, which would make one run depend on the ones before
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("NO_COLOR", "1");
            pb.environment().put("SCHEMATHESIS_HOOKS", "");
            pb.environment().put("FTGAN_ST_EXPERIMENTS_CURSOR", nextCursor(stack, "/api/experiments?sort=created_at&order=desc&limit=1"));
            pb.environment().put("FTGAN_ST_RUNS_CURSOR", nextCursor(stack, "/api/runs?sort=config.training.steps&order=asc&limit=1"));
            Process p = pb.start();
            if (!p.waitFor(BUDGET_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("schemathesis ran past " + BUDGET_SECONDS + " s:\n" + tail(log));
            }
            if (p.exitValue() != 0) {
                fail("schemathesis found mismatches between /openapi.json and the server (seed " + SEED + "):\n" + tail(log));
            }
        }
    }

    private static String nextCursor(ApiStackFixture stack, String pathAndQuery) throws IOException, InterruptedException {
        stack.api.awaitRecordChanges();
        var r = stack.get(pathAndQuery);
        String cursor = ApiStackFixture.json(r).path("next_cursor").asText("");
        if (r.statusCode() != 200 || cursor.isEmpty()) {
            throw new AssertionError(pathAndQuery + " gave no next_cursor: " + r.statusCode() + " " + r.body());
        }
        return cursor;
    }

    /** Two experiments, one with two runs, so that config keys exist (schemathesis.toml names them) and ids resolve. */
    private static void seed(ApiStackFixture stack) {
        for (String id : List.of("conformance", "conformance-other")) {
            ObjectNode definition = ApiStackFixture.JSON.createObjectNode().put("name", id);
            stack.records.experiments().insertIfAbsent(new NewExperiment(id, id, "seeded for schemathesis",
                    List.of("seeded"), definition, "name: " + id + "\n", "hash-" + id, "test"));
        }
        List<PlannedRun> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ObjectNode config = ApiStackFixture.JSON.createObjectNode();
            config.putObject("training").put("steps", 100).put("seed", i);
            runs.add(new PlannedRun(String.format("conformance-r%04d", i), "conformance", i, String.format("r%04d", i), config,
                    ApiStackFixture.JSON.createObjectNode(), "config-" + i, "hash-conformance", "dataset-1", "code-1", i, 100L));
        }
        stack.records.runs().insertIfAbsent(runs);
    }

    /** The CLI, installed when missing; a missing tool fails under CI rather than skipping quietly. */
    private static Path schemathesis(Path root) throws InterruptedException {
        Path script = root.resolve("tools/install-schemathesis");
        String problem;
        try {
            Process p = new ProcessBuilder("bash", script.toString()).directory(root.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0) {
                List<String> lines = output.lines().toList();
                Path cli = Path.of(lines.get(lines.size() - 1).strip());
                if (Files.isExecutable(cli)) {
                    return cli;
                }
            }
            problem = script + " failed:\n" + output;
        } catch (IOException e) {
            problem = script + " could not run: " + e.getMessage();
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("schemathesis is required under CI (.ci/run installs it with tools/install-schemathesis): " + problem);
        }
        Assumptions.abort("schemathesis is not installed and could not be (" + problem + ")");
        throw new AssertionError("unreachable");
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.length() <= 20_000 ? text : "...\n" + text.substring(text.length() - 20_000);
    }
}
