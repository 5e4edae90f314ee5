package org.ftgan.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Uploaded meshes kept in memory by their content hash, so that a link naming one
 * ({@code content=upload:<id>} on the Explore page, or in any inference query) shows the same mesh
 * after a reload or in another browser without uploading it again. A mesh is kept as it was read and
 * checked (positions in mm on its template's vertices) under the SHA-256 of its template's topology
 * key and its float32 positions: the same mesh uploaded twice, as PLY or OBJ, is kept once. Bounded
 * in bytes, least recently used first out (the newest is always kept); nothing survives a restart of
 * the API, and an id it no longer keeps is answered 404 {@code upload_not_found} (upload it again).
 *
 * <p>Thread-safe.
 */
final class MeshUploads {
    /** Kept unless told otherwise: 64 MiB (about a thousand meshes of CoMA's 5,023 vertices). */
    static final long DEFAULT_BYTES = 64L << 20;
    /** How an upload is named where a mesh is expected: {@code upload:} and 64 lower-case hex digits. */
    static final String PREFIX = "upload:";
    static final Pattern ID = Pattern.compile("^[0-9a-f]{64}$");
    /** What one entry costs beside its positions (strings, map entry), an estimate. */
    private static final long OVERHEAD_BYTES = 512;

    /** One kept mesh. */
    record Stored(String id, String topologyKey, float[] positions, String fileName, long fileBytes, Instant storedAt) {
        long bytes() {
            return (long) positions.length * Float.BYTES + OVERHEAD_BYTES;
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<String, Stored> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long usedBytes;
    private long evicted;

    MeshUploads(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The id of a mesh: SHA-256 (hex) of its topology key and its positions as little-endian float32. */
    static String id(String topologyKey, float[] positions) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(topologyKey.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(positions.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(positions);
        return HexFormat.of().formatHex(sha.digest(b.array()));
    }

    /** Keeps a checked mesh (again: an id already kept becomes the most recently used); returns what is kept. */
    synchronized Stored put(String topologyKey, float[] positions, String fileName, long fileBytes) {
        String id = id(topologyKey, positions);
        Stored known = entries.get(id);
        if (known != null) {
            return known;
        }
        Stored s = new Stored(id, topologyKey, positions.clone(), fileName, fileBytes, Instant.now());
        entries.put(id, s);
        usedBytes += s.bytes();
        Iterator<Map.Entry<String, Stored>> oldest = entries.entrySet().iterator();
        while (usedBytes > maxBytes && entries.size() > 1) {
            Stored out = oldest.next().getValue();
            oldest.remove();
            usedBytes -= out.bytes();
            evicted++;
        }
        return s;
    }

    /** The mesh kept under {@code id}, or null when none is (never uploaded, or evicted). */
    synchronized Stored get(String id) {
        return entries.get(id);
    }

    synchronized int count() {
        return entries.size();
    }

    synchronized long usedBytes() {
        return usedBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    synchronized long evictedCount() {
        return evicted;
    }
}
