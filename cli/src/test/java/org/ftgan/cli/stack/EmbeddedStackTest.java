package org.ftgan.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.worker.temporal.TemporalCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ftgan up`'s stack on real components: start, serve, stop, start again on the same data dir. */
class EmbeddedStackTest {
    private static final String QUICK = """
            name: stack-quick
            dataset:
              kind: synthetic
              synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
            model: {preset: tiny}
            topology: {factors: [4, 4]}
            training: {steps: 10, batch: 4, seed: 1, log_every: 5}
            evaluation: {triplets: 10, seed: 1, pool: all}
            """;

    @TempDir
    Path dir;

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    @Test
    void startsServesStopsAndFindsEverythingAgain() throws Exception {
        Path quick = dir.resolve("quick.yaml");
        Files.writeString(quick, QUICK);
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        StackOptions options = new StackOptions(dir.resolve("data"), 0, 0, null, 0, 0, quick, root);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String id;
        try (EmbeddedStack stack = EmbeddedStack.start(options, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            id = stack.quickstartId();
            assertNotNull(id, "a fresh data dir gets the quickstart");
            assertTrue(stack.apiUrl().startsWith("http://127.0.0.1:"));
            assertTrue(get(stack.apiUrl() + "/api/health").contains("\"ok\""));
            assertTrue(get(stack.apiUrl() + "/api/status").contains(id));
        }
        try (EmbeddedStack again = EmbeddedStack.start(options, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertNull(again.quickstartId(), "not submitted twice");
            assertTrue(get(again.apiUrl() + "/api/status").contains(id), "the first start's experiment is found");
            long deadline = System.nanoTime() + 240_000_000_000L;
            while (again.records().experiments().find(id).orElseThrow().status() != ExperimentStatus.SUCCEEDED) {
                ExperimentStatus s = again.records().experiments().find(id).orElseThrow().status();
                assertTrue(!s.isTerminal() && System.nanoTime() < deadline, "experiment " + id + " is " + s);
                Thread.sleep(500);
            }
        }
    }

    @Test
    void twoSlotsTrainTwoRunsOfAnExperimentAtOnce() throws Exception {
        String sweep = QUICK.replace("stack-quick", "stack-parallel").replace("steps: 10,", "steps: 100000,")
                + "sweep: {grid: {training: {seed: [1, 2]}}, max_parallel: 2}\n";
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        StackOptions options = new StackOptions(dir.resolve("parallel"), 0, 0, null, 0, 0, null, root, 2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (EmbeddedStack stack = EmbeddedStack.start(options, new PrintStream(log, true, StandardCharsets.UTF_8));
             org.ftgan.workflows.TemporalConnection temporal = org.ftgan.workflows.TemporalConnection.connect(
                     stack.temporalTarget(), "default", "test")) {
            org.ftgan.workflows.ExperimentSubmitter submitter = new org.ftgan.workflows.ExperimentSubmitter(temporal.client(),
                    stack.records().experiments(), org.ftgan.workflows.ExperimentSubmitter.Options.DEFAULTS);
            String id = submitter.submit(sweep, "parallel.yaml", java.util.Map.of(), "test").experimentId();
            long deadline = System.nanoTime() + 240_000_000_000L;
            while (stack.records().runs().countByStatus(id).get(org.ftgan.names.RunStatus.RUNNING) < 2) {
                assertTrue(System.nanoTime() < deadline, "two runs never trained at once: "
                        + stack.records().runs().countByStatus(id));
                Thread.sleep(250);
            }
            submitter.cancelExperiment(id);
        }
    }

    @Test
    void aSecondStackOnADataDirInUseOrOnAPortInUseIsRefusedInOneLineNamingTheOption() throws Exception {
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        Path data = dir.resolve("busy");
        try (EmbeddedStack first = EmbeddedStack.start(new StackOptions(data, 0, 0, null, 0, 0, null, root), out)) {
            org.ftgan.worker.StartRefusedException sameDir = org.junit.jupiter.api.Assertions.assertThrows(
                    org.ftgan.worker.StartRefusedException.class,
                    () -> EmbeddedStack.start(new StackOptions(data, 0, 0, null, 0, 0, null, root), out));
            assertTrue(sameDir.getMessage().contains(data.toString()) && sameDir.getMessage().contains("--data")
                    && sameDir.getMessage().contains("pid " + ProcessHandle.current().pid()), sameDir.getMessage());
            assertTrue(get(first.apiUrl() + "/api/health").contains("\"ok\""), "the first stack is untouched");
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path other = dir.resolve("other");
            for (Object[] c : new Object[][] {
                    {new StackOptions(other, port, 0, null, 0, 0, null, root), "--port"},
                    {new StackOptions(other, 0, port, null, 0, 0, null, root), "--postgres-port"},
                    {new StackOptions(other, 0, 0, null, port, 0, null, root), "--temporal-port"},
                    {new StackOptions(other, 0, 0, null, 0, port, null, root), "--temporal-ui-port"}}) {
                org.ftgan.worker.StartRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
                        org.ftgan.worker.StartRefusedException.class, () -> EmbeddedStack.start((StackOptions) c[0], out));
                assertTrue(e.getMessage().contains("port " + port) && e.getMessage().contains((String) c[1])
                        && !e.getMessage().contains("\n"), e.getMessage());
            }
        }
        // one port asked for twice: refused before anything starts, naming both options
        int twice = 7391;
        org.ftgan.worker.StartRefusedException clash = org.junit.jupiter.api.Assertions.assertThrows(
                org.ftgan.worker.StartRefusedException.class,
                () -> EmbeddedStack.start(new StackOptions(dir.resolve("clash"), twice, 0, null, twice, 0, null, root), out));
        assertEquals("--port and --temporal-port both ask for port 7391; give each its own (0: any free port)", clash.getMessage());
    }

    @Test
    void aPostgresLeftRunningByAKilledStackIsFoundStoppedAndStartedAgainSayingSo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path data = dir.resolve("orphan");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PostgresInChildJvm.class.getName(), data.toString())
                .redirectError(dir.resolve("child.err").toFile()).start();
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertTrue(line != null && line.startsWith("port "), line + " " + Files.readString(dir.resolve("child.err")));
        }
        child.destroyForcibly().waitFor();
        Path pidFile = data.resolve("postgres/pgdata/postmaster.pid");
        long orphan = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "PostgreSQL outlived SIGKILL");

        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (EmbeddedStack stack = EmbeddedStack.start(new StackOptions(data, 0, 0, null, 0, 0, null, root),
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            String said = log.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("found PostgreSQL (pid " + orphan + ")"), said);
            assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false) == false, "the orphan is gone");
            assertTrue(stack.records().experiments().listRecent(1).isEmpty());
        }
    }

    @Test
    void withoutATemporalCliFallsBackToTheInProcessTestServerAndSaysWhatThatLoses() throws Exception {
        // only meaningful where no temporal CLI is reachable without the checkout (CI: none on PATH)
        org.junit.jupiter.api.Assumptions.assumeTrue(TemporalCli.find(System.getenv(), dir).isEmpty(),
                "a temporal CLI is on PATH or in FTGAN_TEMPORAL_CLI here");
        Path quick = dir.resolve("quick.yaml");
        Files.writeString(quick, QUICK.replace("stack-quick", "stack-fallback"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StackOptions options = new StackOptions(dir.resolve("fallback"), 0, 0, null, 0, 0, quick, null);
        try (EmbeddedStack stack = EmbeddedStack.start(options, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertTrue(stack.temporalInProcess());
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("keeps nothing across restarts"), log.toString());
            String id = stack.quickstartId();
            long deadline = System.nanoTime() + 240_000_000_000L;
            while (stack.records().experiments().find(id).orElseThrow().status() != ExperimentStatus.SUCCEEDED) {
                ExperimentStatus s = stack.records().experiments().find(id).orElseThrow().status();
                assertTrue(!s.isTerminal() && System.nanoTime() < deadline, "experiment " + id + " is " + s);
                Thread.sleep(500);
            }
        }
    }
}
