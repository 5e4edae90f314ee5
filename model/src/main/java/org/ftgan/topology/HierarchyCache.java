package org.ftgan.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.ftgan.io.AtomicFiles;
import org.ftgan.mesh.Mesh;

/**
 * A directory of built hierarchies, one file {@code hierarchy-<key>.bin} per (template, factors), where
 * the key is the SHA-256 of the template's positions and triangles, the factors and
 * {@link HierarchyBuilder#ALGORITHM_VERSION}. A file that cannot be used (see {@link HierarchyFile}) is
 * rebuilt and rewritten with one warning line on stderr; files are replaced atomically, so a reader
 * never sees a half-written one.
 */
public final class HierarchyCache {
    private final Path directory;

    public HierarchyCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The cache file for this template and these factors (it may not exist yet). */
    public Path fileFor(Mesh template, int[] factors) {
        return directory.resolve("hierarchy-" + HexFormat.of().formatHex(key(template, factors)) + ".bin");
    }

    /**
     * Loads the hierarchy of {@code template} with {@code factors} from its cache file, or builds it
     * (with {@link HierarchyBuilder#build}) and writes the file.
     *
     * @throws IOException if the directory or file cannot be read or written
     */
    public CachedHierarchy loadOrBuild(Mesh template, int[] factors) throws IOException {
        byte[] key = key(template, factors);
        Path file = directory.resolve("hierarchy-" + HexFormat.of().formatHex(key) + ".bin");
        CachedHierarchy.Source source = CachedHierarchy.Source.BUILT;
        // the JDK's own messages ("Is a directory", "Not a directory") name neither path
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException("hierarchy cache directory " + directory + " is a file, not a directory; remove it"
                    + " or choose another cache directory");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory where the hierarchy cache file should be; remove it"
                    + " or choose another cache directory");
        }
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            // first use of this template: build below
        }
        if (bytes != null) {
            try {
                return new CachedHierarchy(HierarchyFile.decode(bytes, template, factors, key), CachedHierarchy.Source.LOADED, file);
            } catch (HierarchyFileException e) {
                System.err.println("warning: hierarchy cache file " + file + " is unusable (" + e.getMessage() + "); rebuilding it");
                source = CachedHierarchy.Source.REBUILT;
            }
        }
        MeshHierarchy h = HierarchyBuilder.build(template, factors);
        AtomicFiles.writeBytes(file, HierarchyFile.encode(h, key), true);
        return new CachedHierarchy(h, source, file);
    }

    /** SHA-256 of the algorithm version, the template (sizes, position bits, triangles) and the factors. */
    static byte[] key(Mesh template, int[] factors) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(HierarchyBuilder.ALGORITHM_VERSION).putInt(template.vertexCount()).putInt(template.faceCount()).putInt(factors.length);
        for (float p : template.positions()) {
            if (b.remaining() < 4) {
                flush(sha, b);
            }
            b.putInt(Float.floatToRawIntBits(p));
        }
        for (int t : template.triangles()) {
            if (b.remaining() < 4) {
                flush(sha, b);
            }
            b.putInt(t);
        }
        for (int f : factors) {
            if (b.remaining() < 4) {
                flush(sha, b);
            }
            b.putInt(f);
        }
        flush(sha, b);
        return sha.digest();
    }

    private static void flush(MessageDigest sha, ByteBuffer b) {
        sha.update(b.array(), 0, b.position());
        b.clear();
    }
}
