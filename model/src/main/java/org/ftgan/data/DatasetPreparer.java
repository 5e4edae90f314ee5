package org.ftgan.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.PlyWriter;

/**
 * {@code ftgan data prepare}: turns a CoMA, synthetic or FaceScape source tree into a prepared
 * dataset directory ({@code manifest.json}, {@code samples.f32}, {@code template.ply}, see
 * {@link Manifest}) that {@link PreparedDataset} reads.
 *
 * <p>Steps: list the source (stat only) and hash the listing; skip when the output's manifest has
 * the same content hash; otherwise read the meshes (several sequences or subjects at a time, results
 * consumed in source order so the output is the same for any thread count), check that every scan
 * has the template's vertex count and triangles (all mismatches are collected, then the run fails
 * with nothing written), select the samples ({@link SequenceSelection} for sequence layouts, every
 * scan for FaceScape), scale to mm, split ({@link SampleSplit}), compute the train statistics
 * ({@link NormalizationStats}) and put the new directory in place of the output in one step
 * ({@link StagingDirectory}).
 */
public final class DatasetPreparer {
    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;

    private final MeshLoader loader;
    private final PrepareListener listener;
    private final int threads;

    /**
     * @param loader   reads a .ply or .obj file (must be thread-safe)
     * @param listener receives progress; {@link PrepareListener#NONE} for none
     * @param threads  meshes read in parallel (sequences, or FaceScape subjects, at a time)
     */
    public DatasetPreparer(MeshLoader loader, PrepareListener listener, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.loader = loader;
        this.listener = listener;
        this.threads = threads;
    }

    /** Reads .ply and .obj files with {@link MeshFiles}, on every available core. */
    public DatasetPreparer(PrepareListener listener) {
        this(MeshFiles::read, listener, Runtime.getRuntime().availableProcessors());
    }

    public PrepareResult prepare(PrepareRequest request) throws IOException {
        long start = System.nanoTime();
        DatasetKind kind = request.kind();
        Path root = request.root().toAbsolutePath().normalize();
        Path out = request.out().toAbsolutePath().normalize();
        if (out.startsWith(root) || root.startsWith(out)) {
            // inside the root the output would be listed as a subject; around it, replacing it would delete the source
            throw new DatasetException("the output " + out + " and the dataset root " + root
                    + " must not contain each other");
        }
        SubjectExclusions exclusions = SubjectExclusions.read(request.excludeFile());
        PeakOverrides overrides = PeakOverrides.read(request.peaksFile());
        listener.onProgress(new PrepareProgress("listing", 0, 0, 0, 0, seconds(start)));
        SourceTree tree = SourceTree.list(kind, root, exclusions);
        overrides.validate(tree, exclusions);
        TemplateSource templateSource = TemplateSource.resolve(request.templateFile(), tree);
        String contentHash = contentHash(request, tree, templateSource, overrides, exclusions);

        PrepareResult skipped = skipIfUnchanged(out, contentHash, start);
        if (skipped != null) {
            return skipped;
        }
        StagingDirectory.checkReplaceable(out);
        Mesh template = loadTemplate(templateSource, kind.scaleToMm());

        try (StagingDirectory staging = StagingDirectory.create(out)) {
            Path samplesFile = staging.dir().resolve(Manifest.SAMPLES_FILE);
            Collected collected = readAndSelect(tree, template, overrides, samplesFile, start);
            if (!collected.problems.isEmpty()) {
                throw new DatasetException(collected.problems.size() + " problem(s) in " + root
                        + "; nothing was written to " + out + ":", collected.problems);
            }
            int n = collected.entries.size();
            SampleSplit split = SampleSplit.assign(n, request.seed(), SampleSplit.TEST_FRACTION);
            listener.onProgress(new PrepareProgress("statistics", collected.files, tree.meshFiles.size(),
                    collected.bytes, tree.meshBytes(), seconds(start)));
            NormalizationStats stats = trainStatistics(samplesFile, template.vertexCount(), split.train());
            PlyWriter.write(staging.dir().resolve(Manifest.TEMPLATE_FILE), template);
            Manifest manifest = manifest(request, tree, templateSource, overrides, exclusions, contentHash, template,
                    collected, split, stats);
            manifest.write(staging.dir().resolve(Manifest.FILE));
            staging.commit();
            listener.onProgress(new PrepareProgress("done", collected.files, tree.meshFiles.size(), collected.bytes,
                    tree.meshBytes(), seconds(start)));
            return new PrepareResult(false, out, n, split.train().length, split.test().length,
                    manifest.subjects().size(), manifest.classNames().size(), template.vertexCount(), collected.files,
                    collected.bytes, seconds(start), collected.notes);
        }
    }

