package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ftgan.worker.temporal.TemporalCli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftgan up} as a user runs it: its own process group in a terminal, stopped with Ctrl-C. */
class UpProcessTest {
    @TempDir
    Path dir;

    /** {@code ftgan up ARGS} in a session of its own (so that a Ctrl-C can be sent to its whole group). */
    private Process up(Path log, String... args) throws IOException {
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        List<String> cmd = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), FtganCommand.class.getName(), "up"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FTGAN_HOME", root.toString());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        return pb.start();
    }

    private static String awaitLine(Path log, Process p, Pattern pattern, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String text = Files.readString(log);
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(m.groupCount() > 0 ? 1 : 0);
            }
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "no " + pattern + " in:\n" + text);
            Thread.sleep(200);
        }
    }

    @Test
    void aPortInUseIsRefusedInOneLineNamingTheOptionThatAvoidsIt() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("up", "--data", dir.resolve("data").toString(), "--port",
                    Integer.toString(taken.getLocalPort()), "--no-quickstart");
            assertEquals(2, r.exitCode(), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains("port " + taken.getLocalPort()) && r.err().contains("--port"), r.err());
        }
    }

    @Test
    void ctrlCStopsTheWorkerFirstQuicklyAndQuietly() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid");
        Path log = dir.resolve("up.log");
        Process p = up(log, "--data", dir.resolve("data").toString(), "--port", "0", "--postgres-port", "0",
                "--temporal-port", "0", "--temporal-ui-port", "0");
        try {
            String api = awaitLine(log, p, Pattern.compile("API +(http://\\S+)/api/status"), 240);
            // the quickstart is training when the Ctrl-C comes
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            HttpClient http = HttpClient.newHttpClient();
            while (!http.send(HttpRequest.newBuilder(URI.create(api + "/api/runs?status=running")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"running\"")) {
                assertTrue(System.nanoTime() < deadline, "nothing trains: " + Files.readString(log));
                Thread.sleep(500);
            }
            long before = Files.readString(log).length();
            long start = System.nanoTime();
            // Ctrl-C in a terminal: SIGINT to every process of the foreground group
            assertEquals(0, new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ftgan up did not stop within 60 s:\n" + Files.readString(log));
            double seconds = (System.nanoTime() - start) / 1e9;
            String after = Files.readString(log).substring((int) before);
            assertTrue(seconds < 15, "stopping took " + seconds + " s:\n" + after);
            assertFalse(after.contains("WARN") || after.contains("UNAVAILABLE") || after.contains("\tat "),
                    "the stop is quiet:\n" + after);
        } finally {
            p.destroyForcibly();
        }
    }
}
