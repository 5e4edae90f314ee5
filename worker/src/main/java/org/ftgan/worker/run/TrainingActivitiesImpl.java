package org.ftgan.worker.run;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ftgan.data.PreparedDataset;
import org.ftgan.eval.CheckpointEvaluation;
import org.ftgan.eval.ErrorStats;
import org.ftgan.eval.EvaluationJson;
import org.ftgan.eval.EvaluationResult;
import org.ftgan.records.ArtifactKind;
import org.ftgan.records.NewEvent;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;
import org.ftgan.records.RunStatus;
import org.ftgan.train.CheckpointException;
import org.ftgan.train.RunConfig;
import org.ftgan.train.RunConfigException;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingDivergedException;
import org.ftgan.train.TrainingListener;
import org.ftgan.train.TrainingLosses;
import org.ftgan.train.TrainingProgress;
import org.ftgan.train.TrainingResult;
import org.ftgan.worker.DirectoryArtifact;
import org.ftgan.worker.FailureTypes;
import org.ftgan.worker.PlatformRecords;

/** See {@link TrainingActivities}. */
public class TrainingActivitiesImpl implements TrainingActivities {
    /** How long the end of an attempt waits for an unreachable database before failing (and being retried). */
    private static final Duration DATABASE_PATIENCE = Duration.ofMinutes(2);

    private final PlatformRecords records;
    private final String workerIdentity;

    public TrainingActivitiesImpl(PlatformRecords records, String workerIdentity) {
        this.records = records;
        this.workerIdentity = workerIdentity;
    }

