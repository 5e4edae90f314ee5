package org.ftgan.mesh;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A binary PLY body read in place from the whole-file buffer (absolute reads, no per-value objects). */
final class PlyBinaryBody implements PlyBody {
    private final Path file;
    private final ByteBuffer buffer;
    private final int limit;
    private int pos;
    private int valueStart;

    /** {@code buffer} must already have the file's byte order. */
    PlyBinaryBody(Path file, ByteBuffer buffer, int start) {
        this.file = file;
        this.buffer = buffer;
        this.limit = buffer.limit();
        this.pos = start;
    }

    @Override
    public double scalar(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException {
        int at = take(type, element, item, property, listIndex);
        return switch (type) {
            case CHAR -> buffer.get(at);
            case UCHAR -> buffer.get(at) & 0xFF;
            case SHORT -> buffer.getShort(at);
            case USHORT -> buffer.getShort(at) & 0xFFFF;
            case INT -> buffer.getInt(at);
            case UINT -> buffer.getInt(at) & 0xFFFF_FFFFL;
            case FLOAT -> buffer.getFloat(at);
            case DOUBLE -> buffer.getDouble(at);
        };
    }

    @Override
    public long integer(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException {
        int at = take(type, element, item, property, listIndex);
        return switch (type) {
            case CHAR -> buffer.get(at);
            case UCHAR -> buffer.get(at) & 0xFF;
            case SHORT -> buffer.getShort(at);
            case USHORT -> buffer.getShort(at) & 0xFFFF;
            case INT -> buffer.getInt(at);
            case UINT -> buffer.getInt(at) & 0xFFFF_FFFFL;
            case FLOAT, DOUBLE -> throw new IllegalStateException("integer read of a " + type.plyName + " property");
        };
    }

    @Override
    public void endItem(PlyHeader.Element element, int item) {
        // binary items have no terminator
    }

    @Override
    public void endBody() throws MeshFormatException {
        if (pos < limit) {
            throw MeshFormatException.atByte(file, pos, (limit - pos)
                    + " bytes after the last element, expected the file to end (element counts too small?)");
        }
    }

    @Override
    public MeshFormatException errorAtLastValue(String detail) {
        return MeshFormatException.atByte(file, valueStart, detail);
    }

    /** Claims the bytes of the next value and returns their offset. */
    private int take(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException {
        if (limit - pos < type.size) {
            throw MeshFormatException.atByte(file, limit, "expected " + (type.size - (limit - pos))
                    + " more bytes of " + PlyBody.describe(type, element, item, property, listIndex)
                    + ", file ends (the header declares " + element.count() + " " + element.name() + " items)");
        }
        valueStart = pos;
        pos += type.size;
        return valueStart;
    }
}
