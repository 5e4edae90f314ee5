package org.ftgan.mesh;

import org.ftgan.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes meshes as Wavefront OBJ: one {@code v x y z} line per vertex, one {@code f a b c} line per
 * triangle (1-based indices), floats as {@link Float#toString} writes them so {@link ObjReader} reads back the
 * very same numbers.
 *
 * <p><b>Per-vertex values (error maps).</b> OBJ has no per-vertex scalar, so a value per vertex is
 * written as a texture coordinate: after the vertices, one {@code vt value 0} line per vertex, in
 * vertex order, and the faces as {@code f a/a b/b c/c} (each corner uses the texture coordinate with
 * its own vertex's number). A viewer that maps a 1-D colour ramp texture along u then colours the
 * surface by the value. The values are written raw, not rescaled to [0, 1]: normalise them before
 * writing, or scale the ramp, when the viewer repeats the texture outside [0, 1].
 * {@link ObjReader#readWithValues} gets the values back.
 *
 * <p>Files are written to a temporary sibling and renamed, so a reader never sees half a file.
 */
public final class ObjWriter {
    private static final int FLUSH_AT = 1 << 16;

    private ObjWriter() {
    }

    public static void write(Path file, Mesh mesh) throws IOException {
        write(file, mesh, null);
    }

    /** @param values one value per vertex, written as texture coordinates (see the class comment), or null */
    public static void write(Path file, Mesh mesh, float[] values) throws IOException {
        checkValues(mesh, values);
        AtomicFiles.write(file, out -> writeTo(out, mesh, values));
    }

    /** Writes the whole OBJ document to a stream (not closed). */
    public static void writeTo(OutputStream out, Mesh mesh, float[] values) throws IOException {
        checkValues(mesh, values);
        int v = mesh.vertexCount();
        int f = mesh.faceCount();
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        StringBuilder sb = new StringBuilder(FLUSH_AT + 256);
        sb.append("# written by ftgan: ").append(v).append(" vertices, ").append(f).append(" triangles");
        if (values != null) {
            sb.append("; per-vertex values as texture coordinates (vt value 0)");
        }
        sb.append('\n');
        for (int i = 0; i < v; i++) {
            sb.append("v ").append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ').append(p[3 * i + 2]).append('\n');
            flushIfLarge(out, sb);
        }
        if (values != null) {
            for (int i = 0; i < v; i++) {
                sb.append("vt ").append(values[i]).append(" 0\n");
                flushIfLarge(out, sb);
            }
        }
        for (int i = 0; i < f; i++) {
            sb.append('f');
            for (int k = 0; k < 3; k++) {
                int index = t[3 * i + k] + 1;
                sb.append(' ').append(index);
                if (values != null) {
                    sb.append('/').append(index);
                }
            }
            sb.append('\n');
            flushIfLarge(out, sb);
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void checkValues(Mesh mesh, float[] values) {
        if (values != null && values.length != mesh.vertexCount()) {
            throw new IllegalArgumentException(values.length + " values for " + mesh.vertexCount() + " vertices");
        }
    }

    private static void flushIfLarge(OutputStream out, StringBuilder sb) throws IOException {
        if (sb.length() > FLUSH_AT) {
            out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            sb.setLength(0);
        }
    }
}
