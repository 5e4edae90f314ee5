package org.ftgan.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader (another worker, a crashed run's successor) never sees half of
 * one: the content goes to a temporary sibling, which is then renamed over the target.
 *
 * <p>Temporary files and directories are created private by the JDK; they are opened up to the
 * usual rw-r--r-- / rwxr-xr-x before they become visible, since artifacts are shared between
 * workers and users.
 */
public final class AtomicFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    /** The body of a file, written to a stream that the caller closes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Atomic replace, without waiting for the disk (fine for data that can be made again). */
    public static void write(Path file, Body body) throws IOException {
        write(file, body, false);
    }

    /**
     * Atomic replace; with {@code durable} the content is forced to the disk before the rename, so
     * after a machine crash the file is either the old one or the whole new one (checkpoints, caches).
     */
    public static void write(Path file, Body body, boolean durable) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(out);
                out.flush();
                if (durable) {
                    ch.force(true);
                }
            }
            openUp(tmp, FILE_MODE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeBytes(Path file, byte[] bytes, boolean durable) throws IOException {
        write(file, out -> out.write(bytes), durable);
    }

    /** A new hidden directory beside {@code target} to build its replacement in, readable like a normal one. */
    public static Path createStagingDirectory(Path target, String purpose) throws IOException {
        Path parent = target.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, "." + target.getFileName() + "." + purpose + "-");
        openUp(dir, DIR_MODE);
        return dir;
    }

    private static void openUp(Path p, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(p, mode);
        }
    }
}
