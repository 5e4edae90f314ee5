package org.ftgan.mesh;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

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
            case FLOAT -> buffer.getFloat(at);
            case DOUBLE -> buffer.getDouble(at);
            default -> integerAt(type, at);
        };
    }

    @Override
    public long integer(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException {
        return integerAt(type, take(type, element, item, property, listIndex));
    }

    /**
     * Reads a whole vertex element at once when it has no list properties and all its bytes are in
     * the file: fixed-stride column reads, no per-value dispatch. Returns false, consuming nothing,
     * otherwise; the caller then reads value by value, which also finds where the data falls short.
     *
     * @param coordinateOf per property, 0/1/2 for x/y/z, -1 for others
     * @param valueIndex   the property whose values go to {@code values}, or -1
     */
    boolean readVertexColumns(PlyHeader.Element vertex, int[] coordinateOf, int valueIndex,
                              float[] positions, float[] values) throws MeshFormatException {
        List<PlyHeader.Property> properties = vertex.properties();
        int stride = 0;
        int[] offsets = new int[properties.size()];
        for (int k = 0; k < properties.size(); k++) {
            if (properties.get(k).isList()) {
                return false;
            }
            offsets[k] = stride;
            stride += properties.get(k).type().size;
        }
        int count = vertex.count();
        if ((long) stride * count > limit - pos) {
            return false;
        }
        PlyType[] types = new PlyType[4];
        int[] columnOffsets = new int[4];
        for (int k = 0; k < properties.size(); k++) {
            if (coordinateOf[k] >= 0) {
                types[coordinateOf[k]] = properties.get(k).type();
                columnOffsets[coordinateOf[k]] = offsets[k];
            }
            if (k == valueIndex) {
                types[3] = properties.get(k).type();
                columnOffsets[3] = offsets[k];
            }
        }
        int base = pos;
        for (int item = 0; item < count; item++, base += stride) {
            positions[3 * item] = floatAt(types[0], base + columnOffsets[0]);
            positions[3 * item + 1] = floatAt(types[1], base + columnOffsets[1]);
            positions[3 * item + 2] = floatAt(types[2], base + columnOffsets[2]);
            for (int c = 0; c < 3; c++) {
                if (!Float.isFinite(positions[3 * item + c])) {
                    throw MeshFormatException.atByte(file, base + columnOffsets[c],
                            PlyReader.nonFiniteCoordinate(item, c, doubleAt(types[c], base + columnOffsets[c])));
                }
            }
            if (values != null) {
                values[item] = floatAt(types[3], base + columnOffsets[3]);
            }
        }
        pos = base;
        return true;
    }

    /**
     * Reads the leading run of plain triangles of a face element whose only property is its index
     * list: items with a count of 3, all bytes present and all indices in [0, vertexCount). Stops
     * before the first other item and returns how many items it read; the caller reads the rest
     * value by value (polygons, and the exact error of a bad item).
     */
    int readTriangleRun(PlyHeader.Element face, int vertexCount, Triangles triangles) {
        if (face.properties().size() != 1) {
            return 0;
        }
        PlyHeader.Property list = face.properties().get(0);
        PlyType countType = list.countType();
        PlyType indexType = list.type();
        int itemBytes = countType.size + 3 * indexType.size;
        int count = face.count();
        int item = 0;
        for (; item < count && limit - pos >= itemBytes; item++) {
            if (integerAt(countType, pos) != 3) {
                break;
            }
            int at = pos + countType.size;
            long a = integerAt(indexType, at);
            long b = integerAt(indexType, at + indexType.size);
            long c = integerAt(indexType, at + 2 * indexType.size);
            if (a < 0 || a >= vertexCount || b < 0 || b >= vertexCount || c < 0 || c >= vertexCount) {
                break;
            }
            triangles.add((int) a, (int) b, (int) c);
            pos += itemBytes;
        }
        return item;
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

    private float floatAt(PlyType type, int at) {
        return switch (type) {
            case FLOAT -> buffer.getFloat(at);
            case DOUBLE -> (float) buffer.getDouble(at);
            default -> integerAt(type, at);
        };
    }

    private double doubleAt(PlyType type, int at) {
        return switch (type) {
            case FLOAT -> buffer.getFloat(at);
            case DOUBLE -> buffer.getDouble(at);
            default -> integerAt(type, at);
        };
    }

    private long integerAt(PlyType type, int at) {
        return switch (type) {
            case CHAR -> buffer.get(at);
            case UCHAR -> buffer.get(at) & 0xFF;
            case SHORT -> buffer.getShort(at);
            case USHORT -> buffer.getShort(at) & 0xFFFF;
            case INT -> buffer.getInt(at);
            case UINT -> buffer.getInt(at) & 0xFFFF_FFFFL;
            case FLOAT, DOUBLE -> throw new IllegalStateException("integer read of a " + type.plyName + " value");
        };
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
