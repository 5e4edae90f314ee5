package org.ftgan.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-checked peak frames that replace the AVD choice for some sequences ({@code --peaks FILE}).
 *
 * <p>Format: one sequence per line, fields separated by a comma or a tab:
 * {@code subject,expression,frame[,frame2]}. {@code expression} is the sequence directory name
 * (for example {@code mouth_side}, not {@code mouth_side_left}); a frame is the 0-based position of
 * the frame file in the sequence's name-sorted .ply files (frame 0 is the neutral, so peaks are
 * 1..n-1). A split sequence (mouth_side, mouth_middle, mouth_up, mouth_down) takes two frames, at
 * least 2 apart (one peak per side; which is left is still decided by the side rule of
 * {@link SequenceSelection}), or one frame when the subject moved to one side only; other
 * sequences take exactly one frame. '#' starts a comment, blank lines are ignored, and the first
 * line may be the header {@code subject,expression,frame[,frame2]}. Lines naming an excluded
 * subject are ignored. Every bad line is reported with its line number.
 */
final class PeakOverrides {
    /** One line of the file. */
    record Entry(int line, String subject, String sequence, int[] frames) {
    }

    static final PeakOverrides NONE = new PeakOverrides(null, null, Map.of());

    final Path file;
    final String sha256;
    private final Map<String, Entry> entries;

    private PeakOverrides(Path file, String sha256, Map<String, Entry> entries) {
        this.file = file;
        this.sha256 = sha256;
        this.entries = entries;
    }

    static PeakOverrides read(Path file) throws IOException {
        if (file == null) {
            return NONE;
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("peaks file " + file + " does not exist or is not a file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Entry> entries = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String text = SubjectExclusions.stripComment(lines.get(i)).strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = file.getFileName() + " line " + (i + 1) + ": ";
            String[] fields = text.split("[,\t]", -1);
            for (int k = 0; k < fields.length; k++) {
                fields[k] = fields[k].strip();
            }
            boolean header = first && fields.length >= 3 && fields[0].equalsIgnoreCase("subject");
            first = false;
            if (header) {
                continue;
            }
            if (fields.length < 3 || fields.length > 4 || fields[0].isEmpty() || fields[1].isEmpty()) {
                problems.add(where + "expected subject,expression,frame[,frame2], got '" + text + "'");
                continue;
            }
            int[] frames = new int[fields.length - 2];
            boolean ok = true;
            for (int k = 0; k < frames.length; k++) {
                try {
                    frames[k] = Integer.parseInt(fields[2 + k]);
                } catch (NumberFormatException e) {
                    problems.add(where + "frame '" + fields[2 + k] + "' is not a whole number");
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            Entry entry = new Entry(i + 1, fields[0], fields[1], frames);
            Entry earlier = entries.putIfAbsent(key(fields[0], fields[1]), entry);
            if (earlier != null) {
                problems.add(where + fields[0] + "/" + fields[1] + " already given on line " + earlier.line());
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetException("peaks file " + file + " is malformed:", problems);
        }
        return new PeakOverrides(file, Sha256.ofFile(file), entries);
    }

    /**
     * Checks every line against the listed sequences: the subject and the sequence exist and the
     * frames fit the sequence.
     */
    void validate(SourceTree tree, SubjectExclusions exclusions) throws DatasetException {
        Map<String, Integer> frameCounts = new HashMap<>();
        Map<String, Boolean> subjects = new HashMap<>();
        for (SourceTree.Sequence s : tree.sequences) {
            frameCounts.put(key(s.subject(), s.name()), s.frames().size());
            subjects.put(s.subject(), Boolean.TRUE);
        }
        List<String> problems = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (exclusions.excludes(e.subject())) {
                continue;
            }
            String where = file.getFileName() + " line " + e.line() + ": ";
            Integer n = frameCounts.get(key(e.subject(), e.sequence()));
            if (!subjects.containsKey(e.subject())) {
                problems.add(where + "unknown subject '" + e.subject() + "' (no such directory under " + tree.root + ")");
                continue;
            }
            if (n == null) {
                problems.add(where + "subject " + e.subject() + " has no sequence '" + e.sequence() + "'");
                continue;
            }
            boolean split = ExpressionClasses.SPLIT_SEQUENCES.contains(e.sequence());
            if (e.frames().length == 2 && !split) {
                problems.add(where + e.sequence() + " is not split into left and right, give one frame, not two");
            }
            for (int f : e.frames()) {
                if (f < 1 || f >= n) {
                    problems.add(where + "frame " + f + " out of range: " + e.subject() + "/" + e.sequence() + " has "
                            + n + " frames (0.." + (n - 1) + "; frame 0 is the neutral, peaks are 1.." + (n - 1) + ")");
                }
            }
            if (e.frames().length == 2 && Math.abs(e.frames()[0] - e.frames()[1]) < 2) {
                problems.add(where + "the two peak frames " + e.frames()[0] + " and " + e.frames()[1]
                        + " must be at least 2 apart (the sequence is cut between them)");
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetException("peaks file " + file + " does not match the dataset:", problems);
        }
    }

    /** The override frames of a sequence, or null. */
    int[] framesFor(String subject, String sequence) {
        Entry e = entries.get(key(subject, sequence));
        return e == null ? null : e.frames().clone();
    }

    private static String key(String subject, String sequence) {
        return subject + '\u0000' + sequence;
    }
}