    @Override
    public TrainingOutcome train(RunInput input) {
        ActivityExecutionContext ctx = Activity.getExecutionContext();
        int attempt = ctx.getInfo().getAttempt();
        String runId = input.runId();
        RunRow run = findRun(runId);
        records.runs().markAttemptStarted(runId, attempt, workerIdentity);
        try (PreparedDataset data = openDataset(input)) {
            RunConfig config = runConfig(run, input);
            CurveWriter curves = new CurveWriter(records, runId);
            HeartbeatingListener listener = new HeartbeatingListener(ctx, curves, run);
            Trainer trainer;
            try {
                trainer = new Trainer(config, data, listener);
            } catch (IllegalArgumentException e) {
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_CONFIG);
            }
            listener.trainer = trainer;
            long resumedFrom = resume(trainer, ctx, runId, attempt);
            listener.lastCheckpoint = resumedFrom > 0 ? records.store().relativize(trainer.checkpoints().pathFor(resumedFrom)) : null;
            TrainingResult result;
            try {
                result = trainer.run();
            } catch (TrainingDivergedException e) {
                curves.flush(DATABASE_PATIENCE);
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.DIVERGED);
            }
            curves.flush(DATABASE_PATIENCE);
            if (listener.stopCause != null) {
                // cancelled, timed out or shutting down: the checkpoint is written; let Temporal know why we stopped
                throw listener.stopCause;
            }
            return new TrainingOutcome(result.step(), records.store().relativize(result.lastCheckpoint()), resumedFrom);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + runId + ": " + e.getMessage(), e);
        }
    }

    private RunRow findRun(String runId) {
        return records.runs().find(runId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "no run " + runId + " in the records", FailureTypes.INVALID_CONFIG));
    }

    private PreparedDataset openDataset(RunInput input) throws IOException {
        Path dir = records.store().resolve(input.dataset().path());
        PreparedDataset data;
        try {
            data = PreparedDataset.open(dir);
        } catch (IOException e) {
            throw ApplicationFailure.newNonRetryableFailure("run " + input.runId() + ": the prepared dataset "
                    + dir + " cannot be opened: " + e.getMessage(), FailureTypes.BAD_DATA);
        }
        String hash = data.manifest().contentHash();
        if (!hash.equals(input.dataset().contentHash())) {
            data.close();
            throw ApplicationFailure.newNonRetryableFailure("run " + input.runId() + " was planned on dataset "
                    + input.dataset().contentHash() + " but " + dir + " now holds " + hash, FailureTypes.BAD_DATA);
        }
        return data;
    }

    private RunConfig runConfig(RunRow run, RunInput input) {
        try {
            return RunConfigs.forRun(run.id(), run.config(), records.store().resolve(input.dataset().path()),
                    records.store().runDir(run.id()), records.store().root().resolve("topology-cache"));
        } catch (RunConfigException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_CONFIG);
        }
    }

    /**
     * Continues from the checkpoint in the last heartbeat of an earlier attempt, else from the
     * newest in the run's directory (an attempt may die before its first heartbeat lands).
     */
    private long resume(Trainer trainer, ActivityExecutionContext ctx, String runId, int attempt) throws IOException {
        Optional<TrainingHeartbeat> beat = ctx.getHeartbeatDetails(TrainingHeartbeat.class);
        Path checkpoint = null;
        if (beat.isPresent() && beat.get().checkpoint() != null) {
            Path p = records.store().resolve(beat.get().checkpoint());
            if (Files.isDirectory(p)) {
                checkpoint = p;
            }
        }
        if (checkpoint == null) {
            checkpoint = trainer.checkpoints().latest().orElse(null);
        }
        if (checkpoint == null) {
            return 0;
        }
        try {
            trainer.resume(checkpoint);
        } catch (CheckpointException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_CONFIG);
        }
        RunRow run = findRun(runId);
        records.events().append(new NewEvent(run.experimentId(), runId, RunStatus.RUNNING.dbName(),
                "attempt " + attempt + " resumed from step " + trainer.step() + " (" + records.store().relativize(checkpoint) + ")",
                attempt, workerIdentity, "run:" + runId + ":attempt:" + attempt + ":resumed"));
        return trainer.step();
    }

    /**
     * Heartbeats every step (the SDK sends at most one per 0.8 heartbeat timeouts) with the step and
     * the last checkpoint; when the heartbeat reports a cancellation or a worker shutdown, asks the
     * trainer to checkpoint and stop.
     */
    private final class HeartbeatingListener implements TrainingListener {
        private final ActivityExecutionContext ctx;
        private final CurveWriter curves;
        private final RunRow run;
        Trainer trainer;
        String lastCheckpoint;
        ActivityCompletionException stopCause;

        HeartbeatingListener(ActivityExecutionContext ctx, CurveWriter curves, RunRow run) {
            this.ctx = ctx;
            this.curves = curves;
            this.run = run;
        }

        @Override
        public void onStep(long step, TrainingLosses losses) {
            if (stopCause != null) {
                return;
            }
            try {
                ctx.heartbeat(new TrainingHeartbeat(step, lastCheckpoint));
            } catch (ActivityCompletionException e) {
                stopCause = e;
                trainer.requestStop();
            }
        }

        @Override
        public void onProgress(TrainingProgress progress) {
            curves.add(progress);
        }

        @Override
        public void onCheckpoint(long step, Path dir) {
            lastCheckpoint = records.store().relativize(dir);
            curves.checkpointed(step, lastCheckpoint);
            try {
                records.artifacts().upsert(run.experimentId(), run.id(), ArtifactKind.CHECKPOINT,
                        DirectoryArtifact.describe(records.store(), dir));
            } catch (IOException | RuntimeException e) {
                // the checkpoint is on disk and in the heartbeat; the final one is recorded by the evaluation
            }
            curves.tryFlush();
        }
    }

    @Override
    public void evaluate(RunInput input, String checkpoint) {
        ActivityExecutionContext ctx = Activity.getExecutionContext();
        String runId = input.runId();
        RunRow run = findRun(runId);
        Path checkpointDir = records.store().resolve(checkpoint);
        Path dataDir = records.store().resolve(input.dataset().path());
        Path maps = records.store().mapsDir(runId);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "evaluation-heartbeat");
            t.setDaemon(true);
            return t;
        });
        EvaluationResult result;
        try {
            // the evaluator has no progress callback: heartbeat from beside it so a dead worker is still noticed
            beats.scheduleAtFixedRate(() -> {
                try {
                    ctx.heartbeat(null);
                } catch (RuntimeException ignored) {
                    // cancellation of an evaluation is not supported; it ends by itself within minutes
                }
            }, 0, 5, TimeUnit.SECONDS);
            result = CheckpointEvaluation.evaluate(checkpointDir, dataDir, maps);
        } catch (IOException e) {
            throw new UncheckedIOException("evaluating run " + runId + ": " + e.getMessage(), e);
        } finally {
            // not shutdownNow: interrupting a heartbeat in flight only logs a failed-heartbeat warning per run
            beats.shutdown();
        }
        try {
            Path json = records.store().runDir(runId).resolve("evaluation.json");
            EvaluationJson.write(json, result);
            records.results().replaceAll(runId, resultRows(result));
            records.artifacts().upsert(run.experimentId(), runId, ArtifactKind.EVALUATION, records.store().describe(json));
            if (result.errorMaps() != null) {
                for (EvaluationResult.ErrorMapFile f : result.errorMaps().files()) {
                    records.artifacts().upsert(run.experimentId(), runId, ArtifactKind.ERROR_MAP,
                            records.store().describe(maps.resolve(f.file())));
                }
            }
            records.artifacts().upsert(run.experimentId(), runId, ArtifactKind.CHECKPOINT,
                    DirectoryArtifact.describe(records.store(), checkpointDir));
        } catch (IOException e) {
            throw new UncheckedIOException("storing the evaluation of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** MODEL.md's figures as result rows: overall per metric, and transfer per expression with the baseline. */
    static List<ResultRow> resultRows(EvaluationResult r) {
        List<ResultRow> rows = new ArrayList<>();
        EvaluationResult.Metrics m = r.metrics();
        add(rows, "e_rec", "facetunegan", ResultRow.OVERALL, m.reconstruction());
        add(rows, "e_id_decomp", "facetunegan", ResultRow.OVERALL, m.identityDecomposition());
        add(rows, "e_neu", "facetunegan", ResultRow.OVERALL, m.neutralization());
        add(rows, "e_transfer", "facetunegan", ResultRow.OVERALL, m.transfer());
        add(rows, "e_transfer", "blendshape", ResultRow.OVERALL, m.blendshapeTransfer());
        for (Map.Entry<String, EvaluationResult.ExpressionTransfer> e : r.transferByExpression().entrySet()) {
            add(rows, "e_transfer", "facetunegan", e.getKey(), e.getValue().model());
            add(rows, "e_transfer", "blendshape", e.getKey(), e.getValue().blendshape());
        }
        return rows;
    }

    private static void add(List<ResultRow> rows, String metric, String method, String expression, ErrorStats s) {
        if (s != null) {
            rows.add(new ResultRow(metric, method, expression, s.mean(), s.std(), s.median(), s.n()));
        }
    }
}
