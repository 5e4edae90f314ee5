package org.ftgan.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ftgan.io.AtomicFiles;

/**
 * The directory tree where datasets, checkpoints, error maps and reports live, shared by every
 * worker (any shared filesystem path). The database records paths relative to the root, so the
 * tree can be moved or mounted elsewhere. Every path handed in is confined to the root: {@code ..}
 * segments, absolute paths and symbolic links leading out are refused.
 *
 * <pre>
 * datasets/&lt;hash&gt;/
 * runs/&lt;runId&gt;/checkpoints/
 * runs/&lt;runId&gt;/maps/
 * </pre>
 */
public final class ArtifactStore {
    /** The file at the root that holds the store's identity. */
    public static final String IDENTITY_FILE = ".store-id";
    /** Ids and hashes become single directory names: no separators, no dot-only names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final Path root;
    private final Path realRoot;

    /** A store rooted at {@code root}, created if missing. */
    public ArtifactStore(Path root) throws IOException {
        Files.createDirectories(root);
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
    }

    /** The default store of a platform data directory: {@code <dataDir>/artifacts}. */
    public static ArtifactStore underDataDir(Path dataDir) throws IOException {
        return new ArtifactStore(dataDir.resolve("artifacts"));
    }

    public Path root() {
        return root;
    }

    /**
     * This store's identity, which tells two stores apart however they are mounted: read from
     * {@value #IDENTITY_FILE} at the root, or a random UUID written there the first time. Two workers
     * creating it at once agree on one (it is hard-linked into place, never overwritten).
     */
    public String identity() throws IOException {
        Path file = root.resolve(IDENTITY_FILE);
        for (int tries = 0; tries < 3; tries++) {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!id.isEmpty()) {
                    return id;
                }
                throw new IOException(file + " is empty; it should hold this artifact store's identity");
            }
            Path staged = Files.createTempFile(root, ".store-id-", ".tmp");
            try {
                Files.writeString(staged, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
                Files.createLink(file, staged);
            } catch (FileAlreadyExistsException raced) {
                // another worker wrote it first: read theirs
            } finally {
                Files.deleteIfExists(staged);
            }
        }
        throw new IOException("cannot read or create " + file);
    }

    public Path datasetDir(String datasetHash) {
        return root.resolve("datasets").resolve(name(datasetHash, "dataset hash"));
    }

    public Path runDir(String runId) {
        return root.resolve("runs").resolve(name(runId, "run id"));
    }

    public Path checkpointsDir(String runId) {
        return runDir(runId).resolve("checkpoints");
    }

    public Path mapsDir(String runId) {
        return runDir(runId).resolve("maps");
    }

    /** Writes the file atomically and durably (readers see the old or the whole new content); returns its path. */
    public Path write(String relative, byte[] content) throws IOException {
        Path target = resolve(relative);
        AtomicFiles.writeBytes(target, content, true);
        return target;
    }

    /**
     * The absolute path of {@code relative} inside the store.
     *
     * @throws ArtifactPathException for an empty or absolute path, a {@code ..} segment, or a path
     *                               whose existing part leads out of the root through a symbolic link
     */
    public Path resolve(String relative) {
        if (relative == null || relative.isEmpty()) {
            throw new ArtifactPathException("artifact path must be a non-empty relative path, got "
                    + (relative == null ? "null" : "''"));
        }
        Path rel = root.getFileSystem().getPath(relative);
        if (rel.isAbsolute()) {
            throw new ArtifactPathException("artifact path '" + relative + "' is absolute; expected a path relative to the store's root");
        }
        for (Path segment : rel) {
            if (segment.toString().equals("..")) {
                throw new ArtifactPathException("artifact path '" + relative + "' contains '..'; paths must stay inside the store");
            }
        }
        Path target = root.resolve(rel).normalize();
        if (target.equals(root)) {
            throw new ArtifactPathException("artifact path '" + relative + "' names the store's root, not a file in it");
        }
        requireInsideRoot(target, relative);
        return target;
    }

    /** The '/'-separated path of {@code file} relative to the root; refuses a file outside the store. */
    public String relativize(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(root) || abs.equals(root)) {
            throw new ArtifactPathException("'" + file + "' is not a file inside the artifact store " + root);
        }
        String relative = root.relativize(abs).toString().replace(abs.getFileSystem().getSeparator(), "/");
        requireInsideRoot(abs, relative);
        return relative;
    }

    /** Relative path, size and SHA-256 of a file in the store (an absolute path, or one relative to the root). */
    public ArtifactInfo describe(Path file) throws IOException {
        Path abs = file.isAbsolute() ? file : root.resolve(file);
        String relative = relativize(abs);
        Path target = resolve(relative);
        if (!Files.isRegularFile(target)) {
            throw new IOException("artifact '" + relative + "' is not a regular file in " + root);
        }
        MessageDigest sha = sha256();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(Files.newInputStream(target), sha)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
            }
        }
        return new ArtifactInfo(relative, size, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * Symbolic links are resolved on the longest part of the path that exists; the rest is created
     * later under it, so it cannot lead anywhere else.
     */
    private void requireInsideRoot(Path target, String relative) {
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new ArtifactPathException("artifact path '" + relative + "' has no existing ancestor; the store's root is missing");
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            // a dangling symbolic link: where it points is unknown, so it cannot be trusted
            throw new ArtifactPathException("artifact path '" + relative + "' goes through '" + root.relativize(existing)
                    + "', a link that cannot be resolved");
        }
        if (!real.startsWith(realRoot)) {
            throw new ArtifactPathException("artifact path '" + relative + "' leads outside the store through a symbolic link");
        }
    }

    private static String name(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new ArtifactPathException(what + " '" + value + "' cannot be a directory name; expected letters, digits,"
                    + " '.', '_' or '-', not starting with '.' or '-'");
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
