package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ftgan.cli.stack.EmbeddedStack;
import org.ftgan.cli.stack.StackOptions;
import org.ftgan.records.ApiTokenRecords;
import org.ftgan.worker.temporal.TemporalCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a real stack: PostgreSQL, the Temporal dev server, a worker and the API. */
class ClientCommandsTest {
    private static final String SWEEP = """
            name: client-sweep
            dataset:
              kind: synthetic
              synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
            model: {preset: tiny}
            topology: {factors: [4, 4]}
            training: {steps: 10, batch: 4, seed: 1, log_every: 5}
            evaluation: {triplets: 10, seed: 1, pool: all}
            sweep: {grid: {training: {seed: [1, 2]}}, max_parallel: 2}
            """;

    @TempDir
    static Path dir;
    static EmbeddedStack stack;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        stack = EmbeddedStack.start(new StackOptions(dir.resolve("data"), 0, 0, null, 0, 0, null, root),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        token = new ApiTokenRecords(stack.records().db()).create("client-test");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static CliRun run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--api";
        all[args.length + 1] = stack.apiUrl();
        all[args.length + 2] = "--token";
        all[args.length + 3] = token;
        return CliRun.of(all);
    }

    @Test
    void submitWatchListShowCompareTableAndCancelThroughTheApi() throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, SWEEP);
        CliRun submitted = run("submit", file.toString());
        assertEquals(0, submitted.exitCode(), submitted.err());
        assertTrue(submitted.out().startsWith("submitted client-sweep-"), submitted.out());
        String id = submitted.out().split(" ")[1];

        CliRun watched = run("watch", id);
        assertEquals(0, watched.exitCode(), watched.err());
        assertTrue(watched.out().contains("end") && watched.out().contains("succeeded"), watched.out());

        CliRun listed = run("ls");
        assertTrue(listed.out().contains(id) && listed.out().contains("succeeded"), listed.out());
        CliRun runs = run("ls", "--experiment", id);
        assertTrue(runs.out().contains(id + "-r0000") && runs.out().contains(id + "-r0001"), runs.out());

        CliRun shown = run("show", id + "-r0000");
        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("\"config\"") && shown.out().contains("e_rec"), shown.out());

        CliRun compared = run("compare", id + "-r0000", id + "-r0001");
        assertEquals(0, compared.exitCode(), compared.err());
        assertTrue(compared.out().contains("seed"), "the differing key is shown: " + compared.out());

        CliRun table = run("table", id, "--format", "csv");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("r0000") && table.out().contains("r0001"), table.out());

        CliRun cancel = run("cancel", id);
        assertEquals(2, cancel.exitCode(), "an ended experiment cannot be cancelled: " + cancel.out());
        assertTrue(cancel.err().contains("409"), cancel.err());

        CliRun added = run("add-points", id, "2");
        assertEquals(2, added.exitCode(), "an ended experiment takes no search points: " + added.out());
        assertTrue(added.err().contains("409"), added.err());

        CliRun parallel = run("max-parallel", id, "3");
        assertEquals(2, parallel.exitCode(), "an ended experiment's parallelism cannot change: " + parallel.out());
        assertTrue(parallel.err().contains("already ended"), parallel.err());

        // one named run, continued from 10 to 15 steps
        CliRun continued = run("continue", id, "--steps", "15", "--runs", id + "-r0001");
        assertEquals(0, continued.exitCode(), continued.err());
        assertEquals("continuing 1 run of " + id + " to 15 steps: " + id + "-r0001", continued.out().strip());
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (stack.records().runs().find(id + "-r0001").orElseThrow().status() != org.ftgan.names.RunStatus.SUCCEEDED
                || stack.records().runs().find(id + "-r0001").orElseThrow().lastStep() != 15L
                || !stack.records().experiments().find(id).orElseThrow().status().isTerminal()) {
            assertTrue(System.nanoTime() < deadline, "the continued run did not reach 15 steps");
            Thread.sleep(250);
        }
        // r0000 has trained 10 steps, r0001 15: none is short of 10
        CliRun reached = run("continue", id, "--steps", "10", "--top", "2");
        assertEquals(2, reached.exitCode(), reached.out());
        assertTrue(reached.err().contains("no run that can be continued to 10 steps"), reached.err());
    }

    @Test
    void transferAndNeutralizeWriteMeshesOfATrainedRun() throws Exception {
        Path file = dir.resolve("explore.yaml");
        Files.writeString(file, SWEEP.replace("name: client-sweep", "name: client-explore")
                .replace("sweep: {grid: {training: {seed: [1, 2]}}, max_parallel: 2}", ""));
        CliRun submitted = run("submit", file.toString());
        assertEquals(0, submitted.exitCode(), submitted.err());
        String id = submitted.out().split(" ")[1];
        CliRun watched = run("watch", id);
        assertEquals(0, watched.exitCode(), watched.err());
        String runId = id + "-r0000";

        Path byIndex = dir.resolve("transfer.ply");
        CliRun transfer = run("transfer", "--run", runId, "--content", "0", "--style", "5", "--alpha", "1.5", "--out", byIndex.toString());
        assertEquals(0, transfer.exitCode(), transfer.err());
        org.ftgan.mesh.Mesh transferred = org.ftgan.mesh.MeshFiles.read(byIndex);
        assertEquals(653, transferred.vertexCount(), "the synthetic template of 652 requested vertices");

        // a file on the template's topology is uploaded: the transfer's own output, in mm
        Path neutral = dir.resolve("neutral.ply");
        CliRun neutralize = run("neutralize", "--run", runId, "--mesh", byIndex.toString(), "--unit", "mm", "--out", neutral.toString());
        assertEquals(0, neutralize.exitCode(), neutralize.err());
        assertTrue(org.ftgan.mesh.MeshFiles.read(neutral).sameTopology(transferred));

        CliRun outOfRange = run("transfer", "--run", runId, "--content", "0", "--style", "100000", "--out", byIndex.toString());
        assertEquals(2, outOfRange.exitCode(), outOfRange.out());
        assertTrue(outOfRange.err().contains("style: sample 100000"), outOfRange.err());
    }

    @Test
    void refusedSubmissionsSayWhy() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, SWEEP.replace("name: client-sweep", "name: client-bad").replace("log_every: 5", "log_evry: 5"));
        CliRun r = run("submit", bad.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(bad + ": ") && r.err().contains("training.log_evry"), r.err());

        CliRun noToken = CliRun.of("submit", bad.toString(), "--api", stack.apiUrl(), "--token", "");
        assertEquals(2, noToken.exitCode());
        assertTrue(noToken.err().toLowerCase().contains("unauthorized") || noToken.err().contains("token"), noToken.err());
    }
}
