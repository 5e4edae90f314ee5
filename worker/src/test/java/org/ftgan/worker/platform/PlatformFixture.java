package org.ftgan.worker.platform;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.ExperimentRow;
import org.ftgan.records.RunRow;
import org.ftgan.worker.PlatformWorker;
import org.ftgan.worker.WorkerCommand;
import org.ftgan.worker.WorkerSettings;
import org.ftgan.worker.temporal.TemporalCli;
import org.ftgan.worker.temporal.TemporalDevServer;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.TaskQueues;
import org.ftgan.workflows.TemporalConnection;
import org.ftgan.workflows.experiment.WorkflowIds;

/**
 * The real platform on this machine for tests: embedded PostgreSQL, the real Temporal dev server,
 * an artifact store in a temporary directory, and workers in this JVM or as separate processes
 * (which a test may kill).
 */
final class PlatformFixture implements AutoCloseable {
    /** Short, so that a killed worker's attempt is retried within seconds. */
    static final int HEARTBEAT_TIMEOUT_SECONDS = 10;

    final Path dir;
    final Path dbDir;
    int dbPort;
    EmbeddedDatabase postgres;
    final TemporalDevServer temporal;
    final Database db;
    final PlatformRecords records;
    final TemporalConnection client;
    final ExperimentSubmitter submitter;
    private final List<PlatformWorker> workers = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    PlatformFixture(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.dbDir = dir.resolve("postgres");
        this.postgres = EmbeddedDatabase.start(dbDir, 0);
        this.dbPort = postgres.port();
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        this.temporal = TemporalDevServer.start(TemporalCli.findOrInstall(root), dir.resolve("temporal.db"),
                "127.0.0.1", 0, 0, dir.resolve("temporal.log"));
        this.db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password());
        db.migrate();
        this.records = PlatformRecords.of(db, new ArtifactStore(dir.resolve("artifacts")));
        this.client = TemporalConnection.connect(temporal.target(), "default", "platform-test");
        this.submitter = new ExperimentSubmitter(client.client(), records.experiments(),
                new ExperimentSubmitter.Options(HEARTBEAT_TIMEOUT_SECONDS, 5));
    }

    WorkerSettings settings(List<String> queues) {
        return new WorkerSettings(temporal.target(), "default", queues, 1, dir.resolve("artifacts"),
                postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    PlatformWorker startWorker() throws IOException {
        return startWorker(List.of(TaskQueues.CPU, TaskQueues.GPU));
    }

    /** A worker in this JVM on the workflows queue and the given activity queues. */
    PlatformWorker startWorker(List<String> queues) throws IOException {
        PlatformWorker w = PlatformWorker.start(settings(queues));
        workers.add(w);
        return w;
    }

    /** A worker in this JVM on the workflows queue and both activity queues, with {@code slots} activities at once per queue. */
    PlatformWorker startWorker(int slots) throws IOException {
        WorkerSettings s = settings(List.of(TaskQueues.CPU, TaskQueues.GPU));
        PlatformWorker w = PlatformWorker.start(new WorkerSettings(s.temporalTarget(), s.namespace(), s.queues(), slots,
                s.artifacts(), s.dbUrl(), s.dbUser(), s.dbPassword()));
        workers.add(w);
        return w;
    }

    /** Temporal's status of the workflow, or empty when Temporal has no workflow of that id. */
    Optional<WorkflowExecutionStatus> temporalStatus(String workflowId) {
        try {
            return Optional.of(client.service().blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
                    .getWorkflowExecutionInfo().getStatus());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The last heartbeat details Temporal holds for the workflow's started activity of type
     * {@code activityType} (e.g. "Evaluate"), as text; empty while there is no such activity, it has
     * not started or it has not heartbeated details.
     */
    Optional<String> heartbeatDetails(String workflowId, String activityType) {
        try {
            return client.service().blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
                    .getPendingActivitiesList().stream()
                    .filter(a -> a.getActivityType().getName().equals(activityType)
                            && a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                            && a.hasHeartbeatDetails() && a.getHeartbeatDetails().getPayloadsCount() > 0)
                    .map(a -> a.getHeartbeatDetails().getPayloads(0).getData().toStringUtf8())
                    .findFirst();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Asserts that PostgreSQL and Temporal tell the same story of an ended experiment: its workflow and
     * every run's closed as the records say (a run cancelled before it started has no workflow).
     */
    void assertRecordsAgreeWithTemporal(String experimentId) throws InterruptedException {
        // A workflow's last activity writes its final record, and Temporal closes the workflow a
        // workflow task later: wait until no workflow of the experiment is running, then compare.
        await("the workflows of " + experimentId + " to close in Temporal", Duration.ofMinutes(2), () -> {
            List<String> ids = new ArrayList<>(List.of(WorkflowIds.experiment(experimentId)));
            records.runs().listByExperiment(experimentId).forEach(run -> ids.add(WorkflowIds.run(run.id())));
            return ids.stream().map(this::temporalStatus).noneMatch(
                    s -> s.orElse(null) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        });
        ExperimentRow e = records.experiments().find(experimentId).orElseThrow();
        Optional<WorkflowExecutionStatus> w = temporalStatus(WorkflowIds.experiment(experimentId));
        WorkflowExecutionStatus expected = e.status() == ExperimentStatus.CANCELLED
                ? WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
                : WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
        if (!e.status().isTerminal() || w.orElse(null) != expected) {
            throw new AssertionError("experiment " + experimentId + " is " + e.status() + " in PostgreSQL, "
                    + w.map(Enum::name).orElse("absent") + " in Temporal");
        }
        for (RunRow run : records.runs().listByExperiment(experimentId)) {
            Optional<WorkflowExecutionStatus> r = temporalStatus(WorkflowIds.run(run.id()));
            boolean agree = switch (run.status()) {
                case SUCCEEDED, FAILED, STOPPED_EARLY -> r.orElse(null) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
                case CANCELLED -> r.isEmpty() || r.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED;
                default -> false;
            };
            if (!agree) {
                throw new AssertionError("run " + run.id() + " is " + run.status() + " in PostgreSQL, "
                        + r.map(Enum::name).orElse("absent") + " in Temporal");
            }
        }
    }

    /** A worker in its own JVM, as `ftgan worker` runs it; its output goes to {@code name}.log. */
    Process startWorkerProcess(String name) throws IOException {
        WorkerSettings s = settings(List.of(TaskQueues.CPU, TaskQueues.GPU));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), WorkerCommand.class.getName(),
                "--temporal", s.temporalTarget(), "--queues", "cpu,gpu", "--artifacts", s.artifacts().toString(),
                "--db", s.dbUrl(), "--db-user", s.dbUser(), "--db-password", s.dbPassword()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /**
     * Stops every worker process still alive, gracefully (SIGTERM, as a deployment would) and waits
     * for it to exit. Called after each test: a process still shutting down keeps polling for a
     * moment, and would take the next test's activity only to stop it (its attempt 1 fails, attempt
     * 2 runs elsewhere), so no test may leave one behind.
     */
    void stopWorkerProcesses() throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        processes.clear();
    }

    String submit(String yaml) {
        return submitter.submit(yaml, "test definition", Map.of(), "platform-test").experimentId();
    }

    /** Stops PostgreSQL and starts it again on the same port and data directory. */
    void restartPostgres(Duration down) throws InterruptedException {
        postgres.stop();
        Thread.sleep(down.toMillis());
        postgres = EmbeddedDatabase.start(dbDir, dbPort);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** Unchecked, so that assertion messages built in lambdas can include a log. */
    String log(String name) {
        Path f = dir.resolve(name + ".log");
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (PlatformWorker w : workers) {
            w.shutdown(10);
        }
        client.close();
        db.close();
        temporal.close();
        postgres.close();
    }
}
