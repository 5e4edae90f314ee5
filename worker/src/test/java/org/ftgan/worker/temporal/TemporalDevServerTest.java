package org.ftgan.worker.temporal;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ftgan.workflows.PlatformDefaults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real {@code temporal server start-dev}, installing the CLI with tools/install-temporal when absent. */
class TemporalDevServerTest {

    private static final String HOST = "127.0.0.1";
    private static final String TASK_QUEUE = "devserver-test";
    private static final String WORKFLOW_ID = "greeting-1";

    private static Path cli;

    @BeforeAll
    static void installCli() throws IOException, InterruptedException {
        Path root = TemporalCli.findProjectRoot(Path.of(""))
                .orElseThrow(() -> new IllegalStateException("no tools/install-temporal above " + Path.of("").toAbsolutePath()));
        cli = TemporalCli.findOrInstall(root);
    }

    @Test
    void runsAWorkflowEndToEndAndFindsItAgainAfterARestart(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("temporal.db");
        Path log = dir.resolve("temporal.log");

        TemporalDevServer first = TemporalDevServer.start(cli, db, HOST, 0, 0, log);
        try (first) {
            assertEquals(HOST + ":" + first.port(), first.target());
            WorkflowServiceStubs stubs = stubs(first);
            WorkflowClient client = WorkflowClient.newInstance(stubs,
                    WorkflowClientOptions.newBuilder().setNamespace(PlatformDefaults.NAMESPACE).build());
            WorkerFactory factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(TASK_QUEUE);
            worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
            worker.registerActivitiesImplementations(new GreetingActivitiesImpl());
            factory.start();
            try {
                GreetingWorkflow workflow = client.newWorkflowStub(GreetingWorkflow.class, WorkflowOptions.newBuilder()
                        .setTaskQueue(TASK_QUEUE)
                        .setWorkflowId(WORKFLOW_ID)
                        .setWorkflowExecutionTimeout(Duration.ofSeconds(60))
                        .build());

                assertEquals("Hello, mesh!", workflow.greet("mesh"));
            } finally {
                factory.shutdownNow();
                factory.awaitTermination(10, TimeUnit.SECONDS);
                stubs.shutdownNow();
            }
        }
        assertFalse(first.isRunning(), "the server process must be gone after close()");
        assertTrue(Files.size(db) > 0, "state must be in " + db);

        int uiPort = freePort();
        try (TemporalDevServer second = TemporalDevServer.start(cli, db, HOST, 0, uiPort, log)) {
            WorkflowServiceStubs stubs = stubs(second);
            try {
                WorkflowExecutionStatus status = stubs.blockingStub().describeWorkflowExecution(
                        DescribeWorkflowExecutionRequest.newBuilder()
                                .setNamespace(PlatformDefaults.NAMESPACE)
                                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID))
                                .build())
                        .getWorkflowExecutionInfo().getStatus();
                assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, status);

                WorkflowClient client = WorkflowClient.newInstance(stubs,
                        WorkflowClientOptions.newBuilder().setNamespace(PlatformDefaults.NAMESPACE).build());
                assertEquals("Hello, mesh!", client.newUntypedWorkflowStub(WORKFLOW_ID).getResult(String.class));
            } finally {
                stubs.shutdownNow();
            }
            assertEquals(200, httpStatus("http://" + HOST + ":" + uiPort + "/"), "the Web UI must answer on " + uiPort);
        }
    }

    @Test
    void serverDiesWithTheJvmThatStartedIt(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DevServerInChildJvm.class.getName(), cli.toString(), dir.resolve("temporal.db").toString(),
                dir.resolve("temporal.log").toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        long serverPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("pid "),
                    "child JVM printed " + line + "; stderr: " + Files.readString(dir.resolve("child.err")));
            serverPid = Long.parseLong(line.substring(4));
            assertTrue(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false));

            child.destroy();  // SIGTERM: the JVM runs its shutdown hooks
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child JVM did not exit");
        } finally {
            child.destroyForcibly();
        }
        assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false),
                "dev server " + serverPid + " outlived the JVM that started it");
    }

    @Test
    void serverIsOutOfTheTerminalsReachAndStillDiesWithAKilledJvm(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DevServerInChildJvm.class.getName(), cli.toString(), dir.resolve("temporal.db").toString(),
                dir.resolve("temporal.log").toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        long serverPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("pid "),
                    "child JVM printed " + line + "; stderr: " + Files.readString(dir.resolve("child.err")));
            serverPid = Long.parseLong(line.substring(4));
            // a Ctrl-C goes to the terminal's foreground process group: the server is not in the JVM's
            assertTrue(!processGroup(serverPid).equals(processGroup(child.pid())),
                    "the server shares the JVM's process group " + processGroup(child.pid()));
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child JVM did not exit");
        } finally {
            child.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(System.nanoTime() < deadline, "dev server " + serverPid + " outlived the JVM killed with SIGKILL");
            Thread.sleep(100);
        }
    }

    /** Field 5 of /proc/PID/stat (after the parenthesized command, which may hold spaces). */
    private static String processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2];
    }

    @Test
    void missingBinaryIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir/temporal");

        IOException e = assertThrows(IOException.class, () -> TemporalDevServer.start(
                missing, dir.resolve("temporal.db"), HOST, 0, 0, dir.resolve("temporal.log")));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("tools/install-temporal"), e.getMessage());
    }

    @Test
    void serverThatCannotStartReportsItsLog(@TempDir Path dir) throws IOException {
        // the db path is a directory, which SQLite cannot open: the server exits and its log says why
        Path notAFile = Files.createDirectories(dir.resolve("db-is-a-directory"));
        Path log = dir.resolve("temporal.log");

        IOException e = assertThrows(IOException.class,
                () -> TemporalDevServer.start(cli, notAFile, HOST, 0, 0, log, Duration.ofSeconds(30)));

        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
        String logText = Files.readString(log).strip();
        assertFalse(logText.isEmpty());
        String lastLine = logText.lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(e.getMessage().contains(lastLine), "message must carry the log tail: " + e.getMessage());
    }

    private static WorkflowServiceStubs stubs(TemporalDevServer server) {
        return WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static int httpStatus(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(5000);
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
