package org.ftgan.api;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.Database;
import org.ftgan.records.PoolSettings;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.PlatformConnectionOptions;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.TemporalConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ftgan api}: the HTTP API alone, against a running PostgreSQL and Temporal (workers run
 * elsewhere), until SIGTERM or Ctrl-C. Every option has an environment variable (see
 * {@link org.ftgan.workflows.PlatformDefaults}), which is how docker-compose's {@code api} service,
 * whose command is just {@code api}, configures it.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Run the HTTP API against PostgreSQL and Temporal (writes need a token: ftgan token create).")
public final class ApiCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to bind (env FTGAN_API_HOST; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_API_HOST:-127.0.0.1}")
    String host;

    @Option(names = "--port", description = "HTTP port (env FTGAN_API_PORT; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_API_PORT:-7070}")
    int port;

    @Mixin
    PlatformConnectionOptions platform;

    @Option(names = "--db-pool", description = "PostgreSQL connections the API keeps, " + PoolSettings.MIN_SIZE + "-" + PoolSettings.MAX_SIZE
            + "; its HTTP threads are sized to match (env FTGAN_API_DB_POOL; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_API_DB_POOL:-16}")
    int dbPool;

    @Option(names = "--read-cache-mb", description = "memory for answers to reads, kept until their records change;"
            + " 0: every read goes to PostgreSQL (env FTGAN_API_READ_CACHE_MB; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_API_READ_CACHE_MB:-64}")
    long readCacheMb;

    @Option(names = "--inference-cache-mb", description = "memory for the trained models kept loaded for inference"
            + " (least recently used first out; one is always kept) (env FTGAN_API_INFERENCE_CACHE_MB; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_API_INFERENCE_CACHE_MB:-256}")
    long inferenceCacheMb;

    @Option(names = "--reads-need-token", description = "require a token for reads too (writes always need one)")
    boolean readsNeedToken;

    @Override
    public Integer call() throws Exception {
        if (readCacheMb < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--read-cache-mb: must be 0 or more, not " + readCacheMb);
        }
        if (inferenceCacheMb < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--inference-cache-mb: must be 0 or more, not "
                    + inferenceCacheMb);
        }
        Database database = Database.connect(platform.db, platform.dbUser, platform.dbPassword,
                new PoolSettings(dbPool, PoolSettings.API.connectionWait()));
        TemporalConnection connection = null;
        ApiServer server;
        try {
            // the API may be the first process on a fresh database: it needs the tokens table
            database.migrate();
            PlatformRecords records = PlatformRecords.of(database, new ArtifactStore(platform.artifacts));
            // a lazy client: the API starts while Temporal is still coming up, and /api/ready says so
            connection = TemporalConnection.connect(platform.temporal, platform.namespace, "ftgan-api");
            ExperimentSubmitter submitter = new ExperimentSubmitter(connection.client(), records.experiments(),
                    ExperimentSubmitter.Options.DEFAULTS);
            server = ApiServer.start(new ApiContext(records, submitter, readsNeedToken, readCacheMb << 20, inferenceCacheMb << 20), host, port);
        } catch (RuntimeException | IOException e) {
            if (connection != null) {
                connection.close();
            }
            database.close();
            throw e;
        }
        TemporalConnection temporalConnection = connection;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            temporalConnection.close();
            database.close();
            stopped.countDown();
        }, "ftgan-api-shutdown"));
        System.out.println("ftgan api listening on http://" + host + ":" + server.port() + " (PostgreSQL " + platform.db
                + ", Temporal " + platform.temporal + "/" + platform.namespace + (readsNeedToken ? ", reads need a token" : "")
                + (readCacheMb == 0 ? ", no read cache" : ", read cache " + readCacheMb + " MB") + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Entry point for the API process on its own. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ApiCommand()).execute(args));
    }
}
