package org.ftgan.mesh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds PLY files of any layout for tests: header lines as given, then a body of typed values
 * encoded as the format says (binary in either byte order, or ASCII tokens with explicit line ends).
 */
final class PlyBytes {
    private final String format;
    private final ByteOrder order;
    private final StringBuilder header = new StringBuilder();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean lineStarted;

    private PlyBytes(String format, ByteOrder order) {
        this.format = format;
        this.order = order;
    }

    static PlyBytes binary(ByteOrder order) {
        return new PlyBytes(order == ByteOrder.BIG_ENDIAN ? "binary_big_endian" : "binary_little_endian", order);
    }

    static PlyBytes ascii() {
        return new PlyBytes("ascii", null);
    }

    /** One header line (without its line end), between the format line and end_header. */
    PlyBytes header(String line) {
        header.append(line).append('\n');
        return this;
    }

    /** A value of a PLY type name (char ... double, or the sized names). */
    PlyBytes value(String type, double v) {
        if (order == null) {
            token(isInteger(type) ? Long.toString((long) v) : Float.toString((float) v));
            return this;
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(order);
        switch (type) {
            case "char", "int8", "uchar", "uint8" -> b.put((byte) (long) v);
            case "short", "int16", "ushort", "uint16" -> b.putShort((short) (long) v);
            case "int", "int32", "uint", "uint32" -> b.putInt((int) (long) v);
            case "float", "float32" -> b.putFloat((float) v);
            case "double", "float64" -> b.putDouble(v);
            default -> throw new IllegalArgumentException(type);
        }
        body.write(b.array(), 0, b.position());
        return this;
    }

    /** A list: its length as {@code countType}, then the items as {@code itemType}. */
    PlyBytes list(String countType, String itemType, long... items) {
        value(countType, items.length);
        for (long item : items) {
            value(itemType, item);
        }
        return this;
    }

    /** Ends an ASCII body line; does nothing for binary bodies. */
    PlyBytes endLine() {
        if (order == null) {
            body.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
            lineStarted = false;
        }
        return this;
    }

    /** Raw body bytes, for malformed files. */
    PlyBytes raw(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    String headerText() {
        return "ply\nformat " + format + " 1.0\n" + header + "end_header\n";
    }

    int headerLength() {
        return headerText().length();
    }

    byte[] bytes() {
        return bytes("\n");
    }

    /** The file with the header lines ended by {@code headerLineEnd} (for example CRLF). */
    byte[] bytes(String headerLineEnd) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(headerText().replace("\n", headerLineEnd).getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(body.toByteArray());
        return all.toByteArray();
    }

    Path write(Path dir, String name) throws IOException {
        return Files.write(dir.resolve(name), bytes());
    }

    private void token(String text) {
        if (lineStarted) {
            body.write(' ');
        }
        body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        lineStarted = true;
    }

    private static boolean isInteger(String type) {
        return !type.startsWith("float") && !type.equals("double");
    }
}
