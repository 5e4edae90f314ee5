package org.ftgan.worker.run;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ftgan.data.PreparedDataset;
import org.ftgan.eval.CheckpointEvaluation;
import org.ftgan.eval.DisentanglementProbes;
import org.ftgan.eval.ErrorStats;
import org.ftgan.eval.EvaluationJson;
import org.ftgan.eval.EvaluationListener;
import org.ftgan.eval.EvaluationResult;
import org.ftgan.eval.HeldOutSubsetEvaluation;
import org.ftgan.eval.ProbesJson;
import org.ftgan.names.FigureNames;
import org.ftgan.names.RunStatus;
import org.ftgan.records.ArtifactKind;
import org.ftgan.records.ArtifactRow;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.NewEvent;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;
import org.ftgan.train.CheckpointException;
import org.ftgan.train.EvaluationPoint;
import org.ftgan.train.RunConfig;
import org.ftgan.train.RunConfigException;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingDivergedException;
import org.ftgan.train.TrainingListener;
import org.ftgan.train.TrainingLosses;
import org.ftgan.train.TrainingProgress;
import org.ftgan.train.TrainingResult;
import org.ftgan.worker.ActivityHeartbeat;
import org.ftgan.worker.DirectoryArtifact;
import org.ftgan.worker.FailureTypes;
import org.ftgan.worker.LongActivities;
import org.ftgan.worker.RoutineFailures;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.run.RunInput;
import org.ftgan.workflows.run.TrainingActivities;
import org.ftgan.workflows.run.TrainingOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** See {@link TrainingActivities}. */
public class TrainingActivitiesImpl implements TrainingActivities {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingActivitiesImpl.class);
    /** How long the end of an attempt waits for an unreachable database before failing (and being retried). */
    private static final Duration DATABASE_PATIENCE = Duration.ofMinutes(2);

    private final PlatformRecords records;
    private final String workerIdentity;
    /** This worker's long activities, told to stop (training: after a checkpoint) when it shuts down. */
    private final LongActivities running;

    public TrainingActivitiesImpl(PlatformRecords records, String workerIdentity, LongActivities running) {
        this.records = records;
        this.workerIdentity = workerIdentity;
        this.running = running;
    }

    @Override
    public TrainingOutcome train(RunInput input) {
        ActivityExecutionContext ctx = Activity.getExecutionContext();
        int attempt = input.recordedAttempt(ctx.getInfo().getAttempt());
        String runId = input.runId();
        Optional<TrainingHeartbeat> previous = ctx.getHeartbeatDetails(TrainingHeartbeat.class);
        try (ActivityHeartbeat<TrainingHeartbeat> pump = running.start(ctx, previous.orElse(new TrainingHeartbeat(0, null)))) {
            // marked before anything that can fail, so that a failure of this attempt is recorded against it
            RunRow run = findRun(runId);
            records.runs().markAttemptStarted(runId, attempt, workerIdentity);
            RungReporter rungs = input.earlyStopping() == null ? null : new RungReporter(ctx.getWorkflowClient(),
                    input.experimentId(), runId, input.earlyStopping(), pump, input.heartbeatTimeoutSeconds());
            if (rungs != null && ctx.getInfo().getAttempt() > 1) {
                rungs.askAtRetry();
            }
            try {
                return train(input, attempt, previous, pump, run, rungs);
            } finally {
                if (rungs != null) {
                    rungs.close();
                }
            }
        }
    }

    private TrainingOutcome train(RunInput input, int attempt,
                                  Optional<TrainingHeartbeat> previous, ActivityHeartbeat<TrainingHeartbeat> pump, RunRow run,
                                  RungReporter rungs) {
        String runId = input.runId();
        try (PreparedDataset data = openDataset(input)) {
            RunConfig config = runConfig(run, input);
            CurveWriter curves = new CurveWriter(records, runId);
            TrainingListenerForRun listener = new TrainingListenerForRun(pump, curves, run,
                    config.evaluation().keepBest() ? config.outputDir().resolve("checkpoints").resolve("best") : null, rungs);
            Trainer trainer;
            try {
                trainer = new Trainer(config, data, listener);
            } catch (IllegalArgumentException e) {
                throw RoutineFailures.nonRetryable(e.getMessage(), FailureTypes.INVALID_CONFIG);
            }
            trainer.evaluateDuringTraining(new HeldOutSubsetEvaluation(config, data));
            long resumedFrom = resume(trainer, previous, runId, attempt);
            pump.progress(new TrainingHeartbeat(resumedFrom, previous.map(TrainingHeartbeat::checkpoint).orElse(null)));
            pump.onStop(trainer::requestStop);
            TrainingResult result;
            try {
                result = trainer.run();
            } catch (TrainingDivergedException e) {
                curves.flush(DATABASE_PATIENCE);
                throw RoutineFailures.nonRetryable(e.getMessage(), FailureTypes.DIVERGED);
            }
            curves.flush(DATABASE_PATIENCE);
            // cancelled, timed out or shut down: the checkpoint is written; a shutdown's retry (another
            // worker) resumes from it, and a cancellation ends the activity as cancelled
            pump.throwIfStopped("attempt " + attempt + " stopped at step " + result.step() + " after a checkpoint");
            return new TrainingOutcome(result.step(), records.store().relativize(result.lastCheckpoint()), resumedFrom);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + runId + ": " + e.getMessage(), e);
        }
    }

    private RunRow findRun(String runId) {
        return records.runs().find(runId).orElseThrow(() -> RoutineFailures.nonRetryable(
                "no run " + runId + " in the records", FailureTypes.INVALID_CONFIG));
    }

    private PreparedDataset openDataset(RunInput input) throws IOException {
        Path dir = records.store().resolve(input.dataset().path());
        if (!Files.isDirectory(dir)) {
            throw RoutineFailures.nonRetryable("run " + input.runId() + ": the prepared dataset "
                    + input.dataset().path() + " is missing from the artifact store of worker " + workerIdentity,
                    FailureTypes.BAD_DATA);
        }
        PreparedDataset data;
        try {
            data = PreparedDataset.open(dir);
        } catch (IOException e) {
            throw RoutineFailures.nonRetryable("run " + input.runId() + ": the prepared dataset "
                    + input.dataset().path() + " cannot be opened: " + e.getMessage(), FailureTypes.BAD_DATA);
        }
        String hash = data.manifest().contentHash();
        if (!hash.equals(input.dataset().contentHash())) {
            data.close();
            throw RoutineFailures.nonRetryable("run " + input.runId() + " was planned on dataset "
                    + input.dataset().contentHash() + " but " + input.dataset().path() + " now holds " + hash, FailureTypes.BAD_DATA);
        }
        return data;
    }

    private RunConfig runConfig(RunRow run, RunInput input) {
        try {
            return RunConfigs.forRun(run.id(), run.config(), records.store().resolve(input.dataset().path()),
                    records.store().runDir(run.id()), records.store().root().resolve("topology-cache"));
        } catch (RunConfigException e) {
            throw RoutineFailures.nonRetryable(e.getMessage(), FailureTypes.INVALID_CONFIG);
        }
    }

    /**
     * Continues from the newer of the checkpoint in the last heartbeat of an earlier attempt and the
     * newest in the run's directory: heartbeats reach Temporal at most every 0.8 heartbeat
     * timeouts, so a checkpoint written just before a crash may be on disk only (directories are
     * renamed into place whole, so what is there is complete).
     */
    private long resume(Trainer trainer, Optional<TrainingHeartbeat> beat, String runId, int attempt) throws IOException {
        Path checkpoint = trainer.checkpoints().latest().orElse(null);
        if (beat.isPresent() && beat.get().checkpoint() != null) {
            Path p = records.store().resolve(beat.get().checkpoint());
            if (Files.isDirectory(p) && (checkpoint == null || p.getFileName().toString()
                    .compareTo(checkpoint.getFileName().toString()) > 0)) {
                checkpoint = p;
            }
        }
        if (checkpoint == null) {
            return 0;
        }
        try {
            trainer.resume(checkpoint);
        } catch (CheckpointException e) {
            throw RoutineFailures.nonRetryable(e.getMessage(), FailureTypes.INVALID_CONFIG);
        }
        RunRow run = findRun(runId);
        records.events().append(new NewEvent(run.experimentId(), runId, RunStatus.RUNNING,
                "attempt " + attempt + " resumed from step " + trainer.step() + " (" + records.store().relativize(checkpoint) + ")",
                attempt, workerIdentity, "run:" + runId + ":attempt:" + attempt + ":resumed"));
        return trainer.step();
    }

    /** Stores curves and checkpoints of a run and keeps the heartbeat's step and checkpoint current. */
    private final class TrainingListenerForRun implements TrainingListener {
        private final ActivityHeartbeat<TrainingHeartbeat> pump;
        private final CurveWriter curves;
        private final RunRow run;
        /** Where the trainer keeps the best state (evaluation.keep_best), or null. */
        private final Path bestCheckpoint;
        /** Reports judged figures to the experiment (sweep.early_stopping), or null. */
        private final RungReporter rungs;

        TrainingListenerForRun(ActivityHeartbeat<TrainingHeartbeat> pump, CurveWriter curves, RunRow run, Path bestCheckpoint,
                               RungReporter rungs) {
            this.pump = pump;
            this.curves = curves;
            this.run = run;
            this.bestCheckpoint = bestCheckpoint;
            this.rungs = rungs;
        }

        @Override
        public void onStep(long step, TrainingLosses losses) {
            pump.update(new TrainingHeartbeat(step, pump.details().checkpoint()));
        }

        @Override
        public void onProgress(TrainingProgress progress) {
            curves.add(progress);
        }

        @Override
        public void onEvaluation(EvaluationPoint p, boolean best) {
            // rare (every evaluation.every_steps) and small: written at once; a failure here must not end the attempt,
            // the points are also in the run's evaluation_curve.csv
            try {
                records.evaluationCurves().upsert(run.id(), new EvaluationCurveRecords.Point(p.step(), p.reconstruction(),
                        p.identityDecomposition(), p.neutralization(), p.transfer(), p.blendshape(), p.triplets(), p.seconds()));
                if (best && bestCheckpoint != null && Files.isDirectory(bestCheckpoint)) {
                    records.artifacts().upsert(run.experimentId(), run.id(), ArtifactKind.CHECKPOINT,
                            DirectoryArtifact.describe(records.store(), bestCheckpoint));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("run {}: evaluation point of step {} not recorded: {}", run.id(), p.step(), e.getMessage());
            }
            // after the point is stored (and its best checkpoint recorded), so a run stopped for it keeps both
            if (rungs != null) {
                rungs.onEvaluation(p);
            }
        }

        @Override
        public void onCheckpoint(long step, Path dir) {
            String checkpoint = records.store().relativize(dir);
            pump.progress(new TrainingHeartbeat(step, checkpoint));
            curves.checkpointed(step, checkpoint);
            try {
                records.artifacts().upsert(run.experimentId(), run.id(), ArtifactKind.CHECKPOINT,
                        DirectoryArtifact.describe(records.store(), dir));
                // keep_last pruned older checkpoints: their rows go too
                for (ArtifactRow a : records.artifacts().listByRun(run.id())) {
                    if (a.kind() == ArtifactKind.CHECKPOINT && !Files.exists(records.store().resolve(a.path()))) {
                        records.artifacts().delete(a.kind(), a.path());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the checkpoint is on disk and in the heartbeat; the final one is recorded by the evaluation
                LOG.warn("run {}: checkpoint of step {} not recorded as an artifact (it is on disk): {}", run.id(), step,
                        e.toString());
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
        if (!Files.isDirectory(checkpointDir)) {
            // nothing a retry could change: the trained checkpoint is gone from the store
            throw RoutineFailures.nonRetryable("run " + runId + ": checkpoint " + checkpoint
                    + " is missing from the artifact store of worker " + workerIdentity, FailureTypes.BAD_DATA);
        }
        EvaluationResult result;
        List<DisentanglementProbes.Probe> probes;
        try (ActivityHeartbeat<String> beat = running.start(ctx, "evaluating " + checkpoint)) {
            // between batches: report progress, and end here when cancelled (or the worker stops); the
            // result of an evaluation that was stopped is never stored
            EvaluationListener listener = batches -> {
                beat.throwIfStopped("the evaluation of " + checkpoint + " stopped after " + batches + " batches");
                beat.update("evaluating " + checkpoint + ": " + batches + " batches");
            };
            CheckpointEvaluation.WithProbes evaluated =
                    CheckpointEvaluation.evaluateWithProbes(checkpointDir, dataDir, maps, listener);
            result = evaluated.result();
            probes = evaluated.probes();
            beat.throwIfStopped("the evaluation of " + checkpoint + " stopped before its results were stored");
        } catch (IOException e) {
            throw new UncheckedIOException("evaluating run " + runId + ": " + e.getMessage(), e);
        }
        try {
            Path json = records.store().runDir(runId).resolve("evaluation.json");
            EvaluationJson.write(json, result);
            records.results().replaceAll(runId, resultRows(result));
            records.artifacts().upsert(run.experimentId(), runId, ArtifactKind.EVALUATION, records.store().describe(json));
            Path probesJson = json.resolveSibling("probes.json");
            ProbesJson.write(probesJson, probes);
            records.artifacts().upsert(run.experimentId(), runId, ArtifactKind.EVALUATION, records.store().describe(probesJson));
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
        String transfer = FigureNames.key(FigureNames.E_TRANSFER);
        add(rows, FigureNames.key(FigureNames.E_REC), FigureNames.FACETUNEGAN, ResultRow.OVERALL, m.reconstruction());
        add(rows, FigureNames.key(FigureNames.E_ID_DECOMP), FigureNames.FACETUNEGAN, ResultRow.OVERALL, m.identityDecomposition());
        add(rows, FigureNames.key(FigureNames.E_NEU), FigureNames.FACETUNEGAN, ResultRow.OVERALL, m.neutralization());
        add(rows, transfer, FigureNames.FACETUNEGAN, ResultRow.OVERALL, m.transfer());
        add(rows, transfer, FigureNames.BLENDSHAPE, ResultRow.OVERALL, m.blendshapeTransfer());
        for (Map.Entry<String, EvaluationResult.ExpressionTransfer> e : r.transferByExpression().entrySet()) {
            add(rows, transfer, FigureNames.FACETUNEGAN, e.getKey(), e.getValue().model());
            add(rows, transfer, FigureNames.BLENDSHAPE, e.getKey(), e.getValue().blendshape());
        }
        return rows;
    }

    private static void add(List<ResultRow> rows, String metric, String method, String expression, ErrorStats s) {
        if (s != null) {
            rows.add(new ResultRow(metric, method, expression, s.mean(), s.std(), s.median(), s.n()));
        }
    }
}
