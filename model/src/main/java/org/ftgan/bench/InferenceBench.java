package org.ftgan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.infer.InferenceModel;
import org.ftgan.infer.MeshInput;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.train.RunConfig;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingListener;
import org.ftgan.train.TrainingResult;

/**
 * Latency of one transfer with the model loaded ({@link InferenceModel#transfer}: Ec of the content,
 * Es of content and style, Dec, de-normalization, the blendshape baseline and the per-vertex error
 * against the ground truth: everything the API's transfer does but HTTP and the answer's encoding).
 * A synthetic CoMA-layout set (default 3 subjects x 3 expressions x 25 frames at 5,000 requested
 * vertices) is generated and prepared in a temporary directory, the network of {@code --preset}
 * (default coma, factors 4,4,4,4) trained for one step to have a checkpoint (weights do not change
 * the cost), loaded once, then {@code --warmup} transfers are run and {@code --transfers} timed, each
 * between two random samples, alternating alpha 1 and a random alpha in [-0.5, 2].
 *
 * <p>Arguments (all optional): {@code --dir DIR}, {@code --vertices N}, {@code --preset coma|tiny},
 * {@code --warmup N} (default 50), {@code --transfers N} (default 500).
 */
public final class InferenceBench {
    private InferenceBench() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = parse(args);
        Path parent = Path.of(opt.getOrDefault("dir", System.getProperty("java.io.tmpdir")));
        int vertices = Integer.parseInt(opt.getOrDefault("vertices", "5000"));
        String preset = opt.getOrDefault("preset", "coma");
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "50"));
        int transfers = Integer.parseInt(opt.getOrDefault("transfers", "500"));

        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "ftgan-inference-bench-");
        try {
            Path root = work.resolve("source");
            Path prepared = work.resolve("prepared");
            SyntheticDatasetWriter.write(new SyntheticDatasetSpec(3, 3, vertices, 25, 1L), root);
            new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, Runtime.getRuntime().availableProcessors())
                    .prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, root, prepared));
            Path yaml = work.resolve("run.yaml");
            Files.writeString(yaml, String.join("\n",
                    "data: " + prepared.toAbsolutePath(),
                    "output: " + work.resolve("run").toAbsolutePath(),
                    "model: {preset: " + preset + "}",
                    "topology: {factors: " + (preset.equals("tiny") ? "[4, 4]" : "[4, 4, 4, 4]") + "}",
                    "training: {steps: 1, batch: 4, seed: 1}",
                    ""), StandardCharsets.UTF_8);
            TrainingResult trained;
            try (PreparedDataset data = PreparedDataset.open(prepared)) {
                trained = new Trainer(RunConfig.load(yaml), data, TrainingListener.NONE).run();
            }
            long t0 = System.nanoTime();
            try (InferenceModel model = InferenceModel.load(trained.lastCheckpoint(), prepared)) {
                double loadSeconds = (System.nanoTime() - t0) / 1e9;
                int n = model.data().sampleCount();
                SplittableRandom random = new SplittableRandom(1);
                double[] ms = new double[transfers];
                for (int i = -warmup; i < transfers; i++) {
                    int content = random.nextInt(n);
                    int style = random.nextInt(n);
                    double alpha = (i & 1) == 0 ? 1.0 : -0.5 + 2.5 * random.nextDouble();
                    long start = System.nanoTime();
                    model.transfer(new MeshInput.Sample("content", content), new MeshInput.Sample("style", style), alpha, null, null);
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - start) / 1e6;
                    }
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "%s network, V = %d, %d samples; model loaded in %.2f s%n", preset,
                        model.data().vertexCount(), n, loadSeconds);
                System.out.printf(Locale.ROOT, "transfer latency over %d transfers (after %d warm-up): p50 %.1f ms, "
                                + "p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d processors%n", transfers, warmup,
                        percentile(ms, 0.50), percentile(ms, 0.90), percentile(ms, 0.99), ms[ms.length - 1],
                        Runtime.getRuntime().availableProcessors());
            }
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs (--dir, --vertices, --preset, --warmup, "
                        + "--transfers); got " + Arrays.toString(args));
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }
}
