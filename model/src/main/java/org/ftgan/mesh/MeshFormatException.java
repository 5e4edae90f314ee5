package org.ftgan.mesh;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A mesh file that cannot be read (or a file name whose format is not known), with where it went wrong.
 *
 * <p>The message reads {@code <file>: <location>: <what was expected>}, for example
 * {@code face.ply: byte offset 1234: expected 3 more bytes of face 57 (uint index), file ends}. The
 * location is {@code "line N"} (1-based) for text (PLY headers, ASCII PLY, OBJ) and
 * {@code "byte offset N"} (0-based, from the start of the file) for binary PLY data; it is null when
 * the problem concerns the file as a whole, such as its extension.
 */
public final class MeshFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;

    public MeshFormatException(Path file, String location, String detail) {
        super(file + ": " + (location == null ? "" : location + ": ") + detail);
        this.file = file;
        this.location = location;
    }

    static MeshFormatException atLine(Path file, int line, String detail) {
        return new MeshFormatException(file, "line " + line, detail);
    }

    static MeshFormatException atByte(Path file, long offset, String detail) {
        return new MeshFormatException(file, "byte offset " + offset, detail);
    }

    /** The file that could not be read or written. */
    public Path file() {
        return file;
    }

    /** {@code "line N"}, {@code "byte offset N"}, or null when the whole file is concerned. */
    public String location() {
        return location;
    }
}
