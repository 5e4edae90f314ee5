package org.ftgan.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a prepared dataset: what the samples are, where they came from, the
 * split and the normalization statistics. The binary {@code samples.f32} it describes is headerless:
 * float32 little-endian, [sample][vertex][x, y, z], in mm.
 *
 * @param formatVersion  {@link #FORMAT_VERSION}; a reader refuses any other
 * @param kind           coma, synthetic or facescape
 * @param units          always "mm"
 * @param sourceUnit     unit of the source files ("m" or "mm")
 * @param sourceScale    factor applied to source coordinates (1000 for metres)
 * @param seed           seed of the split
 * @param contentHash    SHA-256 of everything that decides the output (source list, kind, seed,
 *                       options, format version); equal hashes mean preparation can be skipped
 * @param source         the source tree and option files
 * @param template       the shared topology, stored as template.ply (in mm)
 * @param samples        the binary file
 * @param classNames     expression classes, neutral first; class index = position
 * @param subjects       subjects with samples, in natural order; subject index = position
 * @param counts         samples per subject and class
 * @param split          train and test sample indices
 * @param sampleList     one entry per sample, in storage order (sorted by source path)
 * @param peaks          the peak choice of every sequence (empty for facescape)
 * @param excludedSubjects the subjects of the exclude file
 * @param missingScans   expected FaceScape files that were absent and skipped (relative paths)
 * @param normalization  mean and std over the train split
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(int formatVersion, String kind, String units, String sourceUnit, double sourceScale, long seed,
                       String contentHash, SourceInfo source, TemplateInfo template, SamplesInfo samples,
                       List<String> classNames, List<String> subjects, Map<String, Map<String, Integer>> counts,
                       SplitInfo split, List<SampleEntry> sampleList, List<SequencePeaks> peaks,
                       List<String> excludedSubjects, List<String> missingScans, NormalizationInfo normalization) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";
    public static final String SAMPLES_FILE = "samples.f32";
    public static final String TEMPLATE_FILE = "template.ply";

    /**
     * @param root              the source root when prepared (informational; not part of any hash)
     * @param listSha256        SHA-256 of the mesh files' relative paths, sizes and modification times
     * @param fileCount         mesh files listed
     * @param totalBytes        their total size
     * @param templateFile      the template used: a path relative to root, or absolute when given outside it
     * @param peaksFile         the peaks file, or null
     * @param peaksFileSha256   its SHA-256, or null
     * @param excludeFile       the exclude file, or null
     * @param excludeFileSha256 its SHA-256, or null
     */
    public record SourceInfo(String root, String listSha256, int fileCount, long totalBytes, String templateFile,
                             String peaksFile, String peaksFileSha256, String excludeFile, String excludeFileSha256) {
    }

    /**
     * @param file        "template.ply"
     * @param vertexCount V
     * @param faceCount   F
     * @param sha256      {@link TemplateHash} of the stored (mm) template
     */
    public record TemplateInfo(String file, int vertexCount, int faceCount, String sha256) {
    }

    /**
     * @param file        "samples.f32"
     * @param dtype       "float32"
     * @param byteOrder   "little-endian"
     * @param layout      "[sample][vertex][xyz]"
     * @param count       samples
     * @param vertexCount V
     * @param sizeBytes   count x V x 3 x 4
     * @param sha256      SHA-256 of the file
     */
    public record SamplesInfo(String file, String dtype, String byteOrder, String layout, int count, int vertexCount,
                              long sizeBytes, String sha256) {
    }

    /**
     * @param method       how the split was drawn
     * @param testFraction fraction of samples in the test split
     * @param train        ascending train sample indices
     * @param test         ascending test sample indices
     */
    public record SplitInfo(String method, double testFraction, int[] train, int[] test) {
    }

    /**
     * @param subject    subject (content class)
     * @param expression expression class (style class), one of classNames
     * @param sequence   source sequence directory (coma, synthetic) or expression name (facescape)
     * @param source     source file, relative to root
     * @param frame      0-based frame position in the sequence, or null for facescape
     */
    public record SampleEntry(String subject, String expression, String sequence, String source, Integer frame) {
    }

    /**
     * @param subject     subject
     * @param sequence    sequence directory
     * @param frameCount  frames in the sequence
     * @param method      "avd" or "override"
     * @param valleyFrame where a split sequence was cut, or null
     * @param peaks       the peaks chosen
     */
    public record SequencePeaks(String subject, String sequence, int frameCount, String method, Integer valleyFrame,
                                List<PeakInfo> peaks) {
    }

    /**
     * @param expression class of the peak's window
     * @param frame      peak frame
     * @param from       first frame of the window
     * @param to         last frame of the window
     * @param avdMm      AVD of the peak frame to frame 0, mm
     * @param sideMm     mean x-displacement of the peak's moving vertices, mm (+ = subject's left)
     */
    public record PeakInfo(String expression, int frame, int from, int to, double avdMm, double sideMm) {
    }

    /**
     * @param statistic   how mean and std were computed
     * @param stdFloorMm  the floor applied to std
     * @param trainCount  samples they were computed over
     * @param mean        3V values, [vertex][xyz], mm
     * @param std         3V values, [vertex][xyz], mm
     */
    public record NormalizationInfo(String statistic, double stdFloorMm, int trainCount, float[] mean, float[] std) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the manifest as JSON (to a temporary sibling, then renamed). */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads and checks a manifest; every inconsistency is a {@link DatasetException} naming the field. */
    public static Manifest read(Path file) throws IOException {
        Manifest m;
        try {
            m = JSON.readValue(file.toFile(), Manifest.class);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new DatasetException(file + " does not exist: not a prepared dataset (run ftgan data prepare)");
        } catch (JsonProcessingException e) {
            throw new DatasetException(file + " is not a valid manifest: " + e.getOriginalMessage());
        }
        if (m == null) {
            throw new DatasetException(file + " is empty");
        }
        m.check(file);
        return m;
    }

    private void check(Path file) throws DatasetException {
        if (formatVersion != FORMAT_VERSION) {
            throw new DatasetException(file + ": format version " + formatVersion + ", this build reads version "
                    + FORMAT_VERSION + " (prepare the dataset again)");
        }
        List<String> problems = new ArrayList<>();
        require(problems, "units", "mm".equals(units), "must be \"mm\", is " + units);
        require(problems, "template", template != null, "is missing");
        require(problems, "samples", samples != null, "is missing");
        require(problems, "split", split != null && split.train() != null && split.test() != null, "is missing");
        require(problems, "sampleList", sampleList != null, "is missing");
        require(problems, "classNames", classNames != null && !classNames.isEmpty()
                && ExpressionClasses.NEUTRAL.equals(classNames.get(0)), "must start with neutral");
        require(problems, "subjects", subjects != null, "is missing");
        require(problems, "normalization", normalization != null && normalization.mean() != null
                && normalization.std() != null, "is missing");
        if (!problems.isEmpty()) {
            throw new DatasetException(file + " is incomplete:", problems);
        }
        int n = samples.count();
        int v = samples.vertexCount();
        require(problems, "samples.vertexCount", v == template.vertexCount(),
                v + " differs from template.vertexCount " + template.vertexCount());
        require(problems, "samples.count", n == sampleList.size(), n + " but sampleList has " + sampleList.size());
        require(problems, "samples.sizeBytes", samples.sizeBytes() == (long) n * v * 3 * Float.BYTES,
                samples.sizeBytes() + " but count x vertexCount x 12 = " + (long) n * v * 3 * Float.BYTES);
        require(problems, "normalization.mean", normalization.mean().length == 3 * v,
                normalization.mean().length + " values, expected 3 x " + v);
        require(problems, "normalization.std", normalization.std().length == 3 * v,
                normalization.std().length + " values, expected 3 x " + v);
        int[] seen = new int[n];
        for (int[] part : new int[][] {split.train(), split.test()}) {
            for (int i : part) {
                if (i < 0 || i >= n) {
                    problems.add("split: index " + i + " is not a sample (0.." + (n - 1) + ")");
                } else {
                    seen[i]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (seen[i] != 1) {
                problems.add("split: sample " + i + " appears " + seen[i] + " times in train and test, expected once");
                break;
            }
        }
        Map<String, Boolean> classes = new HashMap<>();
        classNames.forEach(c -> classes.put(c, Boolean.TRUE));
        Map<String, Boolean> subjectSet = new HashMap<>();
        subjects.forEach(s -> subjectSet.put(s, Boolean.TRUE));
        for (int i = 0; i < sampleList.size(); i++) {
            SampleEntry e = sampleList.get(i);
            if (!classes.containsKey(e.expression())) {
                problems.add("sampleList[" + i + "].expression '" + e.expression() + "' is not in classNames");
            }
            if (!subjectSet.containsKey(e.subject())) {
                problems.add("sampleList[" + i + "].subject '" + e.subject() + "' is not in subjects");
            }
            if (problems.size() > 20) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetException(file + " is inconsistent:", problems);
        }
    }

    private static void require(List<String> problems, String field, boolean ok, String what) {
        if (!ok) {
            problems.add(field + " " + what);
        }
    }
}
