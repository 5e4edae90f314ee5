package org.ftgan.worker.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ftgan.workflows.PlatformDefaults;

/**
 * A real Temporal server run as a child process: {@code temporal server start-dev}, persisting to a SQLite
 * file so that workflows survive restarts. The namespace {@value PlatformDefaults#NAMESPACE} exists once
 * {@link #start} returns.
 *
 * <p>{@link #close()} (or {@link #stop()}) ends the server; a JVM shutdown hook does the same if the JVM
 * exits normally or on SIGTERM/SIGINT first. The server runs in a session of its own, so a Ctrl-C in
 * the terminal reaches only the JVM; a JVM killed with SIGKILL cannot run hooks, and the wrapper
 * stops the server when the JVM's end of its stdin pipe closes (see {@link #detachedFromTerminal}).
 */
public final class TemporalDevServer implements AutoCloseable {

    /** How long {@link #start(Path, Path, String, int, int, Path)} waits for the frontend to answer. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final String host;
    private final int port;
    private final int uiPort;
    private final Path logFile;
    private final long logStart;
    private final Thread shutdownHook;

    private TemporalDevServer(Process process, String host, int port, int uiPort, Path logFile, long logStart) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.uiPort = uiPort;
        this.logFile = logFile;
        this.logStart = logStart;
        this.shutdownHook = new Thread(this::terminate, "temporal-dev-server-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** {@link #start(Path, Path, String, int, int, Path, Duration)} with {@link #DEFAULT_READY_TIMEOUT}. */
    public static TemporalDevServer start(Path cli, Path dbFile, String host, int port, int uiPort, Path logFile)
            throws IOException, InterruptedException {
        return start(cli, dbFile, host, port, uiPort, logFile, DEFAULT_READY_TIMEOUT);
    }

