package org.ftgan.worker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ftgan worker}: runs a worker until SIGTERM or Ctrl-C, then shuts down gracefully (the
 * running training attempt checkpoints and is retried on another worker). Every option has an
 * environment variable (see {@link PlatformDefaults}), which is how docker-compose configures it.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker: workflows, and the activities of the given task queues.")
public final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--temporal", description = "Temporal frontend host:port (env FTGAN_TEMPORAL; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_TEMPORAL:-127.0.0.1:7233}")
    String temporal;

    @Option(names = "--namespace", description = "Temporal namespace (env FTGAN_NAMESPACE; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_NAMESPACE:-default}")
    String namespace;

    @Option(names = "--queues", split = ",", description = "activity task queues: cpu, gpu or both (env FTGAN_QUEUES; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_QUEUES:-cpu,gpu}")
    List<String> queues;

    @Option(names = "--slots", description = "activities at once per queue (env FTGAN_SLOTS; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_SLOTS:-1}")
    int slots;

    @Option(names = "--artifacts", description = "artifact store directory, shared by all workers (env FTGAN_ARTIFACTS; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_ARTIFACTS:-${sys:user.home}/.ftgan/artifacts}")
    Path artifacts;

    @Option(names = "--db", description = "PostgreSQL JDBC URL (env FTGAN_DB_URL; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_DB_URL:-jdbc:postgresql://127.0.0.1:54329/ftgan}")
    String db;

    @Option(names = "--db-user", description = "PostgreSQL user (env FTGAN_DB_USER; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_DB_USER:-postgres}")
    String dbUser;

    @Option(names = "--db-password", description = "PostgreSQL password (env FTGAN_DB_PASSWORD)",
            defaultValue = "${env:FTGAN_DB_PASSWORD:-}")
    String dbPassword;

    @Override
    public Integer call() throws Exception {
        WorkerSettings settings = new WorkerSettings(temporal, namespace, queues, slots, artifacts, db, dbUser, dbPassword);
        PlatformWorker worker = PlatformWorker.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("ftgan worker: shutting down (running attempts checkpoint first)");
            worker.shutdown(120);
            stopped.countDown();
        }, "worker-shutdown"));
        System.out.println("ftgan worker " + worker.identity() + " polling " + TaskQueues.WORKFLOWS + ","
                + String.join(",", settings.queues()) + " on " + temporal + " (" + namespace + "), artifacts "
                + artifacts + ", code " + CodeVersion.current());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Entry point for a worker process on its own (tests start it like this). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new WorkerCommand()).execute(args));
    }
}