    /** Where the template comes from, and the text it adds to the content hash. */
    private record TemplateSource(Path file, String description, String hashText) {
        static TemplateSource resolve(Path explicit, SourceTree tree) throws IOException {
            if (explicit != null) {
                Path abs = explicit.toAbsolutePath().normalize();
                if (!Files.isRegularFile(abs)) {
                    throw new DatasetException("template " + abs + " does not exist or is not a file");
                }
                BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
                String shown = abs.startsWith(tree.root) ? tree.root.relativize(abs).toString() : abs.toString();
                return new TemplateSource(abs, shown, "file " + abs + '\t' + a.size() + '\t'
                        + a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            }
            // root/template.* is part of the source-list hash already; so is the first mesh file
            SourceFile f = tree.rootTemplate != null ? tree.rootTemplate : tree.meshFiles.get(0);
            return new TemplateSource(f.path(), f.relativePath(), "auto " + f.relativePath());
        }
    }

    private static String contentHash(PrepareRequest request, SourceTree tree, TemplateSource template,
                                      PeakOverrides overrides, SubjectExclusions exclusions) {
        String text = "ftgan prepared dataset, format " + Manifest.FORMAT_VERSION + '\n'
                + "kind " + request.kind().id() + '\n'
                + "seed " + request.seed() + '\n'
                + "sources " + tree.listHash() + '\n'
                + "template " + template.hashText() + '\n'
                + "peaks " + (overrides.sha256 == null ? "none" : overrides.sha256) + '\n'
                + "exclude " + (exclusions.sha256() == null ? "none" : exclusions.sha256()) + '\n'
                + String.format(Locale.ROOT, "rules window=%d hump=%s moving=%s test=%s stdFloor=%s%n",
                SequenceSelection.WINDOW, SequenceSelection.SECOND_HUMP_MIN_PROMINENCE,
                SequenceSelection.MOVING_FRACTION, SampleSplit.TEST_FRACTION, NormalizationStats.STD_FLOOR_MM);
        return Sha256.ofString(text);
    }

    /** The result of a skipped run, or null when the output must be (re)built. */
    private PrepareResult skipIfUnchanged(Path out, String contentHash, long start) {
        Path manifestFile = out.resolve(Manifest.FILE);
        if (!Files.isRegularFile(manifestFile)) {
            return null;
        }
        Manifest m;
        try {
            m = Manifest.read(manifestFile);
            Path samples = out.resolve(m.samples().file());
            if (!contentHash.equals(m.contentHash()) || !Files.isRegularFile(samples)
                    || Files.size(samples) != m.samples().sizeBytes()
                    || !Files.isRegularFile(out.resolve(m.template().file()))) {
                return null;
            }
        } catch (IOException e) {
            // an unreadable or damaged output is simply prepared again
            return null;
        }
        listener.onProgress(new PrepareProgress("done", 0, 0, 0, 0, seconds(start)));
        return new PrepareResult(true, out, m.samples().count(), m.split().train().length, m.split().test().length,
                m.subjects().size(), m.classNames().size(), m.samples().vertexCount(), 0, 0, seconds(start),
                List.of("skipped: " + out.resolve(Manifest.FILE) + " matches the sources and options"));
    }

    private Mesh loadTemplate(TemplateSource source, double scale) throws IOException {
        Mesh mesh;
        try {
            mesh = loader.load(source.file());
        } catch (IOException | IllegalArgumentException e) {
            throw new DatasetException("cannot read the template " + source.file() + ": " + e.getMessage());
        }
        if (mesh.vertexCount() == 0 || mesh.faceCount() == 0) {
            throw new DatasetException("template " + source.file() + " has " + mesh.vertexCount() + " vertices and "
                    + mesh.faceCount() + " triangles; it needs both");
        }
        return mesh.withPositions(scaled(mesh.positions().clone(), scale));
    }

    /** One sample selected from the source: its manifest entry and positions in mm. */
    private record Sample(Manifest.SampleEntry entry, float[] positionsMm) {
    }

    /** What reading one sequence or one FaceScape subject gave. */
    private record UnitResult(List<Sample> samples, Manifest.SequencePeaks peaks, List<String> problems,
                              List<String> notes) {
    }

