package org.ftgan.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Subjects left out of a dataset (FaceScape's scans with known issues, or any subject of a CoMA
 * layout). File format: one subject id (its directory name) per line; '#' starts a comment;
 * blank lines are ignored. Ids that are not in the root are allowed (lists are shared between
 * partial downloads) and are reported as given.
 *
 * @param file     the list file, or null when nobody is excluded
 * @param sha256   the file's SHA-256, or null
 * @param subjects the ids, in natural order
 */
record SubjectExclusions(Path file, String sha256, List<String> subjects) {
    static final SubjectExclusions NONE = new SubjectExclusions(null, null, List.of());

    static SubjectExclusions read(Path file) throws IOException {
        if (file == null) {
            return NONE;
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("exclude file " + file + " does not exist or is not a file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        TreeSet<String> ids = new TreeSet<>(NaturalOrder.INSTANCE);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.chars().anyMatch(Character::isWhitespace) || line.contains("/")) {
                problems.add(file.getFileName() + " line " + (i + 1) + ": expected one subject id, got '" + line + "'");
                continue;
            }
            ids.add(line);
        }
        if (!problems.isEmpty()) {
            throw new DatasetException("exclude file " + file + " is malformed:", problems);
        }
        return new SubjectExclusions(file, Sha256.ofFile(file), List.copyOf(ids));
    }

    boolean excludes(String subject) {
        return subjects.contains(subject);
    }

    static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
