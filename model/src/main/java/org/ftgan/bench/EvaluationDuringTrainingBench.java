package org.ftgan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.eval.HeldOutSubsetEvaluation;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.train.EvaluationPoint;
import org.ftgan.train.RunConfig;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingListener;
import org.ftgan.train.TrainingLosses;

/**
 * What evaluation during training costs at the default interval: the median time of one training
 * step and of one evaluation of the held-out subset ({@code evaluation.training_triplets}, default 200),
 * on a synthetic set, and their ratio at {@code evaluation.every_steps} (default 1000):
 * overhead = evaluation / (every_steps x step). Target: at most 5%.
 *
 * <p>Arguments (optional, in order): {@code preset} (coma), {@code vertices} (2500), {@code factors}
 * (4,4,4,2), {@code batch} (8), {@code timed steps} (10), {@code evaluations} (3), {@code every_steps}
 * (1000), {@code training_triplets} (200). The set is 12 subjects x 12 expressions x 41 frames
 * (the default synthetic set's shape), generated in a temporary directory and deleted afterwards.
 */
public final class EvaluationDuringTrainingBench {
    private EvaluationDuringTrainingBench() {
    }

    public static void main(String[] args) throws IOException {
        String preset = arg(args, 0, "coma");
        int vertices = Integer.parseInt(arg(args, 1, "2500"));
        String factors = arg(args, 2, "4,4,4,2");
        int batch = Integer.parseInt(arg(args, 3, "8"));
        int timedSteps = Integer.parseInt(arg(args, 4, "10"));
        int evaluations = Integer.parseInt(arg(args, 5, "3"));
        long every = Long.parseLong(arg(args, 6, String.valueOf(RunConfig.Evaluation.DEFAULT_EVERY_STEPS)));
        int triplets = Integer.parseInt(arg(args, 7, String.valueOf(RunConfig.Evaluation.DEFAULT_TRAINING_TRIPLETS)));
        Path work = Files.createTempDirectory("ftgan-evaluation-during-training-bench-");
        try {
            Path root = work.resolve("source");
            Path prepared = work.resolve("prepared");
            SyntheticDatasetWriter.write(new SyntheticDatasetSpec(12, 12, vertices, 41, 1L), root);
            new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, Runtime.getRuntime().availableProcessors())
                    .prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, root, prepared));
            Path yaml = work.resolve("run.yaml");
            Files.writeString(yaml, String.join("\n",
                    "data: " + prepared,
                    "output: run",
                    "model: {preset: " + preset + "}",
                    "topology: {factors: [" + factors + "]}",
                    "training: {steps: " + (timedSteps + 2) + ", batch: " + batch + ", seed: 1, log_every: 1000000}",
                    "evaluation: {every_steps: 0, training_triplets: " + triplets + "}", ""), StandardCharsets.UTF_8);
            RunConfig config = RunConfig.load(yaml);
            try (PreparedDataset data = PreparedDataset.open(prepared)) {
                List<Double> steps = new ArrayList<>();
                long[] last = {System.nanoTime()};
                Trainer trainer = new Trainer(config, data, new TrainingListener() {
                    @Override
                    public void onStep(long step, TrainingLosses losses) {
                        long now = System.nanoTime();
                        if (step > 2) { // the first two warm up the JIT and allocate the buffers
                            steps.add((now - last[0]) / 1e9);
                        }
                        last[0] = now;
                    }
                });
                trainer.run();
                HeldOutSubsetEvaluation evaluation = new HeldOutSubsetEvaluation(config, data);
                List<Double> evals = new ArrayList<>();
                EvaluationPoint point = null;
                for (int i = 0; i < evaluations; i++) {
                    long t0 = System.nanoTime();
                    point = evaluation.evaluate(trainer.model());
                    evals.add((System.nanoTime() - t0) / 1e9);
                }
                double step = median(steps);
                double eval = median(evals);
                System.out.printf(Locale.ROOT, "%s, %d vertices, batch %d: training step median %.3f s (%d steps, range %.3f-%.3f)%n",
                        preset, data.vertexCount(), batch, step, steps.size(), min(steps), max(steps));
                System.out.printf(Locale.ROOT, "evaluation of %d triplets (%d drawn): median %.2f s (%d runs, range %.2f-%.2f);"
                                + " E_transfer %.3f, blendshape %.3f mm%n", triplets, point.triplets(), eval, evals.size(),
                        min(evals), max(evals), point.transfer(), point.blendshape());
                System.out.printf(Locale.ROOT, "overhead at every_steps %d: %.2f%% of training time (target <= 5%%)%n",
                        every, 100 * eval / (every * step));
            }
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }

    private static double median(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sorted().toArray()[v.size() / 2];
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
