package org.ftgan.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a source dataset, listed but not read, in the order their samples are stored:
 * subjects, then expressions (sequence directories), then frames, each in {@link NaturalOrder}.
 * Listing only stats files, so it is what a skipped preparation costs.
 */
final class SourceTree {
    /** A CoMA-layout sequence: root/subject/name/*.ply, frames in name order (frame 0 = neutral). */
    record Sequence(String subject, String name, List<SourceFile> frames) {
    }

    /** One FaceScape scan: root/subject/models_reg/k_expression.obj. */
    record Scan(String subject, String expression, SourceFile file) {
    }

    /** The scans of one FaceScape subject, in expression order. */
    record SubjectScans(String subject, List<Scan> scans) {
    }

    final DatasetKind kind;
    final Path root;
    final List<Sequence> sequences;
    final List<SubjectScans> subjectScans;
    /** Expected FaceScape files that are absent (relative paths); skipped, and reported. */
    final List<String> missing;
    /** root/template.ply or root/template.obj, or null. */
    final SourceFile rootTemplate;
    /** Every mesh file to read, in storage order. */
    final List<SourceFile> meshFiles;

    private SourceTree(DatasetKind kind, Path root, List<Sequence> sequences, List<SubjectScans> subjectScans,
                       List<String> missing, SourceFile rootTemplate) {
        this.kind = kind;
        this.root = root;
        this.sequences = List.copyOf(sequences);
        this.subjectScans = List.copyOf(subjectScans);
        this.missing = List.copyOf(missing);
        this.rootTemplate = rootTemplate;
        List<SourceFile> files = new ArrayList<>();
        for (Sequence s : sequences) {
            files.addAll(s.frames());
        }
        for (SubjectScans s : subjectScans) {
            for (Scan scan : s.scans()) {
                files.add(scan.file());
            }
        }
        this.meshFiles = List.copyOf(files);
    }

    static SourceTree list(DatasetKind kind, Path root, SubjectExclusions exclusions) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("dataset root " + root + " does not exist or is not a directory");
        }
        Map<String, BasicFileAttributes> top = children(root);
        SourceFile rootTemplate = null;
        for (String name : List.of("template.ply", "template.obj")) {
            BasicFileAttributes a = top.get(name);
            if (a != null && a.isRegularFile()) {
                rootTemplate = SourceFile.of(root, root.resolve(name), a);
                break;
            }
        }
        List<String> problems = new ArrayList<>();
        List<Sequence> sequences = new ArrayList<>();
        List<SubjectScans> subjectScans = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, BasicFileAttributes> e : top.entrySet()) {
            String subject = e.getKey();
            if (!e.getValue().isDirectory() || exclusions.excludes(subject)) {
                continue;
            }
            Path subjectDir = root.resolve(subject);
            if (kind.isSequenceLayout()) {
                listSequences(root, subject, subjectDir, sequences, problems);
            } else {
                listScans(root, subject, subjectDir, subjectScans, missing);
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetException("the " + kind.id() + " layout under " + root + " has problems:", problems);
        }
        if (sequences.isEmpty() && subjectScans.stream().allMatch(s -> s.scans().isEmpty())) {
            throw new DatasetException("no " + (kind.isSequenceLayout() ? "sequences (root/subject/expression/*.ply)"
                    : "scans (root/subject/models_reg/k_expression.obj)") + " found under " + root);
        }
        return new SourceTree(kind, root, sequences, subjectScans, missing, rootTemplate);
    }

    private static void listSequences(Path root, String subject, Path subjectDir, List<Sequence> sequences,
                                      List<String> problems) throws IOException {
        int before = sequences.size();
        for (Map.Entry<String, BasicFileAttributes> ex : children(subjectDir).entrySet()) {
            if (!ex.getValue().isDirectory()) {
                continue;
            }
            Path seqDir = subjectDir.resolve(ex.getKey());
            List<SourceFile> frames = new ArrayList<>();
            for (Map.Entry<String, BasicFileAttributes> f : children(seqDir).entrySet()) {
                if (f.getValue().isRegularFile() && f.getKey().toLowerCase(Locale.ROOT).endsWith(".ply")) {
                    frames.add(SourceFile.of(root, seqDir.resolve(f.getKey()), f.getValue()));
                }
            }
            if (frames.isEmpty()) {
                problems.add(subject + "/" + ex.getKey() + ": no .ply frames");
            } else {
                sequences.add(new Sequence(subject, ex.getKey(), frames));
            }
        }
        if (sequences.size() == before) {
            problems.add(subject + ": no expression directories (expected " + subject + "/<expression>/*.ply)");
        }
    }

    private static void listScans(Path root, String subject, Path subjectDir, List<SubjectScans> subjectScans,
                                  List<String> missing) throws IOException {
        Path models = subjectDir.resolve("models_reg");
        Map<String, BasicFileAttributes> files = Files.isDirectory(models) ? children(models) : Map.of();
        List<Scan> scans = new ArrayList<>();
        for (int k = 1; k <= ExpressionClasses.FACESCAPE.size(); k++) {
            String expression = ExpressionClasses.FACESCAPE.get(k - 1);
            String name = k + "_" + expression + ".obj";
            BasicFileAttributes a = files.get(name);
            if (a != null && a.isRegularFile()) {
                scans.add(new Scan(subject, expression, SourceFile.of(root, models.resolve(name), a)));
            } else {
                missing.add(subject + "/models_reg/" + name);
            }
        }
        subjectScans.add(new SubjectScans(subject, scans));
    }

    /** Non-hidden entries of a directory with their attributes, in natural name order. */
    private static Map<String, BasicFileAttributes> children(Path dir) throws IOException {
        Map<String, BasicFileAttributes> out = new TreeMap<>(NaturalOrder.INSTANCE);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".")) {
                    out.put(name, Files.readAttributes(p, BasicFileAttributes.class));
                }
            }
        }
        return out;
    }

    /** Total bytes of the mesh files. */
    long meshBytes() {
        long sum = 0;
        for (SourceFile f : meshFiles) {
            sum += f.size();
        }
        return sum;
    }

    /**
     * SHA-256 of the sorted relative paths, sizes and modification times of every mesh file and of
     * the root template: any added, removed, resized or touched file changes it.
     */
    String listHash() {
        MessageDigest d = Sha256.newDigest();
        if (rootTemplate != null) {
            d.update(("template " + rootTemplate.hashLine()).getBytes(StandardCharsets.UTF_8));
        }
        for (SourceFile f : meshFiles) {
            d.update(f.hashLine().getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(d);
    }
}
