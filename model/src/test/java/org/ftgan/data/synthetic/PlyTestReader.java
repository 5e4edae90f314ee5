package org.ftgan.data.synthetic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the binary little-endian PLY files PlyWriter makes (x, y, z floats; uchar-int face lists). */
final class PlyTestReader {
    record Ply(float[] positions, int[] triangles) {
    }

    private PlyTestReader() {
    }

    static Ply read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.US_ASCII);
        int end = text.indexOf("end_header\n");
        if (end < 0 || !text.startsWith("ply\nformat binary_little_endian 1.0\n")) {
            throw new IOException(file + " is not a binary little-endian PLY");
        }
        int vertices = -1;
        int faces = -1;
        for (String line : text.substring(0, end).split("\n")) {
            if (line.startsWith("element vertex ")) {
                vertices = Integer.parseInt(line.substring(15).trim());
            } else if (line.startsWith("element face ")) {
                faces = Integer.parseInt(line.substring(13).trim());
            } else if (line.startsWith("property float ") && !line.matches("property float [xyz]")) {
                throw new IOException(file + " has an extra vertex property: " + line);
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, end + "end_header\n".length(), bytes.length - end - 11).order(ByteOrder.LITTLE_ENDIAN);
        float[] p = new float[3 * vertices];
        for (int i = 0; i < p.length; i++) {
            p[i] = buf.getFloat();
        }
        int[] t = new int[3 * faces];
        for (int f = 0; f < faces; f++) {
            if (buf.get() != 3) {
                throw new IOException(file + ": face " + f + " is not a triangle");
            }
            for (int k = 0; k < 3; k++) {
                t[3 * f + k] = buf.getInt();
            }
        }
        if (buf.hasRemaining()) {
            throw new IOException(file + " has " + buf.remaining() + " bytes after the faces");
        }
        return new Ply(p, t);
    }

    /** Mean per-vertex distance between two position arrays. */
    static double avd(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i += 3) {
            double dx = a[i] - b[i];
            double dy = a[i + 1] - b[i + 1];
            double dz = a[i + 2] - b[i + 2];
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return sum / (a.length / 3);
    }
}
