package org.ftgan.worker;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.nn.ComputeThreads;
import org.ftgan.records.ArtifactStoreRegistration;
import org.ftgan.records.Database;
import org.ftgan.worker.bookkeeping.BookkeepingActivitiesImpl;
import org.ftgan.worker.experiment.ExperimentActivitiesImpl;
import org.ftgan.worker.experiment.ExperimentWorkflowImpl;
import org.ftgan.worker.run.RunWorkflowImpl;
import org.ftgan.worker.run.TrainingActivitiesImpl;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.TaskQueues;
import org.ftgan.workflows.TemporalConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker: polls the workflows queue (workflows and their bookkeeping) and the activity
 * queues it was given (cpu: data preparation and reports; gpu: training and evaluation), with
 * {@code slots} activities at a time per activity queue. {@link #close()} shuts down gracefully:
 * a running training attempt stops after its current step, checkpoints, and fails retryably, so
 * that Temporal retries it on another worker, which resumes from that checkpoint; the other long
 * activities (evaluation, dataset preparation, reports) stop at their next chunk and are retried
 * elsewhere from the start.
 */
public final class PlatformWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformWorker.class);

    private final TemporalConnection temporal;
    private final Database db;
    private final WorkerFactory factory;
    private final String identity;
    private final LongActivities longActivities;

    private PlatformWorker(TemporalConnection temporal, Database db, WorkerFactory factory, String identity,
                           LongActivities longActivities) {
        this.temporal = temporal;
        this.db = db;
        this.factory = factory;
        this.identity = identity;
        this.longActivities = longActivities;
    }

    /** Connects to Temporal and PostgreSQL (migrating it) and starts polling. */
    public static PlatformWorker start(WorkerSettings settings) throws IOException {
        return start(settings, null);
    }

    /**
     * Like {@link #start(WorkerSettings)}, over an existing channel to Temporal (an in-process
     * server's) instead of {@code settings.temporalTarget()} when {@code channel} is not null.
     */
    public static PlatformWorker start(WorkerSettings settings, io.grpc.ManagedChannel channel) throws IOException {
        String identity = defaultIdentity();
        Database db = Database.connect(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
        TemporalConnection temporal = null;
        try {
            db.migrate();
            ArtifactStore store = new ArtifactStore(settings.artifacts());
            requireThePlatformsStore(db, store, identity);
            PlatformRecords records = PlatformRecords.of(db, store);
            temporal = channel != null ? TemporalConnection.over(channel, settings.namespace(), identity)
                    : TemporalConnection.connect(settings.temporalTarget(), settings.namespace(), identity);
            WorkerFactory factory = WorkerFactory.newInstance(temporal.client());
            Worker workflows = factory.newWorker(TaskQueues.WORKFLOWS);
            workflows.registerWorkflowImplementationTypes(ExperimentWorkflowImpl.class, RunWorkflowImpl.class);
            workflows.registerActivitiesImplementations(new BookkeepingActivitiesImpl(records));
            WorkerOptions activityOptions = WorkerOptions.newBuilder()
                    .setMaxConcurrentActivityExecutionSize(settings.slots())
                    .build();
            LongActivities longActivities = new LongActivities(identity);
            if (settings.queues().contains(TaskQueues.CPU)) {
                factory.newWorker(TaskQueues.CPU, activityOptions)
                        .registerActivitiesImplementations(new ExperimentActivitiesImpl(records, longActivities));
            }
            if (settings.queues().contains(TaskQueues.GPU)) {
                // the trainings of one process share its cores: each gets its part, not all of them
                int threads = ComputeThreads.perTraining(settings.slots());
                ComputeThreads.limitTo(threads);
                LOG.info("{} training slots on {} processors: {} threads per training", settings.slots(),
                        Runtime.getRuntime().availableProcessors(), threads);
                TrainingActivitiesImpl training = new TrainingActivitiesImpl(records, identity, longActivities);
                factory.newWorker(TaskQueues.GPU, activityOptions).registerActivitiesImplementations(training);
                factory.newWorker(TaskQueues.EVALUATION, activityOptions).registerActivitiesImplementations(training);
            }
            factory.start();
            return new PlatformWorker(temporal, db, factory, identity, longActivities);
        } catch (RuntimeException | IOException e) {
            if (temporal != null) {
                temporal.close();
            }
            db.close();
            throw e;
        }
    }

    /**
     * Every worker must see the one artifact store that PostgreSQL records (paths in the records are
     * relative to it); the first worker to start records its own.
     *
     * @throws StartRefusedException naming both stores when this worker's is another one
     */
    static void requireThePlatformsStore(Database db, ArtifactStore store, String worker) throws IOException {
        String id = store.identity();
        ArtifactStoreRegistration.Registered registered = new ArtifactStoreRegistration(db)
                .claim(id, store.root().toString(), worker);
        if (!registered.storeId().equals(id)) {
            throw new StartRefusedException("the artifact store " + store.root() + " (identity " + id
                    + ") is not this platform's: its records use the store first seen at " + registered.root()
                    + " (identity " + registered.storeId() + ", registered by " + registered.registeredBy() + " at "
                    + registered.registeredAt() + "); start the worker with --artifacts naming that store"
                    + " (the same shared filesystem on every machine)");
        }
    }

    /** host:pid, as Temporal and the runs table show it. */
    static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return "ftgan-worker@" + host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    public String identity() {
        return identity;
    }

    /**
     * Tells running long activities to stop (training after a checkpoint; they fail retryably and
     * resume elsewhere), stops polling, waits up to {@code seconds} for running activities, disconnects.
     */
    public void shutdown(long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        // Running attempts stop (training checkpoints) and end first, while this worker still reports
        // their ends and heartbeats (stopping the SDK worker under them times its heartbeat executor
        // out, with a WARN). Their retries wait 15 s, by which time this worker has stopped polling,
        // so they go to another worker.
        longActivities.shutdown();
        try {
            longActivities.awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        factory.shutdown();
        factory.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())),
                TimeUnit.SECONDS);
        temporal.close();
        db.close();
    }

    @Override
    public void close() {
        shutdown(60);
    }
}
