package org.ftgan.mesh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads triangle meshes from PLY files: ascii, binary_little_endian and binary_big_endian.
 *
 * <ul>
 *   <li>The {@code vertex} element must have scalar properties x, y and z, in any order and of any
 *       numeric type; its other properties (normals, colours, ...) are skipped, except one float-valued
 *       property that {@link #readWithProperty} can ask for.</li>
 *   <li>The {@code face} element, when present, must have a list property {@code vertex_indices} (or
 *       {@code vertex_index}) with integer count and index types. Polygons are fan-triangulated as
 *       (v0,v1,v2), (v0,v2,v3), ...; a face with fewer than 3 indices, or an index outside
 *       [0, vertex count), is an error. A file without a face element gives a mesh without triangles.</li>
 *   <li>Any other element, and other properties of the face element, are skipped in every encoding,
 *       lists included. comment and obj_info header lines are ignored; header lines may end in CRLF.</li>
 * </ul>
 *
 * <p>The whole file is read with one channel transfer and parsed in place; nothing is allocated per
 * value. ASCII bodies must hold one item per line. Any departure from the header - a truncated body,
 * data after the last element, a wrong number of values on a line, a value that is not a number or
 * does not fit its type - is a {@link MeshFormatException} naming the line or byte offset; no mesh is
 * built unless the whole file parsed. Item numbers in messages (vertex 3, face 57) count from 0.
 */
public final class PlyReader {
    private static final List<String> FACE_LIST_NAMES = List.of("vertex_indices", "vertex_index");

    private PlyReader() {
    }

    public static Mesh read(Path file) throws IOException {
        return readWithProperty(file, null).mesh();
    }

    /**
     * Reads the mesh and, when the vertex element has a scalar property named {@code propertyName},
     * its values converted to float (for example the error values of a {@link PlyWriter} error map).
     *
     * @param propertyName a vertex property name, or null to read the mesh only
     * @return the mesh, with {@code values} null when {@code propertyName} is null or not in the file
     */
    public static MeshWithValues readWithProperty(Path file, String propertyName) throws IOException {
        ByteBuffer data = FileBytes.read(file);
        PlyHeader header = PlyHeader.parse(file, data.array(), data.limit());
        int endHeaderLine = header.bodyFirstLine - 1;

        PlyHeader.Element vertex = header.element("vertex");
        if (vertex == null) {
            throw MeshFormatException.atLine(file, endHeaderLine, "the header has no vertex element");
        }
        PlyHeader.Property[] vertexProperties = vertex.properties().toArray(new PlyHeader.Property[0]);
        int[] coordinateOf = new int[vertexProperties.length];
        Arrays.fill(coordinateOf, -1);
        String[] coordinateNames = {"x", "y", "z"};
        for (int c = 0; c < 3; c++) {
            PlyHeader.Property p = vertex.property(coordinateNames[c]);
            if (p == null) {
                throw MeshFormatException.atLine(file, vertex.line(), "element vertex has no property "
                        + coordinateNames[c] + " (it has: " + names(vertex) + ")");
            }
            requireScalar(file, p);
            coordinateOf[vertex.properties().indexOf(p)] = c;
        }
        int valueIndex = -1;
        if (propertyName != null && vertex.property(propertyName) != null) {
            PlyHeader.Property p = vertex.property(propertyName);
            requireScalar(file, p);
            valueIndex = vertex.properties().indexOf(p);
        }

        PlyHeader.Element face = header.element("face");
        int indexListIndex = -1;
        PlyHeader.Property indexList = null;
        if (face != null) {
            PlyHeader.Property list = null;
            for (String name : FACE_LIST_NAMES) {
                if (list == null) {
                    list = face.property(name);
                }
            }
            if (list == null) {
                throw MeshFormatException.atLine(file, face.line(), "element face has no vertex_indices or "
                        + "vertex_index list (it has: " + names(face) + ")");
            }
            if (!list.isList() || !list.type().integer) {
                throw MeshFormatException.atLine(file, list.line(), "face property " + list.describe()
                        + ", expected a list of an integer type");
            }
            indexList = list;
            indexListIndex = face.properties().indexOf(list);
        }

        int bodyBytes = data.limit() - header.bodyStart;
        boolean ascii = header.format == PlyHeader.Format.ASCII;
        PlyBody body = ascii
                ? new PlyAsciiBody(new TextCursor(file, data.array(), header.bodyStart, data.limit(),
                header.bodyFirstLine, false))
                : new PlyBinaryBody(file, data.order(header.format == PlyHeader.Format.BINARY_BIG_ENDIAN
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN), header.bodyStart);

        int vertexCapacity = capacity(vertex, null, bodyBytes, ascii);
        float[] positions = new float[3 * vertexCapacity];
        float[] values = valueIndex < 0 ? null : new float[vertexCapacity];
        Triangles triangles = new Triangles(face == null ? 0 : capacity(face, indexList, bodyBytes, ascii));
        for (PlyHeader.Element element : header.elements) {
            if (element == vertex) {
                readVertices(body, vertex, vertexProperties, coordinateOf, valueIndex, positions, values);
            } else if (element == face) {
                readFaces(body, face, indexListIndex, vertex.count(), triangles);
            } else {
                skipElement(body, element);
            }
        }
        body.endBody();
        return new MeshWithValues(new Mesh(positions, triangles.toArray()), values);
    }

    private static void readVertices(PlyBody body, PlyHeader.Element vertex, PlyHeader.Property[] properties,
                                     int[] coordinateOf, int valueIndex, float[] positions, float[] values)
            throws MeshFormatException {
        if (body instanceof PlyBinaryBody binary
                && binary.readVertexColumns(vertex, coordinateOf, valueIndex, positions, values)) {
            return;
        }
        int count = vertex.count();
        for (int item = 0; item < count; item++) {
            for (int k = 0; k < properties.length; k++) {
                PlyHeader.Property p = properties[k];
                if (p.isList()) {
                    skipList(body, vertex, item, p);
                    continue;
                }
                double v = body.scalar(p.type(), vertex, item, p, PlyBody.SCALAR);
                int c = coordinateOf[k];
                if (c >= 0) {
                    positions[3 * item + c] = (float) v;
                    if (!Float.isFinite(positions[3 * item + c])) {
                        throw body.errorAtLastValue(nonFiniteCoordinate(item, c, v));
                    }
                }
                if (k == valueIndex) {
                    values[item] = (float) v;
                }
            }
            body.endItem(vertex, item);
        }
    }

    /**
     * NaN or an infinite coordinate (also a double too large for a float) would reach a dataset's
     * samples and statistics and surface much later as a diverging training: refused where it is.
     */
    static String nonFiniteCoordinate(int item, int axis, double value) {
        return "vertex " + item + " has " + (Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? "an infinite value"
                : "a value beyond float range (" + value + ")")
                + " as its " + "xyz".charAt(axis) + " coordinate; coordinates must be finite numbers";
    }

    private static void readFaces(PlyBody body, PlyHeader.Element face, int indexListIndex, int vertexCount,
                                  Triangles triangles) throws MeshFormatException {
        List<PlyHeader.Property> properties = face.properties();
        PlyHeader.Property list = properties.get(indexListIndex);
        int count = face.count();
        int start = body instanceof PlyBinaryBody binary ? binary.readTriangleRun(face, vertexCount, triangles) : 0;
        for (int item = start; item < count; item++) {
            for (int k = 0; k < properties.size(); k++) {
                PlyHeader.Property p = properties.get(k);
                if (k != indexListIndex) {
                    skipProperty(body, face, item, p);
                    continue;
                }
                long n = body.integer(p.countType(), face, item, p, PlyBody.LIST_COUNT);
                if (n < 3) {
                    throw body.errorAtLastValue("face " + item + " has " + n + " vertex indices, expected at least 3");
                }
                int first = vertexIndex(body, face, item, list, 0, vertexCount);
                int previous = vertexIndex(body, face, item, list, 1, vertexCount);
                for (int j = 2; j < n; j++) {
                    int current = vertexIndex(body, face, item, list, j, vertexCount);
                    triangles.add(first, previous, current);
                    previous = current;
                }
            }
            body.endItem(face, item);
        }
    }

    private static int vertexIndex(PlyBody body, PlyHeader.Element face, int item, PlyHeader.Property list,
                                   int j, int vertexCount) throws MeshFormatException {
        long index = body.integer(list.type(), face, item, list, j);
        if (index < 0 || index >= vertexCount) {
            throw body.errorAtLastValue("face " + item + " refers to vertex " + index + " (" + list.name() + "[" + j
                    + "]), but the file has " + vertexCount + " vertices");
        }
        return (int) index;
    }

    private static void skipElement(PlyBody body, PlyHeader.Element element) throws MeshFormatException {
        int count = element.count();
        for (int item = 0; item < count; item++) {
            for (PlyHeader.Property p : element.properties()) {
                skipProperty(body, element, item, p);
            }
            body.endItem(element, item);
        }
    }

    private static void skipProperty(PlyBody body, PlyHeader.Element element, int item, PlyHeader.Property p)
            throws MeshFormatException {
        if (p.isList()) {
            skipList(body, element, item, p);
        } else {
            body.scalar(p.type(), element, item, p, PlyBody.SCALAR);
        }
    }

    private static void skipList(PlyBody body, PlyHeader.Element element, int item, PlyHeader.Property p)
            throws MeshFormatException {
        long n = body.integer(p.countType(), element, item, p, PlyBody.LIST_COUNT);
        if (n < 0) {
            throw body.errorAtLastValue("negative length " + n + " of "
                    + PlyBody.describe(p.countType(), element, item, p, PlyBody.LIST_COUNT));
        }
        for (long j = 0; j < n; j++) {
            body.scalar(p.type(), element, item, p, (int) Math.min(j, Integer.MAX_VALUE));
        }
    }

    /**
     * How many items of {@code element} the body can possibly hold: its declared count, unless a
     * corrupt header declares more than the bytes could hold (arrays are sized by this, so a lying
     * count cannot exhaust memory; parsing fails on the missing data before the array is full).
     *
     * @param indexList the face index list, which takes at least 3 indices in a valid file, or null
     */
    private static int capacity(PlyHeader.Element element, PlyHeader.Property indexList, int bodyBytes, boolean ascii) {
        long minItemBytes = 0;
        long minValues = 0;
        for (PlyHeader.Property p : element.properties()) {
            if (!p.isList()) {
                minItemBytes += p.type().size;
                minValues++;
            } else if (p == indexList) {
                minItemBytes += p.countType().size + 3L * p.type().size;
                minValues += 4;
            } else {
                minItemBytes += p.countType().size;
                minValues++;
            }
        }
        if (ascii) {
            // one character per value plus a separator between values
            minItemBytes = 2 * minValues - 1;
        }
        return (int) Math.min(element.count(), bodyBytes / Math.max(1, minItemBytes) + 1);
    }

    private static void requireScalar(Path file, PlyHeader.Property p) throws MeshFormatException {
        if (p.isList()) {
            throw MeshFormatException.atLine(file, p.line(), "vertex property " + p.describe()
                    + " is a list, expected a single number");
        }
    }

    private static String names(PlyHeader.Element element) {
        List<String> names = new ArrayList<>();
        for (PlyHeader.Property p : element.properties()) {
            names.add(p.name());
        }
        return names.isEmpty() ? "no properties" : String.join(" ", names);
    }
}
