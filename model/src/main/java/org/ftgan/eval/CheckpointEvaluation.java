package org.ftgan.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ftgan.data.PreparedDataset;
import org.ftgan.train.Checkpoint;
import org.ftgan.train.RunConfig;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingListener;

/**
 * Evaluates the networks of a training checkpoint: the run config saved in it rebuilds the
 * networks (and the hierarchy, from its cache when present), the checkpoint's parameters are
 * loaded, and the {@link Evaluator} runs with the config's evaluation seed and triplet count.
 */
public final class CheckpointEvaluation {
    private CheckpointEvaluation() {
    }

    /**
     * @param dataDir     the prepared dataset; null for the one named in the checkpoint's config
     * @param errorMapDir where error-map PLYs go; null for none
     */
    public static EvaluationResult evaluate(Path checkpointDir, Path dataDir, Path errorMapDir) throws IOException {
        return withCheckpoint(checkpointDir, dataDir, (networks, ds) -> evaluate(networks, ds, errorMapDir));
    }

    /** An evaluation and the disentanglement probes of the same networks. */
    public record WithProbes(EvaluationResult result, List<DisentanglementProbes.Probe> probes) {
    }

    /** {@link #evaluate(Path, Path, Path)} plus {@link DisentanglementProbes}, the networks loaded once. */
    public static WithProbes evaluateWithProbes(Path checkpointDir, Path dataDir, Path errorMapDir) throws IOException {
        return evaluateWithProbes(checkpointDir, dataDir, errorMapDir, EvaluationListener.NONE);
    }

    /**
     * As {@link #evaluateWithProbes(Path, Path, Path)}, telling {@code listener} before every batch the
     * networks see; an unchecked exception it throws stops the evaluation there.
     */
    public static WithProbes evaluateWithProbes(Path checkpointDir, Path dataDir, Path errorMapDir,
                                                EvaluationListener listener) throws IOException {
        return withCheckpoint(checkpointDir, dataDir, (networks, ds) -> withProbes(networks, ds, errorMapDir, listener));
    }

    private interface NetworksWork<T> {
        T apply(Trainer networks, PreparedDataset data) throws IOException;
    }

    /** Rebuilds the networks of a checkpoint from its run config, loads its parameters and hands them over with the dataset. */
    private static <T> T withCheckpoint(Path checkpointDir, Path dataDir, NetworksWork<T> work) throws IOException {
        Checkpoint checkpoint = Checkpoint.open(checkpointDir);
        RunConfig config = checkpoint.config();
        Path data = dataDir != null ? dataDir : config.dataDir();
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            return work.apply(loadNetworks(checkpointDir, config, ds), ds);
        }
    }

    /**
     * The networks of a checkpoint as the evaluation uses them: rebuilt from the checkpoint's run
     * config on {@code data} (its hierarchy from the cache when present), the checkpoint's parameters
     * loaded. The inference service ({@code org.ftgan.infer}) loads models through this too, so that
     * its figures come from the same networks as the evaluation's.
     */
    public static Trainer loadNetworks(Path checkpointDir, RunConfig config, PreparedDataset data) throws IOException {
        Trainer networks = new Trainer(config, data, TrainingListener.NONE);
        networks.loadParameters(checkpointDir);
        return networks;
    }

    /** Evaluates a trainer's current networks and probes their codes. */
    public static WithProbes withProbes(Trainer trainer, PreparedDataset data, Path errorMapDir) throws IOException {
        return withProbes(trainer, data, errorMapDir, EvaluationListener.NONE);
    }

    private static WithProbes withProbes(Trainer trainer, PreparedDataset data, Path errorMapDir,
                                         EvaluationListener listener) throws IOException {
        FaceCodec codec = new ListenedCodec(new NetworkCodec(trainer.model().networks()), listener);
        EvaluationResult result = evaluate(codec, trainer.config(), data, errorMapDir);
        return new WithProbes(result, DisentanglementProbes.run(codec, data));
    }

    /** Evaluates a trainer's current networks on {@code data} with its config's evaluation settings. */
    public static EvaluationResult evaluate(Trainer trainer, PreparedDataset data, Path errorMapDir) throws IOException {
        return evaluate(new NetworkCodec(trainer.model().networks()), trainer.config(), data, errorMapDir);
    }

    private static EvaluationResult evaluate(FaceCodec codec, RunConfig config, PreparedDataset data, Path errorMapDir)
            throws IOException {
        EvaluationConfig ec = EvaluationConfig.defaults(config.evaluation().seed())
                .withTripletCount(config.evaluation().triplets()).withPool(config.evaluation().pool())
                .withPeakTriplets(config.evaluation().peakTriplets());
        if (errorMapDir == null) {
            ec = ec.withErrorMapsPerKind(0);
        }
        return new Evaluator(codec, ec).evaluate(data, errorMapDir);
    }

    /** A codec that tells a listener before every batch it passes on. */
    private static final class ListenedCodec implements FaceCodec {
        private final FaceCodec networks;
        private final EvaluationListener listener;
        private long batches;

        ListenedCodec(FaceCodec networks, EvaluationListener listener) {
            this.networks = networks;
            this.listener = listener;
        }

        private void before() {
            listener.beforeBatch(batches++);
        }

        @Override
        public float[][] contentCodes(float[][] normalizedMeshes) {
            before();
            return networks.contentCodes(normalizedMeshes);
        }

        @Override
        public float[][] styleCodes(float[][] normalizedMeshes) {
            before();
            return networks.styleCodes(normalizedMeshes);
        }

        @Override
        public float[][] decode(float[][] contentCodes, float[][] styleCodes) {
            before();
            return networks.decode(contentCodes, styleCodes);
        }
    }
}
