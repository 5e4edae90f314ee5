package org.ftgan.worker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ftgan.workflows.CodeVersion;
import org.ftgan.workflows.PlatformConnectionOptions;
import org.ftgan.workflows.PlatformDefaults;
import org.ftgan.workflows.TaskQueues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ftgan worker}: runs a worker until SIGTERM or Ctrl-C, then shuts down gracefully (the
 * running training attempt checkpoints and is retried on another worker). Every option has an
 * environment variable (see {@link PlatformDefaults}), which is how docker-compose configures it.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker: workflows, and the activities of the given task queues.")
public final class WorkerCommand implements Callable<Integer> {
    @Mixin
    PlatformConnectionOptions connection;

    @Option(names = "--queues", split = ",", description = "activity task queues: cpu, gpu or both (env FTGAN_QUEUES; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_QUEUES:-cpu,gpu}")
    List<String> queues;

    @Option(names = "--slots", description = "activities at once per queue (env FTGAN_SLOTS; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_SLOTS:-1}")
    int slots;

    @Override
    public Integer call() throws Exception {
        WorkerSettings settings = new WorkerSettings(connection.temporal, connection.namespace, queues, slots,
                connection.artifacts, connection.db, connection.dbUser, connection.dbPassword);
        PlatformWorker worker = PlatformWorker.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("ftgan worker: shutting down (running attempts checkpoint first)");
            worker.shutdown(120);
            stopped.countDown();
        }, "worker-shutdown"));
        System.out.println("ftgan worker " + worker.identity() + " polling " + TaskQueues.WORKFLOWS + ","
                + String.join(",", settings.queues()) + (settings.queues().contains(TaskQueues.GPU) ? "," + TaskQueues.EVALUATION : "")
                + " on " + connection.temporal + " (" + connection.namespace
                + "), artifacts " + connection.artifacts + ", code " + CodeVersion.current());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Entry point for a worker process on its own (tests start it like this). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new WorkerCommand()).execute(args));
    }
}
