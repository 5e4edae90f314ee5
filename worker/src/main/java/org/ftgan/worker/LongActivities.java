package org.ftgan.worker;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long activities running in one worker process, each with its {@link ActivityHeartbeat}: when
 * the worker shuts down, every one of them is told to stop (training checkpoints first) and fails
 * retryably, so that Temporal retries it on another worker.
 */
public final class LongActivities {
    private final String workerIdentity;
    private final Set<ActivityHeartbeat<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public LongActivities(String workerIdentity) {
        this.workerIdentity = workerIdentity;
    }

    /**
     * Starts the heartbeat of the activity running on this thread; close it when the activity ends.
     *
     * @param details the first heartbeat's details (a retried attempt reads the last ones sent)
     * @throws io.temporal.failure.ApplicationFailure retryable, when the worker is shutting down
     */
    public <D> ActivityHeartbeat<D> start(ActivityExecutionContext ctx, D details) {
        if (stopping) {
            throw ActivityHeartbeat.shutdownFailure("worker " + workerIdentity + " is shutting down");
        }
        ActivityHeartbeat<D> beat = new ActivityHeartbeat<>(ctx, details, this);
        running.add(beat);
        if (stopping) {
            // the shutdown went over the set before this one was in it
            beat.workerStopping();
        }
        return beat;
    }

    void remove(ActivityHeartbeat<?> beat) {
        running.remove(beat);
    }

    String workerIdentity() {
        return workerIdentity;
    }

    /** Tells every long activity of this worker to stop; no new one starts. */
    public void shutdown() {
        stopping = true;
        for (ActivityHeartbeat<?> beat : running) {
            beat.workerStopping();
        }
    }

    /**
     * Waits until no long activity runs here any more (each has stopped after {@link #shutdown()}),
     * at most {@code timeout}.
     *
     * @return true when none runs
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
