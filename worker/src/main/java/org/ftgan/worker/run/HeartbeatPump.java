package org.ftgan.worker.run;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats a training attempt from its own thread once a second (the SDK forwards at most one
 * per 0.8 heartbeat timeouts), with the latest step and checkpoint. Setting up a trainer, a slow
 * step on a loaded machine or writing a checkpoint therefore never looks like a dead worker; a dead
 * process stops the pump with it. When a heartbeat reports a cancellation, a timeout or a worker
 * shutdown, {@link #stopCause()} holds it and {@code onStop} runs once (it asks the trainer to
 * checkpoint and stop).
 */
final class HeartbeatPump implements AutoCloseable {
    private final ActivityExecutionContext ctx;
    private final ScheduledExecutorService timer;
    private volatile TrainingHeartbeat latest;
    private volatile ActivityCompletionException stopCause;
    private volatile Runnable onStop = () -> { };
    private volatile boolean workerStopping;

    HeartbeatPump(ActivityExecutionContext ctx, TrainingHeartbeat initial) {
        this.ctx = ctx;
        this.latest = initial;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "training-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::beat, 0, 1, TimeUnit.SECONDS);
    }

    private void beat() {
        if (stopCause != null) {
            return;
        }
        try {
            ctx.heartbeat(latest);
        } catch (ActivityCompletionException e) {
            stopCause = e;
            onStop.run();
        } catch (RuntimeException e) {
            // a failed heartbeat call (server briefly unreachable) is retried on the next tick
        }
    }

    void update(TrainingHeartbeat heartbeat) {
        latest = heartbeat;
    }

    TrainingHeartbeat latest() {
        return latest;
    }

    /** What to do when Temporal says to stop; runs at once if it already has. */
    void onStop(Runnable action) {
        onStop = action;
        if (stopCause != null || workerStopping) {
            action.run();
        }
    }

    /** The worker is shutting down: stop as if Temporal had said so (checkpoint first). */
    void workerStopping() {
        workerStopping = true;
        onStop.run();
    }

    boolean isWorkerStopping() {
        return workerStopping;
    }

    ActivityCompletionException stopCause() {
        return stopCause;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
