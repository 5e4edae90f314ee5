package org.ftgan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.Manifest;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareProgress;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PrepareResult;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.mesh.MeshFiles;

/**
 * Times {@code ftgan data prepare} on a synthetic CoMA-layout set (default 12 subjects x 12
 * expressions x 140 frames, about 5k vertices: 20,160 frames, about 3.8 GB of PLY files), written
 * into a temporary directory that is deleted afterwards.
 *
 * <p>Run 1 is the first in a fresh JVM (cold JIT; the files were just written, so they are likely
 * still in the page cache: "cold-ish"); the next runs are warm. Each run prepares from scratch; a
 * final call on the unchanged source must be skipped. The peaks found are checked against the
 * generator's synthetic.json.
 *
 * <p>Arguments (all optional): {@code --dir DIR} (parent of the temporary directory, default the
 * system temp dir), {@code --subjects N}, {@code --expressions N}, {@code --frames N},
 * {@code --vertices N}, {@code --runs N} (default 3), {@code --threads N} (default all cores),
 * {@code --keep} (keep the files).
 */
public final class PrepareBench {
    private PrepareBench() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = parse(args);
        Path parent = Path.of(opt.getOrDefault("dir", System.getProperty("java.io.tmpdir")));
        int subjects = Integer.parseInt(opt.getOrDefault("subjects", "12"));
        int expressions = Integer.parseInt(opt.getOrDefault("expressions", "12"));
        int frames = Integer.parseInt(opt.getOrDefault("frames", "140"));
        int vertices = Integer.parseInt(opt.getOrDefault("vertices", "5000"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "3"));
        int threads = Integer.parseInt(opt.getOrDefault("threads",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        boolean keep = opt.containsKey("keep");

        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "ftgan-prepare-bench-");
        Path root = work.resolve("source");
        Path out = work.resolve("prepared");
        try {
            long t0 = System.nanoTime();
            SyntheticDatasetWriter.Summary written = SyntheticDatasetWriter.write(
                    new SyntheticDatasetSpec(subjects, expressions, vertices, frames, 1L), root);
            System.out.printf(Locale.ROOT, "generated %d frames, %.1f MB in %.1f s (%s)%n", written.frames(),
                    written.bytes() / 1e6, seconds(t0), root);

            PrepareListener progress = new ThrottledPrinter();
            DatasetPreparer preparer = new DatasetPreparer(MeshFiles::read, progress, threads);
            PrepareRequest request = PrepareRequest.of(DatasetKind.SYNTHETIC, root, out);
            List<Double> warm = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                deleteTree(out);
                PrepareResult r = preparer.prepare(request);
                System.out.printf(Locale.ROOT, "run %d (%s): %.2f s, %d files, %.1f MB, %.1f MB/s, %d samples "
                                + "(%d train, %d test), %d subjects, %d classes%n", run, run == 1 ? "cold-ish" : "warm",
                        r.seconds(), r.filesRead(), r.megabytesRead(), r.megabytesPerSecond(), r.sampleCount(),
                        r.trainCount(), r.testCount(), r.subjectCount(), r.classCount());
                if (run > 1) {
                    warm.add(r.seconds());
                }
            }
            if (!warm.isEmpty()) {
                double[] w = warm.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
                System.out.printf(Locale.ROOT, "warm median: %.2f s%n", median);
            }
            PrepareResult skipped = preparer.prepare(request);
            System.out.printf(Locale.ROOT, "unchanged source: skipped=%s in %.3f s%n", skipped.skipped(),
                    skipped.seconds());

            long t1 = System.nanoTime();
            try (PreparedDataset ds = PreparedDataset.open(out, true)) {
                double open = seconds(t1);
                System.out.printf(Locale.ROOT, "PreparedDataset.open with hash checks: %.2f s (%.1f MB binary)%n",
                        open, ds.manifest().samples().sizeBytes() / 1e6);
                System.out.println("peaks differing from synthetic.json: "
                        + peakMismatches(ds.manifest(), root.resolve(SyntheticDatasetWriter.DESCRIPTION_FILE)));
            }
        } finally {
            if (keep) {
                System.out.println("kept " + work);
            } else {
                deleteTree(work);
            }
        }
    }

    /** Sequences whose selected peak frames are not the generator's. */
    private static List<String> peakMismatches(Manifest manifest, Path description) throws IOException {
        Map<String, Manifest.SequencePeaks> found = new HashMap<>();
        for (Manifest.SequencePeaks p : manifest.peaks()) {
            found.put(p.subject() + "/" + p.sequence(), p);
        }
        List<String> bad = new ArrayList<>();
        for (JsonNode seq : new ObjectMapper().readTree(description.toFile()).get("sequences")) {
            String key = seq.get("subject").asText() + "/" + seq.get("expression").asText();
            Manifest.SequencePeaks p = found.get(key);
            Map<String, Integer> expected = new HashMap<>();
            if (seq.get("split").asBoolean()) {
                expected.put(seq.get("expression").asText() + "_left", seq.get("leftPeakFrame").asInt());
                expected.put(seq.get("expression").asText() + "_right", seq.get("rightPeakFrame").asInt());
            } else {
                expected.put(seq.get("expression").asText(), seq.get("peakFrame").asInt());
            }
            Map<String, Integer> got = new HashMap<>();
            if (p != null) {
                p.peaks().forEach(pk -> got.put(pk.expression(), pk.frame()));
            }
            if (!expected.equals(got)) {
                bad.add(key + " expected " + expected + " got " + got);
            }
        }
        return bad;
    }

    /** Prints a progress line on stderr at most every 5 s. */
    private static final class ThrottledPrinter implements PrepareListener {
        private long last;

        @Override
        public void onProgress(PrepareProgress p) {
            long now = System.nanoTime();
            if (now - last > 5_000_000_000L || !p.phase().equals("reading")) {
                last = now;
                System.err.println("  " + p.describe());
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; options: --dir, --subjects, "
                        + "--expressions, --frames, --vertices, --runs, --threads, --keep");
            }
            String name = args[i].substring(2);
            if (name.equals("keep")) {
                opt.put(name, "true");
            } else if (i + 1 < args.length) {
                opt.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value; got " + Arrays.toString(args));
            }
        }
        return opt;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
