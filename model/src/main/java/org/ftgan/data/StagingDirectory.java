package org.ftgan.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.ftgan.io.AtomicFiles;

/**
 * A hidden directory beside the output directory that a preparation writes into; only
 * {@link #commit()} puts it in place of the output (by renames in the same parent), so a failed
 * or interrupted run leaves the output as it was. Closing without commit deletes it.
 *
 * <p>Replacing an existing output takes two renames (old aside, new in) and then deletes the old
 * one; a crash between them leaves the previous output under a hidden ".old" name beside it.
 */
final class StagingDirectory implements AutoCloseable {
    private final Path out;
    private final Path staging;
    private boolean committed;

    private StagingDirectory(Path out, Path staging) {
        this.out = out;
        this.staging = staging;
    }

    /**
     * Refuses an output that exists but is neither empty nor a prepared dataset (it would be
     * replaced as a whole), then creates the staging directory.
     */
    static StagingDirectory create(Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        checkReplaceable(target);
        Path staging = AtomicFiles.createStagingDirectory(target, "preparing");
        return new StagingDirectory(target, staging);
    }

    static void checkReplaceable(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new DatasetException("output " + out + " exists and is not a directory");
        }
        if (Files.exists(out.resolve(Manifest.FILE))) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out)) {
            if (ds.iterator().hasNext()) {
                throw new DatasetException("refusing to replace " + out + ": it is not empty and holds no "
                        + Manifest.FILE + " (not a prepared dataset)");
            }
        }
    }

    Path dir() {
        return staging;
    }

    void commit() throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            old = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".old-");
            Files.delete(old);
            Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        if (old != null) {
            deleteTree(old);
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(staging);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
