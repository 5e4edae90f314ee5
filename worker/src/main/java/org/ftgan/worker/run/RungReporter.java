package org.ftgan.worker.run;

import io.temporal.client.WorkflowClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ftgan.definition.EarlyStopping;
import org.ftgan.names.FigureNames;
import org.ftgan.train.EvaluationPoint;
import org.ftgan.worker.ActivityHeartbeat;
import org.ftgan.workflows.experiment.ExperimentWorkflow;
import org.ftgan.workflows.experiment.RungReport;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.ftgan.workflows.run.RunWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a training run's figure at each step its sweep's early stopping judges to the experiment
 * workflow ({@link ExperimentWorkflow#reportRung}), which decides. Sent at once, from the training
 * thread, after the point is stored; a failure to send is logged and training goes on (the run is then
 * not judged at that step). A retried attempt that evaluates a step again sends it again: the workflow
 * judges each (run, step) once.
 *
 * <p>A stop reaches training in a heartbeat's answer, up to 0.8 heartbeat timeouts later (24 s on the
 * platform's defaults, most of a short run). So after each report it asks the run's workflow once a
 * second ({@link RunWorkflow#stoppedEarly}, a query) until the heartbeat could have told it anyway; when
 * the run was stopped, the workflow has already asked Temporal to cancel the training, and training
 * stops as for that cancellation (a checkpoint, then the activity ends cancelled).
 */
final class RungReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RungReporter.class);

    private final WorkflowClient client;
    private final String experimentId;
    private final String runId;
    private final EarlyStopping rule;
    private final ActivityHeartbeat<?> pump;
    /** How long after a report the workflow is asked: by then the heartbeat's answer has said it. */
    private final long askForMillis;
    private final ScheduledExecutorService asker;
    /** Guarded by this: the asking after the latest report, or null. */
    private ScheduledFuture<?> asking;

    RungReporter(WorkflowClient client, String experimentId, String runId, EarlyStopping rule, ActivityHeartbeat<?> pump,
                 int heartbeatTimeoutSeconds) {
        this.client = client;
        this.experimentId = experimentId;
        this.runId = runId;
        this.rule = rule;
        this.pump = pump;
        this.askForMillis = heartbeatTimeoutSeconds * 1000L + 2000L;
        this.asker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "early-stopping-" + runId);
            t.setDaemon(true);
            return t;
        });
    }

    void onEvaluation(EvaluationPoint p) {
        if (!rule.judges(p.step())) {
            return;
        }
        RungReport report = new RungReport(runId, p.step(), figure(p, rule.metricKey()));
        try {
            client.newWorkflowStub(ExperimentWorkflow.class, WorkflowIds.experiment(experimentId)).reportRung(report);
        } catch (RuntimeException e) {
            LOG.warn("run {}: {} at step {} not reported to experiment {} for early stopping: {}", runId, rule.metric(),
                    p.step(), experimentId, e.toString());
            return;
        }
        askWhetherStopped();
    }

    /**
     * Asks the run's workflow whether it was stopped, for one heartbeat window, as after a report: a retried
     * attempt (its worker died) of a run that early stopping stopped meanwhile learns of it within a second
     * instead of training on until a heartbeat's answer says so.
     */
    void askAtRetry() {
        askWhetherStopped();
    }

    private synchronized void askWhetherStopped() {
        if (asking != null) {
            asking.cancel(false);
        }
        long until = System.nanoTime() + askForMillis * 1_000_000L;
        RunWorkflow run = client.newWorkflowStub(RunWorkflow.class, WorkflowIds.run(runId));
        asking = asker.scheduleWithFixedDelay(() -> {
            if (pump.stopRequested() || System.nanoTime() > until) {
                throw new IllegalStateException("done asking"); // ends this schedule
            }
            String reason;
            try {
                reason = run.stoppedEarly();
            } catch (RuntimeException e) {
                return; // the workflow's worker is busy or away: the heartbeat's answer still tells
            }
            if (reason != null) {
                LOG.info("run {}: stopped early ({}); stopping training", runId, reason);
                pump.cancelRequestedElsewhere();
                throw new IllegalStateException("stopped"); // ends this schedule
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        asker.shutdownNow();
    }

    /** The figure of a point by its key ({@code e_transfer}). */
    static double figure(EvaluationPoint p, String key) {
        return switch (key) {
            case "e_rec" -> p.reconstruction();
            case "e_id_decomp" -> p.identityDecomposition();
            case "e_neu" -> p.neutralization();
            case "e_transfer" -> p.transfer();
            default -> throw new IllegalArgumentException("no figure " + key + " in an evaluation point; expected one of "
                    + FigureNames.KEYS);
        };
    }
}
