package org.ftgan.mesh;

/**
 * The values of a PLY body in file order, whatever the encoding. Each call names the element, item,
 * property and list position it reads, so that a failure can say exactly which value was wanted.
 */
interface PlyBody {
    /** {@code listIndex} value for a scalar property. */
    int SCALAR = -2;
    /** {@code listIndex} value for the length of a list property. */
    int LIST_COUNT = -1;

    /** The next value, of any type, converted to double (exact for every PLY type). */
    double scalar(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException;

    /** The next value, of an integer type. */
    long integer(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException;

    /** Called after the last value of each item (an ASCII line must end there). */
    void endItem(PlyHeader.Element element, int item) throws MeshFormatException;

    /** Called after the last element: nothing but whitespace may follow. */
    void endBody() throws MeshFormatException;

    /** An error located at the value read last. */
    MeshFormatException errorAtLastValue(String detail);

    /** "face 57 (uint vertex_indices[2])", "vertex 3 (float y)", "face 0 (uchar vertex_indices count)". */
    static String describe(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex) {
        return element.name() + " " + item + " (" + describeValue(type, property, listIndex) + ")";
    }

    /** "uint vertex_indices[2]", "float y", "uchar vertex_indices count". */
    static String describeValue(PlyType type, PlyHeader.Property property, int listIndex) {
        return switch (listIndex) {
            case SCALAR -> type.plyName + " " + property.name();
            case LIST_COUNT -> type.plyName + " " + property.name() + " count";
            default -> type.plyName + " " + property.name() + "[" + listIndex + "]";
        };
    }
}
