package org.ftgan.train;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.data.PreparedDataset;
import org.ftgan.nn.ModelConfig;
import org.ftgan.nn.NetworkTopology;
import org.ftgan.topology.MeshTopology;
import org.ftgan.topology.TemplateTopology;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains FaceTuneGAN on a prepared dataset as a {@link RunConfig} says: content batches x from the
 * {@link BatchSampler}'s epoch order over the training split, style samples s from its independent
 * stream with cls(s) their expression class, every mesh normalized with the split's mean and std.
 * Reports every step and every {@code log_every} steps to a {@link TrainingListener}, checkpoints
 * every N steps and/or minutes and at the end, and keeps the newest K checkpoints.
 *
 * <p>A run resumed from a checkpoint ({@link #resume}) computes exactly the losses of the
 * uninterrupted run: the parameters, both Adam states, the random streams and the sampler's
 * position are all restored. {@link #requestStop()} may be called from any thread; the loop
 * finishes its current step, checkpoints, and returns.
 *
 * <p>Works in float: ND4J's default floating-point type is set to FLOAT before the networks are
 * made (a process-wide setting). Not thread-safe apart from {@code requestStop}.
 */
public final class Trainer {
    private final RunConfig config;
    private final PreparedDataset data;
    private final TrainingListener listener;
    private final ModelConfig modelConfig;
    private final FaceTuneGanModel model;
    private final TrainingStep trainingStep;
    private final NetworkTopology networkTopology;
    private final LaplacianSmoothingLoss laplacian;
    private final RunRandom random;
    private final BatchSampler sampler;
    private final CheckpointStore store;
    private final int[] trainIndices;
    private final float[] mean;
    private final float[] std;
    private final int vertices;
    private final INDArray content;
    private final INDArray style;
    private final float[] meshBuffer;
    private volatile boolean stopRequested;
    private long step;
    private PeriodicEvaluation periodicEvaluation;
    /** The loss sums since the last progress report (checkpointed with the rest of the state). */
    private LogInterval interval = LogInterval.empty();

    /** Builds (or loads from the cache) the template's hierarchy and fresh networks seeded from the config. */
    public Trainer(RunConfig config, PreparedDataset data, TrainingListener listener) throws IOException {
        if (config == null || data == null || listener == null) {
            throw new IllegalArgumentException("Trainer needs a run config, a prepared dataset and a listener");
        }
        this.config = config;
        this.data = data;
        this.listener = listener;
        TemplateTopology topology = TemplateTopology.load(data.template(), config.topology().factorArray(),
                config.model().spiralLength(), config.topology().dilation(), config.topology().cacheDir()).topology();
        this.modelConfig = config.modelConfig(topology.vertexCounts(), data.classNames().size());
        NetworkTopology networkTopology = new NetworkTopology(topology.spirals(), topology.hierarchy().down(),
                topology.hierarchy().up());
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        this.random = new RunRandom(config.training().seed());
        this.model = FaceTuneGanModel.create(modelConfig, networkTopology, random.stream(RunRandom.INIT).nextLong(),
                config.adamSettings());
        MeshTopology full = topology.fullMesh();
        this.networkTopology = networkTopology;
        this.laplacian = new LaplacianSmoothingLoss(full.neighbourOffsets(), full.neighbourIndices());
        this.trainingStep = new TrainingStep(model, config.loss(), laplacian);
        trainingStep.setGradientClipping(config.training().clipGradNorm());
        this.trainIndices = data.trainIndices();
        int batch = config.training().batch();
        if (trainIndices.length < batch) {
            throw new IllegalArgumentException(data.dir() + ": the training split has " + trainIndices.length
                    + " samples, fewer than one batch (training.batch = " + batch + ")");
        }
        this.sampler = new BatchSampler(trainIndices.length, batch, random.stream(RunRandom.BATCHES),
                random.stream(RunRandom.STYLE_SAMPLES));
        this.store = new CheckpointStore(config.outputDir().resolve("checkpoints"), config.training().keepLast());
        this.mean = data.mean();
        this.std = data.std();
        this.vertices = data.vertexCount();
        this.content = Nd4j.create(DataType.FLOAT, batch, vertices, 3);
        this.style = Nd4j.create(DataType.FLOAT, batch, vertices, 3);
        this.meshBuffer = new float[3 * vertices];
    }

    public RunConfig config() {
        return config;
    }

    public ModelConfig modelConfig() {
        return modelConfig;
    }

    public FaceTuneGanModel model() {
        return model;
    }

    public CheckpointStore checkpoints() {
        return store;
    }

    /** Steps done so far (restored by {@link #resume}). */
    public long step() {
        return step;
    }

    /** The step budget of the config on this dataset. */
    public long totalSteps() {
        return config.training().totalSteps(sampler.batchesPerEpoch());
    }

    /** Asks the running loop to checkpoint and return after its current step; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Continues from a checkpoint of this run. Refuses a checkpoint written under another config
     * (the message names both hashes) or on another dataset.
     */
    public void resume(Path checkpointDir) throws IOException {
        Checkpoint c = checkAndOpen(checkpointDir);
        c.restoreInto(model, random, sampler);
        interval = c.logInterval();
        step = c.step();
    }

    /**
     * Evaluates the networks every {@code evaluation.every_steps} steps while training (nothing when that
     * is 0): each point goes to {@code OUTPUT/evaluation_curve.csv} and to the listener, and with
     * {@code evaluation.keep_best} the state with the lowest E_transfer so far is kept as the checkpoint
     * {@code checkpoints/best} (never pruned). Evaluation only reads the parameters and draws from its
     * own seed, so the training trajectory is the same with or without it.
     */
    public void evaluateDuringTraining(PeriodicEvaluation evaluation) {
        this.periodicEvaluation = evaluation;
    }

    /** Where {@code evaluation.keep_best} keeps the best state: {@code checkpoints/best}. */
    public Path bestCheckpointDir() {
        return store.dir().resolve("best");
    }

    /** The networks' hierarchy: spirals, down- and up-sampling of every level. */
    public NetworkTopology networkTopology() {
        return networkTopology;
    }

    /** The Laplacian smoothing loss on the template's 1-rings. */
    public LaplacianSmoothingLoss laplacian() {
        return laplacian;
    }

    /** Normalized training mesh {@code row} of the training split (rows index {@link PreparedDataset#trainIndices()}). */
    public void normalizedTrainingMesh(int row, float[] out) throws IOException {
        data.readPositions(trainIndices[row], out, 0);
        for (int k = 0; k < 3 * vertices; k++) {
            out[k] = (out[k] - mean[k]) / std[k];
        }
    }

    /**
     * The next {@code steps} batches this trainer will draw, without drawing them (the sampler's state
     * is restored): rows of the training split, as {@link Batch}. For replaying the run elsewhere.
     */
    public List<Batch> plannedBatches(int steps) {
        BatchSamplerState saved = sampler.state();
        List<Batch> out = new ArrayList<>(steps);
        try {
            for (int i = 0; i < steps; i++) {
                out.add(sampler.next());
            }
        } finally {
            sampler.restore(saved);
        }
        return out;
    }

    /** Loads only the network parameters of a checkpoint of this config (for evaluation). */
    public void loadParameters(Path checkpointDir) throws IOException {
        Checkpoint c = checkAndOpen(checkpointDir);
        c.restoreParameters(model);
        step = c.step();
    }

    private Checkpoint checkAndOpen(Path checkpointDir) throws IOException {
        Checkpoint c = Checkpoint.open(checkpointDir);
        String ours = config.hash();
        if (!c.configHash().equals(ours)) {
            throw new CheckpointException(checkpointDir + " was written under config hash " + c.configHash()
                    + ", this run's config (" + config.source() + ") has hash " + ours
                    + ": model, topology, loss, optimizer, batch or seed differ");
        }
        String dataHash = data.manifest().contentHash();
        if (!c.datasetHash().equals(dataHash)) {
            throw new CheckpointException(checkpointDir + " was trained on dataset content " + c.datasetHash()
                    + ", " + data.dir() + " has content hash " + dataHash);
        }
        return c;
    }

    /**
     * Runs until the budget is spent or a stop is requested, then writes a checkpoint.
     *
     * @throws TrainingDivergedException when a loss term is NaN or infinite, or above the configured
     *         divergence threshold (no checkpoint of that state)
     */
    public TrainingResult run() throws IOException {
        long total = totalSteps();
        int batch = config.training().batch();
        int logEvery = config.training().logEvery();
        long everySteps = config.training().checkpointEverySteps();
        long everyNanos = (long) (config.training().checkpointEveryMinutes() * 60e9);
        long start = System.nanoTime();
        long intervalStart = start;
        long lastCheckpointNanos = start;
        long lastCheckpointStep = step;
        Path lastCheckpoint = null;
        // the interval a checkpoint cut continues where it stopped, so resumed curves match
        double[] sums = interval.lossSums();
        int inInterval = interval.steps();
        int[] classes = new int[batch];
        double threshold = config.training().divergenceThreshold();
        TrainingLosses losses = null;
        long evaluateEvery = periodicEvaluation == null ? 0 : config.evaluation().everySteps();
        EvaluationCurve curve = evaluateEvery > 0 ? EvaluationCurve.open(config.outputDir(), step) : null;
        while (step < total && !stopRequested) {
            Batch b = sampler.next();
            fill(content, b.content());
            fill(style, b.style());
            for (int i = 0; i < batch; i++) {
                classes[i] = data.classIndex(trainIndices[b.style()[i]]);
            }
            losses = trainingStep.run(content, style, classes);
            step++;
            double[] v = LossTerms.values(losses);
            for (int k = 0; k < v.length; k++) {
                if (!Double.isFinite(v[k])) {
                    throw new TrainingDivergedException(step, LossTerms.NAMES.get(k), v[k]);
                }
                if (threshold > 0 && v[k] > threshold) {
                    throw new TrainingDivergedException(step, LossTerms.NAMES.get(k), v[k], threshold);
                }
                sums[k] += v[k];
            }
            inInterval++;
            interval = new LogInterval(inInterval, sums);
            listener.onStep(step, losses);
            long now = System.nanoTime();
            if (step % logEvery == 0 || step == total) {
                // a report cut only by the end of the budget: the final checkpoint keeps the interval as it
                // was, so a run continued from it to a larger budget reports the uninterrupted run's means
                LogInterval beforeEndCut = step % logEvery == 0 ? null : interval;
                double seconds = Math.max(1e-9, (now - intervalStart) / 1e9);
                double perStep = seconds / inInterval;
                for (int k = 0; k < sums.length; k++) {
                    sums[k] /= inInterval;
                }
                listener.onProgress(new TrainingProgress(step, total, b.epoch(), inInterval, LossTerms.of(sums),
                        inInterval * batch / seconds, (now - start) / 1e9, (total - step) * perStep));
                sums = new double[sums.length];
                inInterval = 0;
                interval = beforeEndCut == null ? LogInterval.empty() : beforeEndCut;
                intervalStart = now;
            }
            // evaluated before checkpointing, so a run resumed from this step's checkpoint has this point
            if (evaluateEvery > 0 && step % evaluateEvery == 0) {
                long evaluationStart = System.nanoTime();
                evaluate(curve);
                // the interval's samples/s counts training only
                intervalStart += System.nanoTime() - evaluationStart;
            }
            boolean dueBySteps = everySteps > 0 && step % everySteps == 0;
            boolean dueByTime = everyNanos > 0 && now - lastCheckpointNanos >= everyNanos;
            if ((dueBySteps || dueByTime) && step < total) {
                lastCheckpoint = checkpoint();
                lastCheckpointNanos = System.nanoTime();
                lastCheckpointStep = step;
            }
        }
        if (lastCheckpoint == null || lastCheckpointStep != step) {
            lastCheckpoint = checkpoint();
        }
        return new TrainingResult(step, step < total, lastCheckpoint, losses);
    }

    private void evaluate(EvaluationCurve curve) throws IOException {
        long t0 = System.nanoTime();
        EvaluationPoint point = periodicEvaluation.evaluate(model);
        point = point.atStep(step, (System.nanoTime() - t0) / 1e9);
        EvaluationPoint previousBest = curve.best();
        curve.add(point);
        boolean best = Double.isFinite(point.transfer())
                && (previousBest == null || point.transfer() < previousBest.transfer());
        if (best && config.evaluation().keepBest()) {
            Checkpoint.write(bestCheckpointDir(), config, data.manifest().contentHash(), step, model, random, sampler);
        }
        listener.onEvaluation(point, best);
    }

    /** Writes the current state as a checkpoint now, prunes old ones, and returns its directory. */
    public Path checkpoint() throws IOException {
        Path dir = store.pathFor(step);
        Checkpoint.write(dir, config, data.manifest().contentHash(), step, model, random, sampler, interval);
        store.prune();
        listener.onCheckpoint(step, dir);
        return dir;
    }

    /** Normalized meshes of training-split rows into a [B, V, 3] batch. */
    private void fill(INDArray target, int[] rows) throws IOException {
        FloatBuffer out = target.data().asNioFloat();
        int n = 3 * vertices;
        for (int i = 0; i < rows.length; i++) {
            data.readPositions(trainIndices[rows[i]], meshBuffer, 0);
            for (int k = 0; k < n; k++) {
                meshBuffer[k] = (meshBuffer[k] - mean[k]) / std[k];
            }
            out.put(i * n, meshBuffer, 0, n);
        }
    }
}