    /** Everything the consumer kept, in storage order. */
    private static final class Collected {
        final List<Manifest.SampleEntry> entries = new ArrayList<>();
        final List<Manifest.SequencePeaks> peaks = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        String samplesSha256;
        long samplesBytes;
        long files;
        long bytes;
    }

    private Collected readAndSelect(SourceTree tree, Mesh template, PeakOverrides overrides, Path samplesFile,
                                    long start) throws IOException {
        AtomicLong filesDone = new AtomicLong();
        AtomicLong bytesDone = new AtomicLong();
        List<Callable<UnitResult>> units = new ArrayList<>();
        double scale = tree.kind.scaleToMm();
        for (SourceTree.Sequence s : tree.sequences) {
            int[] override = overrides.framesFor(s.subject(), s.name());
            units.add(() -> readSequence(s, template, scale, override, filesDone, bytesDone));
        }
        for (SourceTree.SubjectScans s : tree.subjectScans) {
            units.add(() -> readScans(s, template, scale, filesDone, bytesDone));
        }
        Collected c = new Collected();
        for (String m : tree.missing) {
            c.notes.add("missing, skipped: " + m);
            listener.onNote("missing, skipped: " + m);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ftgan-prepare");
            t.setDaemon(true);
            return t;
        });
        try {
            SampleFileWriter writer = new SampleFileWriter(samplesFile);
            try (writer) {
                consumeInOrder(units, pool, writer, c, tree, filesDone, bytesDone, start);
            }
            c.samplesSha256 = writer.sha256();
            c.samplesBytes = writer.bytes();
        } finally {
            pool.shutdownNow();
        }
        c.files = filesDone.get();
        c.bytes = bytesDone.get();
        if (c.problems.isEmpty() && c.entries.isEmpty()) {
            c.problems.add("no samples were selected");
        }
        return c;
    }

