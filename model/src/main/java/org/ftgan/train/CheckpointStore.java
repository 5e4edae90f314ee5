package org.ftgan.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of one run: directories {@code step-000000123} under one folder, the newest K kept.
 */
public final class CheckpointStore {
    private static final Pattern NAME = Pattern.compile("step-(\\d{9,})");
    private final Path dir;
    private final int keepLast;

    public CheckpointStore(Path dir, int keepLast) {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keep_last must be at least 1, got " + keepLast);
        }
        this.dir = dir;
        this.keepLast = keepLast;
    }

    public Path dir() {
        return dir;
    }

    public Path pathFor(long step) {
        return dir.resolve(String.format("step-%09d", step));
    }

    /** Complete checkpoints, oldest first (staging directories are hidden and never listed). */
    public List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)).forEach(out::add);
        }
        out.sort((a, b) -> Long.compare(stepOf(a), stepOf(b)));
        return out;
    }

    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Deletes all but the newest {@code keepLast} checkpoints. */
    public void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keepLast; i++) {
            Checkpoint.deleteTree(all.get(i));
        }
    }

    private static long stepOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
