package org.ftgan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.ftgan.data.synthetic.SequenceFrames;
import org.ftgan.data.synthetic.SyntheticDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.data.synthetic.SyntheticExpression;
import org.ftgan.data.synthetic.SyntheticProgressListener;
import org.ftgan.data.synthetic.SyntheticStatistics;

/**
 * Benchmark of the synthetic dataset: prints its difficulty for the default settings (12 subjects,
 * 12 expressions, 5,000 vertices: blendshape-transfer error at the peaks, distance between
 * subjects' neutrals, displacement per expression) and the throughput of frame generation alone and
 * of generation plus writing (frames/s, MB/s) for a few hundred frames.
 *
 * <p>Usage: {@code SyntheticBench [seed] [scratch directory] [repetitions]}; the scratch directory
 * (default: the system temp directory) receives the written frames, deleted after each run.
 */
public final class SyntheticBench {
    private SyntheticBench() {
    }

    public static void main(String[] args) throws IOException {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
        Path scratch = args.length > 1 ? Paths.get(args[1]) : Paths.get(System.getProperty("java.io.tmpdir"));
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        SyntheticDatasetSpec defaults = SyntheticDatasetSpec.defaults(seed);
        long t0 = System.nanoTime();
        SyntheticDataset set = SyntheticDataset.generate(defaults);
        SyntheticStatistics stats = SyntheticStatistics.of(set);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "synthetic set: %d subjects, %d expressions, %d vertices (asked %d), seed %d%n",
                set.subjectCount(), set.expressions().size(), set.template().vertexCount(), defaults.vertices(), seed);
        System.out.printf(Locale.ROOT, "blendshape-transfer error at the peaks: %.3f mm%n", stats.blendshapeTransferErrorMm());
        System.out.printf(Locale.ROOT, "distance between subjects' neutrals:    %.3f mm%n", stats.neutralDistanceMm());
        System.out.printf(Locale.ROOT, "(generated and measured in %.1f s)%n", seconds);
        System.out.printf(Locale.ROOT, "%-20s %12s %14s %14s%n", "peak", "transfer mm", "mean disp mm", "max disp mm");
        for (String label : stats.transferErrorMm().keySet()) {
            System.out.printf(Locale.ROOT, "%-20s %12.3f %14.3f %14.2f%n", label, stats.transferErrorMm().get(label),
                    stats.peakDisplacementMm().get(label), stats.peakMaxDisplacementMm().get(label));
        }

        // 1 subject x 12 expressions x 35 frames = 420 frames per run, after one unmeasured warm-up run;
        // each run includes making the template and subject, building the rigs and writing template.ply and synthetic.json
        SyntheticDatasetSpec small = new SyntheticDatasetSpec(1, 12, defaults.vertices(), 35, seed);
        double[] generated = new double[repetitions];
        double[] writtenFps = new double[repetitions];
        double[] writtenMbs = new double[repetitions];
        for (int r = -1; r < repetitions; r++) {
            double fps = generationFramesPerSecond(small);
            Path out = Files.createTempDirectory(scratch, "synthetic-bench");
            try {
                long start = System.nanoTime();
                SyntheticDatasetWriter.Summary summary = SyntheticDatasetWriter.write(small, out, SyntheticProgressListener.NONE);
                double s = (System.nanoTime() - start) / 1e9;
                if (r >= 0) {
                    generated[r] = fps;
                    writtenFps[r] = summary.frames() / s;
                    writtenMbs[r] = summary.bytes() / 1e6 / s;
                }
            } finally {
                deleteTree(out);
            }
        }
        int frames = small.subjects() * small.expressions() * small.frames();
        System.out.printf(Locale.ROOT, "generation only (1 thread, rigs included), %d frames: median %.0f frames/s  %s%n",
                frames, median(generated), Arrays.toString(round(generated)));
        System.out.printf(Locale.ROOT, "generation + write (%d threads), %d frames: median %.0f frames/s, %.1f MB/s  %s%n",
                Runtime.getRuntime().availableProcessors(), frames, median(writtenFps), median(writtenMbs), Arrays.toString(round(writtenFps)));
    }

    private static double generationFramesPerSecond(SyntheticDatasetSpec spec) {
        SyntheticDataset set = SyntheticDataset.generate(spec);
        float[] frame = new float[3 * set.template().vertexCount()];
        long start = System.nanoTime();
        long count = 0;
        for (int s = 0; s < set.subjectCount(); s++) {
            for (SyntheticExpression e : set.expressions()) {
                SequenceFrames frames = set.frames(s, e);
                while (frames.hasNext()) {
                    frames.next(frame);
                    count++;
                }
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            Files.delete(p);
        }
    }
}
