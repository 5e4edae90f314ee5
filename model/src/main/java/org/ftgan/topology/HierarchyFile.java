package org.ftgan.topology;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.ftgan.mesh.Mesh;

/**
 * Binary layout of a cached {@link MeshHierarchy} (little-endian):
 * <pre>
 *   magic "FTGHIER\n" (8 bytes), format version (int), algorithm version (int), key (32 bytes, SHA-256),
 *   template vertex count, template face count, step count S, S factors (ints),
 *   for each step: coarse V, coarse F, 3V floats, 3F ints, V kept fine vertices (D),
 *                  then 3 x (fine V) coarse indices and 3 x (fine V) weights (U),
 *   CRC32C of all the bytes before it (int).
 * </pre>
 * The template (level 0) is not stored: the key is a hash of it, so the caller's template is level 0.
 */
final class HierarchyFile {
    static final byte[] MAGIC = "FTGHIER\n".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    private static final int HEADER_BYTES = 8 + 4 + 4 + 32 + 4 + 4 + 4;

    private HierarchyFile() {
    }

    static byte[] encode(MeshHierarchy h, byte[] key) {
        int steps = h.factors().length;
        long size = HEADER_BYTES + 4L * steps + 4;
        for (int i = 0; i < steps; i++) {
            Mesh c = h.levels().get(i + 1);
            size += 8 + 12L * c.vertexCount() + 12L * c.faceCount() + 4L * c.vertexCount() + 24L * h.levels().get(i).vertexCount();
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("hierarchy of " + size + " bytes is too large for one cache file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(FORMAT_VERSION).putInt(HierarchyBuilder.ALGORITHM_VERSION).put(key);
        Mesh template = h.levels().get(0);
        b.putInt(template.vertexCount()).putInt(template.faceCount()).putInt(steps);
        for (int f : h.factors()) {
            b.putInt(f);
        }
        for (int i = 0; i < steps; i++) {
            Mesh c = h.levels().get(i + 1);
            b.putInt(c.vertexCount()).putInt(c.faceCount());
            b.asFloatBuffer().put(c.positions());
            b.position(b.position() + 4 * c.positions().length);
            putInts(b, c.triangles());
            putInts(b, h.down().get(i).keptFineVertex());
            UpSampling u = h.up().get(i);
            putInts(b, u.coarseVertex());
            b.asFloatBuffer().put(u.weight());
            b.position(b.position() + 4 * u.weight().length);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Decodes a file written for {@code template}, {@code factors} and {@code key}.
     *
     * @throws HierarchyFileException naming what is wrong, for any file that is not exactly such a file
     */
    static MeshHierarchy decode(byte[] bytes, Mesh template, int[] factors, byte[] key) throws HierarchyFileException {
        if (bytes.length < HEADER_BYTES + 4) {
            throw new HierarchyFileException("file too short (" + bytes.length + " bytes)");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new HierarchyFileException("bad magic");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != b.getInt(bytes.length - 4)) {
            throw new HierarchyFileException("checksum mismatch");
        }
        b.limit(bytes.length - 4);
        b.position(MAGIC.length);
        int format = b.getInt();
        if (format != FORMAT_VERSION) {
            throw new HierarchyFileException("format version " + format + ", expected " + FORMAT_VERSION);
        }
        int algorithm = b.getInt();
        if (algorithm != HierarchyBuilder.ALGORITHM_VERSION) {
            throw new HierarchyFileException("algorithm version " + algorithm + ", expected " + HierarchyBuilder.ALGORITHM_VERSION);
        }
        byte[] storedKey = new byte[32];
        b.get(storedKey);
        if (!Arrays.equals(storedKey, key)) {
            throw new HierarchyFileException("written for another template or factors (key mismatch)");
        }
        int v0 = b.getInt();
        int f0 = b.getInt();
        int steps = b.getInt();
        if (v0 != template.vertexCount() || f0 != template.faceCount() || steps != factors.length) {
            throw new HierarchyFileException("sizes " + v0 + " vertices, " + f0 + " faces, " + steps
                    + " steps do not match the template and factors");
        }
        int[] storedFactors = getInts(b, steps, "factors");
        if (!Arrays.equals(storedFactors, factors)) {
            throw new HierarchyFileException("factors " + Arrays.toString(storedFactors) + " differ from " + Arrays.toString(factors));
        }
        List<Mesh> levels = new ArrayList<>();
        List<DownSampling> down = new ArrayList<>();
        List<UpSampling> up = new ArrayList<>();
        levels.add(template);
        int fineCount = v0;
        try {
            for (int i = 0; i < steps; i++) {
                int v = b.getInt();
                int f = b.getInt();
                if (v < 1 || v > fineCount || f < 1) {
                    throw new HierarchyFileException("level " + (i + 1) + " has impossible sizes " + v + " vertices, " + f + " faces");
                }
                float[] positions = getFloats(b, 3L * v, "positions of level " + (i + 1));
                int[] triangles = getInts(b, 3L * f, "triangles of level " + (i + 1));
                int[] kept = getInts(b, v, "down-sampling " + i);
                int[] coarseVertex = getInts(b, 3L * fineCount, "up-sampling indices " + i);
                float[] weight = getFloats(b, 3L * fineCount, "up-sampling weights " + i);
                levels.add(new Mesh(positions, triangles));
                down.add(new DownSampling(fineCount, kept));
                up.add(new UpSampling(v, coarseVertex, weight));
                fineCount = v;
            }
            if (b.hasRemaining()) {
                throw new HierarchyFileException(b.remaining() + " unexpected bytes after the last level");
            }
            return new MeshHierarchy(levels, down, up, factors);
        } catch (IllegalArgumentException e) {
            throw new HierarchyFileException("inconsistent content: " + e.getMessage());
        }
    }

    private static void putInts(ByteBuffer b, int[] values) {
        b.asIntBuffer().put(values);
        b.position(b.position() + 4 * values.length);
    }

    private static int[] getInts(ByteBuffer b, long count, String what) throws HierarchyFileException {
        requireBytes(b, count, what);
        int[] out = new int[(int) count];
        b.asIntBuffer().get(out);
        b.position(b.position() + 4 * out.length);
        return out;
    }

    private static float[] getFloats(ByteBuffer b, long count, String what) throws HierarchyFileException {
        requireBytes(b, count, what);
        float[] out = new float[(int) count];
        b.asFloatBuffer().get(out);
        b.position(b.position() + 4 * out.length);
        return out;
    }

    private static void requireBytes(ByteBuffer b, long count, String what) throws HierarchyFileException {
        if (count < 0 || 4 * count > b.remaining()) {
            throw new HierarchyFileException(what + ": " + count + " values announced, only " + b.remaining() + " bytes left");
        }
    }
}
