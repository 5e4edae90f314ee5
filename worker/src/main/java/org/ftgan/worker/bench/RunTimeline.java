package org.ftgan.worker.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.EventRow;
import org.ftgan.worker.run.RunIds;
import org.ftgan.workflows.experiment.WorkflowIds;

/**
 * The timeline of the single run of a one-run experiment, from just before its submission to its
 * succeeded event, assembled from three clocks of this one machine: this JVM (the submission), the
 * records' timestamps (PostgreSQL {@code now()} of the events and curve rows) and the Temporal
 * histories' event times.
 *
 * @param submitted         just before {@code ExperimentSubmitter.submit}
 * @param workflowStarted   the experiment workflow's started event
 * @param prepareScheduled  its PrepareDataset activity scheduled (a cache hit after the warm-up)
 * @param prepareCompleted  ... completed
 * @param trainScheduled    the run workflow's Train activity scheduled
 * @param attemptStarted    the run's "running" event, written first thing in the Train activity
 * @param firstStepElapsed  the trainer's elapsed_s at step 1 (its loop start to the end of step 1)
 * @param firstStepStored   the step 1 curve row's recorded_at
 * @param lastStepElapsed   elapsed_s at the last step
 * @param lastStep          the last step
 * @param lastStepStored    the last curve row's recorded_at
 * @param trainCompleted    the Train activity completed (after the final checkpoint)
 * @param evaluating        the run's "evaluating" event
 * @param evaluateStarted   the Evaluate activity started (picked up by the worker)
 * @param evaluateCompleted ... completed, results stored
 * @param succeeded         the run's "succeeded" event
 */
