package org.ftgan.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.common.CancellationToken;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The heartbeat of a long activity (training, evaluation, dataset preparation, a report), and how
 * it learns that it must stop. One thread beats once a second with the latest details, and at once
 * when {@link #progress} reports new ones, whatever the computation is doing, so that a slow step,
 * a checkpoint being written or a long evaluation batch never looks like a dead worker; a dead
 * process stops the beats with it. The SDK forwards at most one heartbeat per 0.8 heartbeat
 * timeouts, and Temporal delivers an activity's cancellation only in a heartbeat's answer: an
 * activity that uses this class needs a heartbeat timeout in its {@code ActivityOptions}
 * ({@link ActivityStubs}), and learns of a cancellation within about 0.8 of it.
 *
 * <p>When a heartbeat answers with a cancellation (or the SDK's cancellation token fires, or the
 * heartbeat timed out, or the activity no longer exists), or the worker shuts down
 * ({@link LongActivities#shutdown()}), {@link #stopRequested()} turns true and the action given to
 * {@link #onStop} runs once (the trainer's {@code requestStop}: checkpoint, then stop). Computations
 * without such a hook call {@link #throwIfStopped} between their chunks (evaluation batches, files
 * read); what it throws ends the activity as Temporal expects: the SDK's
 * {@link ActivityCanceledException} for a cancellation (reported as cancelled, not failed), a
 * retryable {@link FailureTypes#WORKER_SHUTDOWN} failure for a worker shutting down.
 */
public final class ActivityHeartbeat<D> implements AutoCloseable {
    /** How often the heartbeat thread beats when no progress is reported. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** How long the retry of an attempt stopped by a worker shutdown waits. */
    static final Duration SHUTDOWN_RETRY_DELAY = Duration.ofSeconds(15);

    private final ActivityExecutionContext ctx;
    private final LongActivities owner;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean beatQueued = new AtomicBoolean();
    private final CancellationToken.Registration cancellation;
    private volatile D details;
    private volatile ActivityCompletionException stopCause;
    private volatile boolean workerStopping;
    private volatile boolean closed;
    /** Guarded by this: the action to run when the activity must stop, until it has run. */
    private Runnable onStop;

    ActivityHeartbeat(ActivityExecutionContext ctx, D details, LongActivities owner) {
        this.ctx = ctx;
        this.details = details;
        this.owner = owner;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + ctx.getInfo().getActivityType() + "-" + ctx.getInfo().getActivityId());
            t.setDaemon(true);
            return t;
        });
        // a cancellation the SDK learns of by other means than this thread's heartbeats
        this.cancellation = ctx.getCancellationToken().onCancel(() -> stopped(new ActivityCanceledException(ctx.getInfo())));
        timer.scheduleWithFixedDelay(this::beat, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        beatQueued.set(false);
        if (stopCause != null || closed) {
            return;
        }
        try {
            ctx.heartbeat(details);
        } catch (ActivityCompletionException e) {
            stopped(e);
        } catch (RuntimeException e) {
            // a failed heartbeat call (the server briefly unreachable) is tried again on the next beat;
            // once none has reached the server for the heartbeat timeout, the SDK's heartbeat throws a
            // cancellation with a timeout cause, which stops the activity as above
        }
    }

    private void stopped(ActivityCompletionException cause) {
        if (stopCause == null) {
            stopCause = cause;
        }
        signalStop();
    }

    private void signalStop() {
        Runnable action;
        synchronized (this) {
            action = onStop;
            onStop = null;
        }
        if (action != null) {
            action.run();
        }
    }

    /** New details for the next beats (a training step): no beat of their own. */
    public void update(D newDetails) {
        details = newDetails;
    }

    /**
     * New details worth sending now (a checkpoint, a phase, a batch count): kept for the next beats, and
     * sent at once unless the SDK's throttle holds them.
     */
    public void progress(D newDetails) {
        details = newDetails;
        if (beatQueued.compareAndSet(false, true)) {
            try {
                timer.execute(this::beat);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                beatQueued.set(false);
            }
        }
    }

    /** The latest details. */
    public D details() {
        return details;
    }

    /**
     * What to do when the activity must stop: runs once, on the thread that learns of the stop, or at
     * once here if the activity already must stop.
     */
    public void onStop(Runnable action) {
        synchronized (this) {
            if (!stopRequested()) {
                onStop = action;
                return;
            }
        }
        action.run();
    }

    /**
     * Temporal has been asked to cancel this activity and another channel than the heartbeat's answer
     * said so first (a query of the workflow that asked, {@code RungReporter}): stop as the heartbeat
     * would have made it, the activity ending cancelled.
     */
    public void cancelRequestedElsewhere() {
        stopped(new ActivityCanceledException(ctx.getInfo()));
    }

    /** The worker is shutting down: stop as if Temporal had said so. */
    void workerStopping() {
        workerStopping = true;
        signalStop();
    }

    /** True once the activity must stop: cancelled, timed out, gone, or its worker shutting down. */
    public boolean stopRequested() {
        return stopCause != null || workerStopping;
    }

    /** True when the stop is the worker's (its shutdown), not Temporal's: the attempt is retried elsewhere. */
    public boolean stoppedByShutdown() {
        return workerStopping || stopCause instanceof ActivityWorkerShutdownException;
    }

    /** What a heartbeat reported (a cancellation, a timeout...), or null. */
    public ActivityCompletionException stopCause() {
        return stopCause;
    }

    /**
     * Throws {@link #stopFailure} when the activity must stop; the check a computation makes between
     * its chunks.
     *
     * @param where what was done so far, for the failure's message when the worker shuts down
     */
    public void throwIfStopped(String where) {
        if (stopRequested()) {
            throw stopFailure(where);
        }
    }

    /**
     * What the activity throws to end as Temporal expects once it must stop: a retryable
     * {@link FailureTypes#WORKER_SHUTDOWN} failure (retried after {@link #SHUTDOWN_RETRY_DELAY}, by when
     * this worker no longer polls) for a shutdown, else what the heartbeat reported (the SDK reports an
     * {@link ActivityCanceledException} as the activity's cancellation).
     */
    public RuntimeException stopFailure(String where) {
        if (stoppedByShutdown()) {
            return shutdownFailure("worker " + owner.workerIdentity() + " shut down; " + where);
        }
        return stopCause;
    }

    /** Retryable, after a pause long enough for this worker to stop polling, so that the retry goes elsewhere. */
    static ApplicationFailure shutdownFailure(String message) {
        ApplicationFailure f = RoutineFailures.retryable(message, FailureTypes.WORKER_SHUTDOWN);
        f.setNextRetryDelay(SHUTDOWN_RETRY_DELAY);
        return f;
    }

    /** Stops the beats; the activity's result (or failure) is what Temporal hears next. */
    @Override
    public void close() {
        closed = true;
        // not shutdownNow: interrupting a heartbeat call in flight makes the SDK log a failed heartbeat
        timer.shutdown();
        cancellation.close();
        owner.remove(this);
    }
}
