package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ftgan.cli.stack.EmbeddedStack;
import org.ftgan.cli.stack.StackOptions;
import org.ftgan.records.NewExperiment;
import org.ftgan.worker.temporal.TemporalCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ftgan watch} when the API goes away before the experiment ends. */
class WatchCommandTest {
    @TempDir
    Path dir;

    @Test
    void watchFailsWithAMessageWhenTheApiGoesAwayMidStream() throws Exception {
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        EmbeddedStack stack = EmbeddedStack.start(new StackOptions(dir.resolve("data"), 0, 0, null, 0, 0, null, root),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String api = stack.apiUrl();
        // an experiment that never ends: recorded, no workflow
        stack.records().experiments().insertIfAbsent(new NewExperiment("forever-0000000000", "forever", "", List.of(),
                new ObjectMapper().createObjectNode().put("name", "forever"), "name: forever\n", "h", "test"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> {
            CommandLine cl = FtganCommand.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return cl.execute("watch", "forever-0000000000", "--api", api);
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!out.toString().contains("experiment")) {
                assertTrue(System.nanoTime() < deadline, "watch printed nothing: " + err);
                Thread.sleep(100);
            }
        } finally {
            stack.close();
        }
        int code = watch.get(60, TimeUnit.SECONDS);
        assertNotEquals(0, code, "watch must not succeed when the experiment did not end; out: " + out + " err: " + err);
        assertTrue(err.toString().contains("ftgan watch: ") && err.toString().contains(api)
                && err.toString().contains("before experiment forever-0000000000 ended"), err.toString());
        assertEquals(1, code);
    }
}
