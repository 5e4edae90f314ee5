package org.ftgan.worker.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.worker.PlatformWorker;
import org.ftgan.worker.WorkerSettings;
import org.ftgan.worker.temporal.TemporalCli;
import org.ftgan.worker.temporal.TemporalDevServer;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.TaskQueues;
import org.ftgan.workflows.TemporalConnection;

/**
 * The whole platform in one directory for a benchmark: embedded PostgreSQL, the real Temporal dev
 * server (headless, SQLite file), an artifact store, a client with a submitter, and one worker in
 * this JVM polling every queue. Closing stops all of it; the directory is the caller's.
 */
final class BenchPlatform implements AutoCloseable {
    final EmbeddedDatabase postgres;
    final TemporalDevServer temporal;
    final Database db;
    final PlatformRecords records;
    final TemporalConnection client;
    final ExperimentSubmitter submitter;
    final PlatformWorker worker;

    private BenchPlatform(EmbeddedDatabase postgres, TemporalDevServer temporal, Database db, PlatformRecords records,
                          TemporalConnection client, ExperimentSubmitter submitter, PlatformWorker worker) {
        this.postgres = postgres;
        this.temporal = temporal;
        this.db = db;
        this.records = records;
        this.client = client;
        this.submitter = submitter;
        this.worker = worker;
    }

    /**
     * @param dir   holds the database, the Temporal state and log, and the artifacts
     * @param slots activities at a time per activity queue of the worker
     */
    static BenchPlatform start(Path dir, int slots) throws IOException, InterruptedException {
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow(() -> new IOException(
                "run the platform benchmark from inside the project (the Temporal CLI is found from its root), not from "
                        + Path.of("").toAbsolutePath()));
        EmbeddedDatabase postgres = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        TemporalDevServer temporal = null;
        Database db = null;
        TemporalConnection client = null;
        try {
            temporal = TemporalDevServer.start(TemporalCli.findOrInstall(root), dir.resolve("temporal.db"),
                    "127.0.0.1", 0, 0, dir.resolve("temporal.log"));
            db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password());
            db.migrate();
            Path artifacts = dir.resolve("artifacts");
            PlatformRecords records = PlatformRecords.of(db, new ArtifactStore(artifacts));
            client = TemporalConnection.connect(temporal.target(), "default", "platform-bench");
            ExperimentSubmitter submitter = new ExperimentSubmitter(client.client(), records.experiments(),
                    ExperimentSubmitter.Options.DEFAULTS);
            PlatformWorker worker = PlatformWorker.start(new WorkerSettings(temporal.target(), "default",
                    List.of(TaskQueues.CPU, TaskQueues.GPU), slots, artifacts,
                    postgres.jdbcUrl(), postgres.user(), postgres.password()));
            return new BenchPlatform(postgres, temporal, db, records, client, submitter, worker);
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            if (db != null) {
                db.close();
            }
            if (temporal != null) {
                temporal.close();
            }
            postgres.close();
            throw e;
        }
    }

    @Override
    public void close() {
        worker.shutdown(10);
        client.close();
        db.close();
        temporal.close();
        postgres.close();
    }
}
