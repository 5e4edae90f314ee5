package org.ftgan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.ftgan.data.synthetic.SyntheticDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticPreset;
import org.ftgan.data.synthetic.SyntheticStatistics;
import org.ftgan.eval.ErrorStats;
import org.ftgan.eval.EvaluationConfig;
import org.ftgan.eval.EvaluationResult;
import org.ftgan.eval.SamplePool;
import org.ftgan.eval.SyntheticBaselineFloor;

/**
 * Baseline and floor of the synthetic presets: for each preset, writes the set, prepares it and
 * evaluates it with the perfect model ({@code SyntheticBaselineFloor}), then prints the blendshape
 * baseline and the floor (a perfect model's E_transfer) on window triplets (the default draw) and on
 * peak-frame triplets, overall and per expression, with the noise-free peak statistics of
 * {@code SyntheticStatistics} beside them. The written set is deleted afterwards.
 *
 * <p>Arguments (all optional): {@code --presets default,calibrated}, {@code --subjects 12},
 * {@code --expressions 12}, {@code --vertices 5000}, {@code --seed 1} (generator), {@code --split 0}
 * (prepare seed), {@code --triplets 1000}, {@code --eval-seed 1}, {@code --pool all|test} (default
 * all: the baseline and the floor do not train, so every sample may be drawn),
 * {@code --identity-dependence K} (overrides the presets'), {@code --dir DIR} (scratch, default the
 * temp directory).
 */
public final class SyntheticFloorBench {
    private SyntheticFloorBench() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = parse(args);
        List<String> presets = List.of(opt.getOrDefault("presets", "default,calibrated").split(","));
        int subjects = Integer.parseInt(opt.getOrDefault("subjects", "" + SyntheticDatasetSpec.DEFAULT_SUBJECTS));
        int expressions = Integer.parseInt(opt.getOrDefault("expressions", "" + SyntheticDatasetSpec.DEFAULT_EXPRESSIONS));
        int vertices = Integer.parseInt(opt.getOrDefault("vertices", "" + SyntheticDatasetSpec.DEFAULT_VERTICES));
        long seed = Long.parseLong(opt.getOrDefault("seed", "1"));
        long split = Long.parseLong(opt.getOrDefault("split", "0"));
        int triplets = Integer.parseInt(opt.getOrDefault("triplets", "1000"));
        long evalSeed = Long.parseLong(opt.getOrDefault("eval-seed", "1"));
        SamplePool pool = SamplePool.valueOf(opt.getOrDefault("pool", "all").toUpperCase(Locale.ROOT));
        Path parent = Path.of(opt.getOrDefault("dir", System.getProperty("java.io.tmpdir")));
        int threads = Runtime.getRuntime().availableProcessors();

        EvaluationConfig config = EvaluationConfig.defaults(evalSeed).withTripletCount(triplets).withPool(pool)
                .withPeakTriplets(true);
        Files.createDirectories(parent);
        for (String name : presets) {
            SyntheticPreset preset = SyntheticPreset.parse(name.trim());
            SyntheticDatasetSpec spec = preset.spec(subjects, expressions, vertices, seed, SyntheticDatasetSpec.DEFAULT_FRAME_NOISE_MM);
            if (opt.containsKey("identity-dependence")) {
                spec = spec.withIdentityDependence(Double.parseDouble(opt.get("identity-dependence")));
            }
            Path work = Files.createTempDirectory(parent, "ftgan-floor-bench-");
            long t0 = System.nanoTime();
            EvaluationResult r;
            try {
                r = SyntheticBaselineFloor.measure(spec, work, split, config, threads);
            } finally {
                deleteTree(work);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            SyntheticStatistics exact = SyntheticStatistics.of(SyntheticDataset.generate(spec));
            System.out.printf(Locale.ROOT, "%npreset %s: %d subjects, %d expressions, %d vertices, %d frames, peak hold %d, "
                            + "identity dependence %.3f, seed %d; prepare seed %d; %d triplets (eval seed %d, pool %s); %.0f s%n",
                    preset.id(), spec.subjects(), spec.expressions(), r.dataset().vertexCount(), spec.frames(),
                    spec.peakHoldFrames(), spec.identityDependence(), seed, split, triplets, evalSeed, pool.id(), seconds);
            EvaluationResult.PeakTransfer peaks = r.transferAtPeaks();
            System.out.printf(Locale.ROOT, "%-22s %12s %12s %10s%n", "triplets", "baseline mm", "floor mm", "headroom");
            row("window (default)", r.metrics().blendshapeTransfer(), r.metrics().transfer());
            row("peak frames", peaks.blendshape(), peaks.model());
            System.out.printf(Locale.ROOT, "noise-free peaks (SyntheticStatistics): blendshape transfer %.3f mm; E_rec of the "
                    + "perfect model (capture noise) %.3f mm%n", exact.blendshapeTransferErrorMm(), r.metrics().reconstruction().mean());
            System.out.printf(Locale.ROOT, "%-20s %10s %10s %10s %10s%n", "expression", "win base", "win floor", "peak base", "peak floor");
            for (String e : r.transferByExpression().keySet()) {
                EvaluationResult.ExpressionTransfer w = r.transferByExpression().get(e);
                EvaluationResult.ExpressionTransfer p = peaks.byExpression().get(e);
                System.out.printf(Locale.ROOT, "%-20s %10.3f %10.3f %10s %10s%n", e, w.blendshape().mean(), w.model().mean(),
                        p == null ? "-" : String.format(Locale.ROOT, "%.3f", p.blendshape().mean()),
                        p == null ? "-" : String.format(Locale.ROOT, "%.3f", p.model().mean()));
            }
            r.notes().forEach(n -> System.out.println("note: " + n));
        }
    }

    private static void row(String what, ErrorStats baseline, ErrorStats floor) {
        if (baseline == null) {
            System.out.printf(Locale.ROOT, "%-22s %12s %12s %10s%n", what, "n/a", "n/a", "");
            return;
        }
        System.out.printf(Locale.ROOT, "%-22s %12.3f %12.3f %9.0f%%%n", what, baseline.mean(), floor.mean(),
                100 * (1 - floor.mean() / baseline.mean()));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs (--presets, --subjects, --expressions, --vertices, "
                        + "--seed, --split, --triplets, --eval-seed, --pool, --identity-dependence, --dir); got " + Arrays.toString(args));
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
