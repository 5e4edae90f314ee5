package org.ftgan.mesh;

import org.ftgan.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes meshes as PLY: binary little-endian by default, binary big-endian or ASCII on request, with
 * an optional per-vertex float property (an error value, for error-map meshes) that
 * {@link PlyReader#readWithProperty} reads back.
 *
 * <p>Vertices are float x y z [property]; faces are {@code list uchar int vertex_indices} triangles.
 * ASCII floats are written as {@link Float#toString} does, which parses back to the same float, so
 * every encoding round-trips exactly.
 * Files are written to a temporary sibling and renamed, so a reader never sees half a file.
 */
public final class PlyWriter {
    public enum Encoding { BINARY_LITTLE_ENDIAN, ASCII, BINARY_BIG_ENDIAN }

    private PlyWriter() {
    }

    public static void write(Path file, Mesh mesh) throws IOException {
        write(file, mesh, null, null, Encoding.BINARY_LITTLE_ENDIAN);
    }

    /**
     * @param propertyName name of the extra per-vertex float property, or null for none
     * @param values       one value per vertex when {@code propertyName} is given
     */
    public static void write(Path file, Mesh mesh, String propertyName, float[] values, Encoding encoding) throws IOException {
        if ((propertyName == null) != (values == null)) {
            throw new IllegalArgumentException("a per-vertex property needs both a name and values");
        }
        if (values != null && values.length != mesh.vertexCount()) {
            throw new IllegalArgumentException("property " + propertyName + " has " + values.length
                    + " values for " + mesh.vertexCount() + " vertices");
        }
        if (propertyName != null && !propertyName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("property name '" + propertyName + "' must be a plain identifier");
        }
        AtomicFiles.write(file, out -> writeTo(out, mesh, propertyName, values, encoding));
    }

    /** Writes the whole PLY document to a stream (not closed). */
    public static void writeTo(OutputStream out, Mesh mesh, String propertyName, float[] values, Encoding encoding) throws IOException {
        int v = mesh.vertexCount();
        int f = mesh.faceCount();
        StringBuilder header = new StringBuilder(256);
        header.append("ply\nformat ")
                .append(switch (encoding) {
                    case ASCII -> "ascii";
                    case BINARY_LITTLE_ENDIAN -> "binary_little_endian";
                    case BINARY_BIG_ENDIAN -> "binary_big_endian";
                })
                .append(" 1.0\ncomment written by ftgan\n")
                .append("element vertex ").append(v).append('\n')
                .append("property float x\nproperty float y\nproperty float z\n");
        if (propertyName != null) {
            header.append("property float ").append(propertyName).append('\n');
        }
        header.append("element face ").append(f).append('\n')
                .append("property list uchar int vertex_indices\nend_header\n");
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));

        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        if (encoding == Encoding.ASCII) {
            StringBuilder sb = new StringBuilder(1 << 16);
            for (int i = 0; i < v; i++) {
                sb.append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ').append(p[3 * i + 2]);
                if (values != null) {
                    sb.append(' ').append(values[i]);
                }
                sb.append('\n');
                flushIfLarge(out, sb);
            }
            for (int i = 0; i < f; i++) {
                sb.append("3 ").append(t[3 * i]).append(' ').append(t[3 * i + 1]).append(' ').append(t[3 * i + 2]).append('\n');
                flushIfLarge(out, sb);
            }
            out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int vertexBytes = values == null ? 12 : 16;
        ByteBuffer buf = ByteBuffer.allocate(v * vertexBytes + f * 13)
                .order(encoding == Encoding.BINARY_BIG_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v; i++) {
            buf.putFloat(p[3 * i]).putFloat(p[3 * i + 1]).putFloat(p[3 * i + 2]);
            if (values != null) {
                buf.putFloat(values[i]);
            }
        }
        for (int i = 0; i < f; i++) {
            buf.put((byte) 3).putInt(t[3 * i]).putInt(t[3 * i + 1]).putInt(t[3 * i + 2]);
        }
        out.write(buf.array(), 0, buf.position());
    }

    private static void flushIfLarge(OutputStream out, StringBuilder sb) throws IOException {
        if (sb.length() > (1 << 16)) {
            out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            sb.setLength(0);
        }
    }
}