    /**
     * Starts the server and waits until its frontend serves the namespace {@value PlatformDefaults#NAMESPACE}.
     *
     * @param cli the Temporal CLI binary (see {@link TemporalCli})
     * @param dbFile SQLite file holding the server's state; created when missing, reused when present
     * @param host address the frontend (and UI) bind to, e.g. {@code 127.0.0.1}
     * @param port frontend gRPC port; 0 picks a free one
     * @param uiPort Web UI port; 0 runs without UI ({@code --headless})
     * @param logFile the server's stdout and stderr are appended here
     * @param readyTimeout how long to wait for the frontend
     * @throws IOException when the binary is missing, the process exits early, or the frontend does not
     *     answer in time; the message carries the tail of this run's log
     */
    public static TemporalDevServer start(Path cli, Path dbFile, String host, int port, int uiPort, Path logFile,
                                          Duration readyTimeout) throws IOException, InterruptedException {
        if (!Files.isRegularFile(cli) || !Files.isExecutable(cli)) {
            throw new IOException("Temporal CLI binary not found or not executable: " + cli
                    + " (install it with tools/install-temporal or set " + TemporalCli.ENV_CLI + ")");
        }
        if (port < 0 || port > 65535 || uiPort < 0 || uiPort > 65535) {
            throw new IllegalArgumentException("ports must be in 0..65535, got port=" + port + " uiPort=" + uiPort);
        }
        int frontendPort = port == 0 ? freePort(host) : port;
        createParent(dbFile);
        createParent(logFile);
        long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;

        List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev",
                "--db-filename", dbFile.toAbsolutePath().toString(),
                "--ip", host,
                "--port", Integer.toString(frontendPort),
                "--namespace", PlatformDefaults.NAMESPACE,
                "--log-level", "warn"));
        if (uiPort == 0) {
            command.add("--headless");
        } else {
            command.addAll(List.of("--ui-port", Integer.toString(uiPort)));
        }
        Process process = new ProcessBuilder(detachedFromTerminal(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        TemporalDevServer server = new TemporalDevServer(process, host, frontendPort, uiPort, logFile, logStart);
        try {
            server.awaitReady(readyTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    /** The frontend as {@code 127.0.0.1:port} (or {@code host:port} when bound to another address). */
    public String target() {
        return clientHost() + ":" + port;
    }

    /** The frontend gRPC port. */
    public int port() {
        return port;
    }

    /** The Web UI port, 0 when running headless. */
    public int uiPort() {
        return uiPort;
    }

    /** Process id of the server (not of its wrapper), for diagnostics and for checking that it is gone. */
    public long pid() {
        return process.descendants().filter(h -> h.info().arguments().map(a -> a.length > 1 && a[0].equals("server")
                        && a[1].equals("start-dev")).orElse(false))
                .findFirst().orElse(process.toHandle()).pid();
    }

    /** Whether the server process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * The caller stops the server itself on JVM exit, after what still needs it (the embedded stack
     * stops its worker first); without this, the server's own hook may stop it concurrently.
     */
    public void leaveStopOnExitToCaller() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is already exiting and runs the hook itself
        }
    }

    /**
     * Stops the server: SIGTERM to it and its child processes, a grace period, then SIGKILL. Idempotent.
     */
    public void stop() {
        terminate();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is already exiting and runs the hook itself
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void terminate() {
        try {
            process.getOutputStream().close(); // the wrapper (see detachedFromTerminal) stops the server
        } catch (IOException ignored) {
            // already closed
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACEFUL_STOP.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception timedOut) {
                break;
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the TCP port first (cheap, and keeps gRPC's reconnect backoff out of the start time), then
     * for the namespace to be served, which is what workers and clients need.
     */
    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!portAccepts()) {
            checkAliveAndTime(deadline, timeout, "the frontend port to accept connections");
            Thread.sleep(100);
        }
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
        try {
            DescribeNamespaceRequest request = DescribeNamespaceRequest.newBuilder()
                    .setNamespace(PlatformDefaults.NAMESPACE).build();
            while (true) {
                try {
                    stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).describeNamespace(request);
                    return;
                } catch (StatusRuntimeException notYet) {
                    checkAliveAndTime(deadline, timeout,
                            "namespace '" + PlatformDefaults.NAMESPACE + "' (last answer: " + notYet.getStatus() + ")");
                    Thread.sleep(100);
                }
            }
        } finally {
            stubs.shutdownNow();
            stubs.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void checkAliveAndTime(long deadline, Duration timeout, String waitingFor) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("Temporal dev server exited with code " + process.exitValue()
                    + " before serving on " + target() + "; log " + logFile + " ends with:\n" + logTail());
        }
        if (System.nanoTime() > deadline) {
            throw new IOException("Temporal dev server on " + target() + " not ready after " + timeout.toSeconds()
                    + " s, waiting for " + waitingFor + "; log " + logFile + " ends with:\n" + logTail());
        }
    }

    private boolean portAccepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(clientHost(), port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A wildcard bind address is reachable on loopback; any other is used as given. */
    private String clientHost() {
        return host.equals("0.0.0.0") || host.equals("localhost") ? "127.0.0.1" : host;
    }

    /** The last lines this run wrote to the log (earlier runs appended to the same file are skipped). */
    private String logTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(logStart, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * The command in a session of its own, so that the terminal's Ctrl-C (SIGINT to the whole
     * foreground process group) reaches only the JVM, which stops its worker while Temporal still
     * answers and then stops Temporal. A shell in between holds the read end of a pipe from this JVM
     * (the process's stdin) and stops the server when it closes: when the JVM exits, however it dies
     * (SIGKILL included), so the server never outlives it. Without {@code setsid} (not Linux) the
     * command runs as it is.
     */
    static List<String> detachedFromTerminal(List<String> command) {
        Optional<Path> setsid = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        if (setsid.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(setsid.get().toString(), "/bin/sh", "-c",
                // fd 3 keeps the pipe: an asynchronous list's stdin would be /dev/null
                "exec 3<&0; \"$@\" </dev/null 3<&- & server=$!; "
                        + "trap 'kill -TERM $server 2>/dev/null' TERM INT HUP; "
                        // the watchdog: reads until the JVM's end of the pipe closes, then stops the server
                        + "(while read -r _; do :; done; kill -TERM $server 2>/dev/null) <&3 & watchdog=$!; "
                        + "exec 3<&-; "
                        // the server's exit code is the wrapper's (wait returns early when a trap runs)
                        + "wait $server; code=$?; while kill -0 $server 2>/dev/null; do wait $server; code=$?; done; "
                        + "kill $watchdog 2>/dev/null; exit $code",
                "temporal-dev-server"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** A port free now; another process could take it before the server binds, which start() then reports. */
    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