    /**
     * Runs the units on the pool, at most threads + 2 at a time, and consumes their results in
     * source order: samples go to the writer, problems and notes to {@code c}.
     */
    private void consumeInOrder(List<Callable<UnitResult>> units, ExecutorService pool, SampleFileWriter writer,
                                Collected c, SourceTree tree, AtomicLong filesDone, AtomicLong bytesDone, long start)
            throws IOException {
        long filesTotal = tree.meshFiles.size();
        long bytesTotal = tree.meshBytes();
        ArrayDeque<Future<UnitResult>> inFlight = new ArrayDeque<>();
        int next = 0;
        long lastReport = System.nanoTime();
        while (next < units.size() || !inFlight.isEmpty()) {
            // a bounded window keeps memory flat: at most a few sequences are held at once
            while (next < units.size() && inFlight.size() < threads + 2) {
                inFlight.add(pool.submit(units.get(next++)));
            }
            Future<UnitResult> head = inFlight.peek();
            UnitResult r = null;
            while (r == null) {
                try {
                    r = head.get(250, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // fall through to the progress report
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while preparing " + tree.root);
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
                if (System.nanoTime() - lastReport > PROGRESS_INTERVAL_NANOS) {
                    lastReport = System.nanoTime();
                    listener.onProgress(new PrepareProgress("reading", filesDone.get(), filesTotal,
                            bytesDone.get(), bytesTotal, seconds(start)));
                }
            }
            inFlight.poll();
            c.problems.addAll(r.problems());
            r.notes().forEach(n -> {
                c.notes.add(n);
                listener.onNote(n);
            });
            if (c.problems.isEmpty()) {
                // once anything is wrong nothing is kept, but reading goes on to report every problem
                for (Sample s : r.samples()) {
                    writer.write(s.positionsMm());
                    c.entries.add(s.entry());
                }
                if (r.peaks() != null) {
                    c.peaks.add(r.peaks());
                }
            }
        }
    }

    private UnitResult readSequence(SourceTree.Sequence seq, Mesh template, double scale, int[] override,
                                    AtomicLong filesDone, AtomicLong bytesDone) {
        List<String> problems = new ArrayList<>();
        float[][] frames = new float[seq.frames().size()][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = readChecked(seq.frames().get(i), template, scale, problems, filesDone, bytesDone);
        }
        String name = seq.subject() + "/" + seq.name();
        if (frames.length < 2) {
            problems.add(name + ": " + frames.length + " frame; a sequence needs a neutral frame and at least one more");
        }
        if (!problems.isEmpty()) {
            return new UnitResult(List.of(), null, problems, List.of());
        }
        SequenceSelection.Result sel = SequenceSelection.select(seq.name(), frames, override);
        List<Sample> samples = new ArrayList<>();
        for (SequenceSelection.FrameClass fc : sel.samples()) {
            SourceFile f = seq.frames().get(fc.frame());
            samples.add(new Sample(new Manifest.SampleEntry(seq.subject(), fc.expression(), seq.name(),
                    f.relativePath(), fc.frame()), frames[fc.frame()]));
        }
        List<Manifest.PeakInfo> peakInfos = new ArrayList<>();
        for (SequenceSelection.Peak p : sel.peaks()) {
            peakInfos.add(new Manifest.PeakInfo(p.expression(), p.frame(), p.from(), p.to(), p.avdMm(), p.sideMm()));
        }
        List<String> notes = new ArrayList<>();
        if (ExpressionClasses.SPLIT_SEQUENCES.contains(seq.name()) && sel.peaks().size() == 1) {
            notes.add(name + ": one side only, kept as " + sel.peaks().get(0).expression());
        }
        Manifest.SequencePeaks peaks = new Manifest.SequencePeaks(seq.subject(), seq.name(), frames.length,
                sel.method(), sel.valleyFrame() < 0 ? null : sel.valleyFrame(), peakInfos);
        return new UnitResult(samples, peaks, List.of(), notes);
    }

    private UnitResult readScans(SourceTree.SubjectScans subject, Mesh template, double scale, AtomicLong filesDone,
                                 AtomicLong bytesDone) {
        List<String> problems = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (SourceTree.Scan scan : subject.scans()) {
            float[] p = readChecked(scan.file(), template, scale, problems, filesDone, bytesDone);
            if (p != null) {
                samples.add(new Sample(new Manifest.SampleEntry(scan.subject(), scan.expression(), scan.expression(),
                        scan.file().relativePath(), null), p));
            }
        }
        return problems.isEmpty() ? new UnitResult(samples, null, List.of(), List.of())
                : new UnitResult(List.of(), null, problems, List.of());
    }

    /** The file's positions in mm, or null after adding a problem (unreadable, other topology). */
    private float[] readChecked(SourceFile file, Mesh template, double scale, List<String> problems,
                                AtomicLong filesDone, AtomicLong bytesDone) {
        Mesh mesh;
        try {
            mesh = loader.load(file.path());
        } catch (IOException | IllegalArgumentException e) {
            String msg = String.valueOf(e.getMessage());
            problems.add(msg.contains(file.path().getFileName().toString()) ? msg : file.relativePath() + ": " + msg);
            return null;
        } finally {
            filesDone.incrementAndGet();
            bytesDone.addAndGet(file.size());
        }
        String mismatch = topologyMismatch(mesh, template);
        if (mismatch != null) {
            problems.add(file.relativePath() + ": " + mismatch);
            return null;
        }
        // the loader made this mesh for us alone, so its array can be scaled in place
        return scaled(mesh.positions(), scale);
    }

    /** How a scan's topology differs from the template's, or null when it is the same. */
    static String topologyMismatch(Mesh mesh, Mesh template) {
        boolean sameV = mesh.vertexCount() == template.vertexCount();
        boolean sameF = mesh.faceCount() == template.faceCount();
        if (!sameV && !sameF) {
            return mesh.vertexCount() + " vertices and " + mesh.faceCount() + " faces, template has "
                    + template.vertexCount() + " vertices and " + template.faceCount() + " faces";
        }
        if (!sameV) {
            return mesh.vertexCount() + " vertices, template has " + template.vertexCount();
        }
        if (!sameF) {
            return mesh.faceCount() + " faces, template has " + template.faceCount();
        }
        int[] a = mesh.triangles();
        int[] b = template.triangles();
        if (!Arrays.equals(a, b)) {
            int face = Arrays.mismatch(a, b) / 3;
            return "triangles differ from the template's from face " + face + " on (same counts: "
                    + mesh.vertexCount() + " vertices, " + mesh.faceCount() + " faces)";
        }
        return null;
    }

    private static float[] scaled(float[] p, double scale) {
        if (scale != 1.0) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (p[i] * scale);
            }
        }
        return p;
    }

