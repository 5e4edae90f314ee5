package org.ftgan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.eval.EvaluationConfig;
import org.ftgan.eval.EvaluationResult;
import org.ftgan.eval.Evaluator;
import org.ftgan.eval.FaceCodec;
import org.ftgan.mesh.MeshFiles;

/**
 * Times the evaluator's own work (reading samples, normalizing, AVDs, sigma, error maps) with a
 * pass-through codec, so the figure is the overhead evaluation adds to the network's forward passes.
 * A synthetic CoMA-layout set (default 6 subjects x 6 expressions x 41 frames, 5k vertices) is
 * generated and prepared in a temporary directory that is deleted afterwards.
 *
 * <p>Arguments (all optional): {@code --dir DIR}, {@code --subjects N}, {@code --expressions N},
 * {@code --frames N}, {@code --vertices N}, {@code --triplets N} (default 1000), {@code --runs N}
 * (default 3).
 */
public final class EvaluationBench {
    private EvaluationBench() {
    }

    /** Ec = Es = the mesh itself, Dec returns the content mesh: costs almost nothing. */
    private static final class PassThroughCodec implements FaceCodec {
        @Override
        public float[][] contentCodes(float[][] meshes) {
            return meshes;
        }

        @Override
        public float[][] styleCodes(float[][] meshes) {
            return meshes;
        }

        @Override
        public float[][] decode(float[][] contentCodes, float[][] styleCodes) {
            return contentCodes;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = parse(args);
        Path parent = Path.of(opt.getOrDefault("dir", System.getProperty("java.io.tmpdir")));
        int subjects = Integer.parseInt(opt.getOrDefault("subjects", "6"));
        int expressions = Integer.parseInt(opt.getOrDefault("expressions", "6"));
        int frames = Integer.parseInt(opt.getOrDefault("frames", "41"));
        int vertices = Integer.parseInt(opt.getOrDefault("vertices", "5000"));
        int triplets = Integer.parseInt(opt.getOrDefault("triplets", "1000"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "3"));

        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "ftgan-evaluation-bench-");
        try {
            Path root = work.resolve("source");
            Path prepared = work.resolve("prepared");
            SyntheticDatasetWriter.write(new SyntheticDatasetSpec(subjects, expressions, vertices, frames, 1L), root);
            new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, Runtime.getRuntime().availableProcessors())
                    .prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, root, prepared));
            EvaluationConfig config = EvaluationConfig.defaults(1).withTripletCount(triplets);
            List<Double> times = new ArrayList<>();
            try (PreparedDataset data = PreparedDataset.open(prepared)) {
                for (int run = 1; run <= runs; run++) {
                    long t0 = System.nanoTime();
                    EvaluationResult r = new Evaluator(new PassThroughCodec(), config)
                            .evaluate(data, work.resolve("maps-" + run));
                    double s = (System.nanoTime() - t0) / 1e9;
                    times.add(s);
                    System.out.printf(Locale.ROOT, "run %d: %.2f s; %d samples (%d test), V = %d, %d triplets, "
                                    + "%d id-decomposition subjects, %d error maps%n", run, s, r.counts().samples(),
                            r.counts().testSamples(), r.dataset().vertexCount(), r.counts().triplets(),
                            r.counts().idDecompSubjects(), r.errorMaps().files().size());
                }
            }
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "evaluation overhead: median %.2f s (range %.2f - %.2f) over %d runs%n",
                    sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], runs);
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs (--dir, --subjects, --expressions, "
                        + "--frames, --vertices, --triplets, --runs); got " + Arrays.toString(args));
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }
}