record RunTimeline(Instant submitted, Instant workflowStarted, Instant prepareScheduled, Instant prepareCompleted,
                   Instant trainScheduled, Instant attemptStarted, double firstStepElapsed, Instant firstStepStored,
                   double lastStepElapsed, long lastStep, Instant lastStepStored, Instant trainCompleted,
                   Instant evaluating, Instant evaluateScheduled, Instant evaluateStarted, Instant evaluateCompleted,
                   Instant succeeded) {

    /** The spans reported, in timeline order; indented names are parts of the span above them. */
    static final Map<String, ToDoubleFunction<RunTimeline>> SPANS = spans();

    private static Map<String, ToDoubleFunction<RunTimeline>> spans() {
        Map<String, ToDoubleFunction<RunTimeline>> m = new LinkedHashMap<>();
        m.put("submit (validate, insert, start workflow) -> experiment workflow started",
                t -> PlatformBench.seconds(t.submitted, t.workflowStarted));
        m.put("workflow started -> Train activity scheduled (status, dataset, plan, child start)",
                t -> PlatformBench.seconds(t.workflowStarted, t.trainScheduled));
        m.put("&nbsp;&nbsp;of which PrepareDataset activity (cache hit)",
                t -> PlatformBench.seconds(t.prepareScheduled, t.prepareCompleted));
        m.put("Train scheduled -> attempt started (running event)",
                t -> PlatformBench.seconds(t.trainScheduled, t.attemptStarted));
        m.put("attempt started -> training loop started (dataset open, Trainer construction)",
                t -> PlatformBench.seconds(t.attemptStarted, t.trainingLoopStarted()));
        m.put("step 1 compute (trainer elapsed_s at step 1)", t -> t.firstStepElapsed);
        m.put("**submit -> step 1 stored**", RunTimeline::submitToFirstStep);
        m.put("&nbsp;&nbsp;of which platform (all but step 1 compute)", RunTimeline::startOverhead);
        m.put("steady step time (mean of steps 2..last)", t -> (t.lastStepElapsed - t.firstStepElapsed) / (t.lastStep - 1));
        m.put("last step stored -> Train completed (final checkpoint, activity completion)",
                t -> PlatformBench.seconds(t.lastStepStored, t.trainCompleted));
        m.put("Train completed -> evaluating event (workflow task, bookkeeping activity)",
                t -> PlatformBench.seconds(t.trainCompleted, t.evaluating));
        m.put("evaluating event -> Evaluate started (schedule, dispatch)",
                t -> PlatformBench.seconds(t.evaluating, t.evaluateStarted));
        m.put("Evaluate started -> completed (evaluation, results stored)", RunTimeline::evaluation);
        m.put("Evaluate completed -> succeeded event (workflow task, bookkeeping activity)",
                t -> PlatformBench.seconds(t.evaluateCompleted, t.succeeded));
        m.put("**last step stored -> succeeded**", RunTimeline::lastStepToSucceeded);
        m.put("&nbsp;&nbsp;of which platform (all but the evaluation)", RunTimeline::endOverhead);
        return m;
    }

    Instant trainingLoopStarted() {
        return firstStepStored.minusNanos((long) (firstStepElapsed * 1e9));
    }

    double submitToFirstStep() {
        return PlatformBench.seconds(submitted, firstStepStored);
    }

    double startOverhead() {
        return submitToFirstStep() - firstStepElapsed;
    }

    double evaluation() {
        return PlatformBench.seconds(evaluateStarted, evaluateCompleted);
    }

    double lastStepToSucceeded() {
        return PlatformBench.seconds(lastStepStored, succeeded);
    }

    double endOverhead() {
        return lastStepToSucceeded() - evaluation();
    }

    /** Submits a one-run experiment, waits for it to end, and reads its run's timeline. */
    static RunTimeline measure(BenchPlatform platform, WorkflowHistories histories, String yaml) {
        Instant submitted = Instant.now();
        String id = platform.submitter.submit(yaml, "platform bench", Map.of(), "platform-bench").experimentId();
        ExperimentStatus status = platform.submitter.awaitExperiment(id);
        if (status != ExperimentStatus.SUCCEEDED) {
            throw new IllegalStateException("experiment " + id + " ended " + status.dbName() + "; events: "
                    + platform.records.events().listByExperiment(id).stream().map(e -> e.status() + ": " + e.reason()).toList());
        }
        String runId = RunIds.of(id, 0);
        List<HistoryEvent> experiment = histories.events(WorkflowIds.experiment(id), "");
        List<HistoryEvent> run = histories.events(WorkflowIds.run(runId), "");
        List<CurveRow> curve = curve(platform, runId);
        CurveRow first = curve.get(0);
        CurveRow last = curve.get(curve.size() - 1);
        return new RunTimeline(submitted,
                WorkflowHistories.time(experiment.get(0)),
                activity(experiment, "PrepareDataset", EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, id),
                activity(experiment, "PrepareDataset", EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, id),
                activity(run, "Train", EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, runId),
                event(platform, runId, RunStatus.RUNNING),
                first.elapsedSeconds(), first.recordedAt(), last.elapsedSeconds(), last.step(), last.recordedAt(),
                activity(run, "Train", EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, runId),
                event(platform, runId, RunStatus.EVALUATING),
                activity(run, "Evaluate", EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, runId),
                activity(run, "Evaluate", EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, runId),
                activity(run, "Evaluate", EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, runId),
                event(platform, runId, RunStatus.SUCCEEDED));
    }

    private static Instant activity(List<HistoryEvent> events, String type, EventType stage, String owner) {
        return WorkflowHistories.activityTime(events, type, stage).orElseThrow(() -> new IllegalStateException(
                "the workflow history of " + owner + " has no " + type + " activity event " + stage));
    }

    private static Instant event(BenchPlatform platform, String runId, RunStatus status) {
        List<EventRow> rows = PlatformBench.events(platform, runId, status);
        if (rows.isEmpty()) {
            throw new IllegalStateException("run " + runId + " has no '" + status.dbName() + "' event");
        }
        return rows.get(0).createdAt();
    }

    private record CurveRow(long step, double elapsedSeconds, Instant recordedAt) {
    }

    /** The run's curve rows with their recorded_at, in step order. */
    private static List<CurveRow> curve(BenchPlatform platform, String runId) {
        List<CurveRow> rows = platform.db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT step, elapsed_s, recorded_at FROM curves WHERE run_id = ? ORDER BY step")) {
                s.setString(1, runId);
                List<CurveRow> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CurveRow(rs.getLong(1), rs.getDouble(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant()));
                    }
                }
                return out;
            }
        });
        if (rows.isEmpty() || rows.get(0).step() != 1) {
            throw new IllegalStateException("run " + runId + " has no curve row at step 1 (log_every must be 1)");
        }
        return rows;
    }
}