    /** Second pass over the written samples: the train split's statistics, in index order. */
    private static NormalizationStats trainStatistics(Path samplesFile, int vertexCount, int[] train) throws IOException {
        int floats = 3 * vertexCount;
        NormalizationStats stats = new NormalizationStats(floats);
        ByteBuffer buf = ByteBuffer.allocate(floats * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float[] sample = new float[floats];
        try (FileChannel ch = FileChannel.open(samplesFile, StandardOpenOption.READ)) {
            for (int i : train) {
                buf.clear();
                long pos = (long) i * buf.capacity();
                while (buf.hasRemaining()) {
                    if (ch.read(buf, pos + buf.position()) < 0) {
                        throw new IOException(samplesFile + " ended before sample " + i);
                    }
                }
                buf.flip();
                buf.asFloatBuffer().get(sample);
                stats.add(sample);
            }
        }
        return stats;
    }

    private Manifest manifest(PrepareRequest request, SourceTree tree, TemplateSource templateSource,
                              PeakOverrides overrides, SubjectExclusions exclusions, String contentHash, Mesh template,
                              Collected c, SampleSplit split, NormalizationStats stats) {
        DatasetKind kind = request.kind();
        List<String> classNames = classNames(kind, c.entries);
        TreeSet<String> subjectSet = new TreeSet<>(NaturalOrder.INSTANCE);
        c.entries.forEach(e -> subjectSet.add(e.subject()));
        List<String> subjects = List.copyOf(subjectSet);
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (String s : subjects) {
            Map<String, Integer> perClass = new LinkedHashMap<>();
            classNames.forEach(cl -> perClass.put(cl, 0));
            counts.put(s, perClass);
        }
        c.entries.forEach(e -> counts.get(e.subject()).merge(e.expression(), 1, Integer::sum));
        Manifest.SourceInfo source = new Manifest.SourceInfo(tree.root.toString(), tree.listHash(),
                tree.meshFiles.size(), tree.meshBytes(), templateSource.description(),
                overrides.file == null ? null : overrides.file.toAbsolutePath().toString(), overrides.sha256,
                exclusions.file() == null ? null : exclusions.file().toAbsolutePath().toString(), exclusions.sha256());
        Manifest.TemplateInfo templateInfo = new Manifest.TemplateInfo(Manifest.TEMPLATE_FILE, template.vertexCount(),
                template.faceCount(), TemplateHash.of(template));
        Manifest.SamplesInfo samples = new Manifest.SamplesInfo(Manifest.SAMPLES_FILE, "float32", "little-endian",
                "[sample][vertex][xyz]", c.entries.size(), template.vertexCount(), c.samplesBytes, c.samplesSha256);
        Manifest.SplitInfo splitInfo = new Manifest.SplitInfo(
                "Fisher-Yates shuffle of sample indices with SplittableRandom(seed); the first round(n x "
                        + SampleSplit.TEST_FRACTION + ") are test", SampleSplit.TEST_FRACTION, split.train(),
                split.test());
        Manifest.NormalizationInfo norm = new Manifest.NormalizationInfo(
                "per vertex and coordinate over the train split; population std (divide by n), floored",
                NormalizationStats.STD_FLOOR_MM, split.train().length, stats.mean(), stats.std());
        return new Manifest(Manifest.FORMAT_VERSION, kind.id(), "mm", kind.sourceUnit(), kind.scaleToMm(),
                request.seed(), contentHash, source, templateInfo, samples, classNames, subjects, counts, splitInfo,
                List.copyOf(c.entries), List.copyOf(c.peaks), exclusions.subjects(), tree.missing, norm);
    }

    /**
     * Neutral first, then the classes that have samples: FaceScape in its expression numbering,
     * the sequence layouts in natural name order (on CoMA: bareteeth, cheeks_in, eyebrow, ...).
     */
    static List<String> classNames(DatasetKind kind, List<Manifest.SampleEntry> entries) {
        TreeSet<String> present = new TreeSet<>(NaturalOrder.INSTANCE);
        entries.forEach(e -> present.add(e.expression()));
        List<String> names = new ArrayList<>();
        names.add(ExpressionClasses.NEUTRAL);
        if (kind == DatasetKind.FACESCAPE) {
            for (String e : ExpressionClasses.FACESCAPE) {
                if (present.contains(e) && !e.equals(ExpressionClasses.NEUTRAL)) {
                    names.add(e);
                }
            }
        } else {
            for (String e : present) {
                if (!e.equals(ExpressionClasses.NEUTRAL)) {
                    names.add(e);
                }
            }
        }
        return List.copyOf(names);
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IOException(cause);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
