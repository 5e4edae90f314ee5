package org.ftgan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way a PLY file can be wrong, each reported with the file and the line or byte offset. */
class PlyReaderErrorTest {
    @TempDir
    Path dir;

    private MeshFormatException failsWith(Path file, String location, String... phrases) {
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> PlyReader.read(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": " + location + ": "), message);
        assertEquals(location, e.location());
        assertEquals(file, e.file());
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), "'" + phrase + "' in: " + message);
        }
        return e;
    }

    private Path text(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    private static final String VERTEX_XYZ = "element vertex 4\nproperty float x\nproperty float y\nproperty float z\n";

    /** Four x y z float vertices and two triangles with a uchar count and uint indices. */
    private static PlyBytes quadPly(ByteOrder order) {
        PlyBytes ply = PlyBytes.binary(order)
                .header("element vertex 4").header("property float x").header("property float y").header("property float z")
                .header("element face 2").header("property list uchar uint vertex_indices");
        for (int i = 0; i < 4; i++) {
            ply.value("float", i).value("float", i + 0.5).value("float", -i);
        }
        ply.list("uchar", "uint", 0, 1, 2).list("uchar", "uint", 0, 2, 3);
        return ply;
    }

    private Path truncated(String name, byte[] bytes, int length) throws IOException {
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, length));
    }

    // ---- header ----

    @Test
    void emptyFile() throws IOException {
        failsWith(text("empty.ply", ""), "line 1", "empty file");
    }

    @Test
    void missingMagic() throws IOException {
        failsWith(text("magic.ply", "plyx\nformat ascii 1.0\nend_header\n"), "line 1", "missing 'ply' magic", "\"plyx\"");
        failsWith(text("solid.ply", "solid cube\nfacet normal 0 0 1\n"), "line 1", "missing 'ply' magic");
        byte[] junk = new byte[10_000];
        Arrays.fill(junk, (byte) 7);
        failsWith(Files.write(dir.resolve("junk.ply"), junk), "line 1", "missing 'ply' magic", "longer than");
    }

    @Test
    void unknownOrMissingFormat() throws IOException {
        failsWith(text("format.ply", "ply\nformat binary_middle_endian 1.0\n" + VERTEX_XYZ + "end_header\n"),
                "line 2", "unknown format \"binary_middle_endian\"");
        failsWith(text("noversion.ply", "ply\nformat ascii\n" + VERTEX_XYZ + "end_header\n"), "line 2", "format");
        failsWith(text("noformat.ply", "ply\ncomment none\n" + VERTEX_XYZ + "end_header\n"),
                "line 7", "no format line before end_header");
    }

    @Test
    void headerWithoutEndHeader() throws IOException {
        failsWith(text("short.ply", "ply\nformat ascii 1.0\nelement vertex 4\nproperty float x\n"),
                "line 5", "file ends before end_header");
        failsWith(text("magic_only.ply", "ply\n"), "line 2", "file ends before end_header");
        failsWith(text("magic_no_newline.ply", "ply"), "line 2", "file ends before end_header");
        failsWith(text("typo.ply", "ply\nformat ascii 1.0\n" + VERTEX_XYZ + "end_headr\n"),
                "line 7", "unknown header line \"end_headr\"");
    }

    @Test
    void malformedElementAndPropertyLines() throws IOException {
        failsWith(text("type.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float3 x\nend_header\n"),
                "line 4", "unknown property type \"float3\"");
        failsWith(text("listtype.ply", "ply\nformat ascii 1.0\nelement face 1\nproperty list uchar integer vertex_indices\nend_header\n"),
                "line 4", "unknown property type \"integer\"");
        failsWith(text("floatcount.ply", "ply\nformat ascii 1.0\nelement face 1\nproperty list float int vertex_indices\nend_header\n"),
                "line 4", "count type float, expected an integer type");
        failsWith(text("orphan.ply", "ply\nformat ascii 1.0\nproperty float x\nend_header\n"),
                "line 3", "property before any element");
        failsWith(text("count.ply", "ply\nformat ascii 1.0\nelement vertex many\nend_header\n"),
                "line 3", "element vertex has count \"many\"");
        failsWith(text("negative.ply", "ply\nformat ascii 1.0\nelement vertex -2\nend_header\n"),
                "line 3", "element vertex has count \"-2\"");
        failsWith(text("twice.ply", "ply\nformat ascii 1.0\n" + VERTEX_XYZ + "property float y\nend_header\n"),
                "line 7", "property y declared twice in element vertex");
        failsWith(text("twoelements.ply", "ply\nformat ascii 1.0\n" + VERTEX_XYZ + VERTEX_XYZ + "end_header\n"),
                "line 7", "element vertex declared twice");
    }

    @Test
    void vertexElementWithoutCoordinates() throws IOException {
        failsWith(text("noz.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
                + "property float nz\nend_header\n1 2 3\n"), "line 3", "element vertex has no property z", "x y nz");
        failsWith(text("listx.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty list uchar float x\n"
                + "property float y\nproperty float z\nend_header\n1 1 2 3\n"), "line 4", "vertex property list uchar float x is a list");
        failsWith(text("novertex.ply", "ply\nformat ascii 1.0\nelement point 1\nproperty float x\nend_header\n1\n"),
                "line 5", "no vertex element");
    }

    @Test
    void faceElementWithoutUsableIndexList() throws IOException {
        failsWith(text("nolist.ply", "ply\nformat ascii 1.0\n" + VERTEX_XYZ + "element face 1\n"
                + "property list uchar int corners\nend_header\n"), "line 7", "no vertex_indices or vertex_index list", "corners");
        failsWith(text("floatindex.ply", "ply\nformat ascii 1.0\n" + VERTEX_XYZ + "element face 1\n"
                + "property list uchar float vertex_indices\nend_header\n"), "line 8", "expected a list of an integer type");
        failsWith(text("scalarindex.ply", "ply\nformat ascii 1.0\n" + VERTEX_XYZ + "element face 1\n"
                + "property int vertex_indices\nend_header\n"), "line 8", "expected a list of an integer type");
    }

    // ---- binary body ----

    @ParameterizedTest
    @EnumSource(names = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void truncatedVertexSection(PlyReaderTest.Encoding encoding) throws IOException {
        PlyBytes ply = quadPly(encoding == PlyReaderTest.Encoding.BIG_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int header = ply.headerLength();
        // two whole vertices, then x and half of y of vertex 2
        int length = header + 2 * 12 + 4 + 2;
        failsWith(truncated("vertices.ply", ply.bytes(), length), "byte offset " + length,
                "expected 2 more bytes of vertex 2 (float y), file ends", "declares 4 vertex items");
    }

    @ParameterizedTest
    @EnumSource(names = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void truncatedFaceSection(PlyReaderTest.Encoding encoding) throws IOException {
        PlyBytes ply = quadPly(encoding == PlyReaderTest.Encoding.BIG_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int faces = ply.headerLength() + 4 * 12;
        // face 0 whole, face 1's count and two indices, one byte of the third
        int length = faces + 13 + 1 + 8 + 1;
        failsWith(truncated("faces.ply", ply.bytes(), length), "byte offset " + length,
                "expected 3 more bytes of face 1 (uint vertex_indices[2]), file ends");
        failsWith(truncated("faces_count.ply", ply.bytes(), faces + 13), "byte offset " + (faces + 13),
                "expected 1 more bytes of face 1 (uchar vertex_indices count)");
        failsWith(truncated("no_body.ply", ply.bytes(), ply.headerLength()), "byte offset " + ply.headerLength(),
                "expected 4 more bytes of vertex 0 (float x)");
    }

    @Test
    void headerCountFarBeyondTheDataFailsOnTheDataNotOnMemory() throws IOException {
        PlyBytes ply = PlyBytes.binary(ByteOrder.LITTLE_ENDIAN)
                .header("element vertex 2000000000").header("property double x").header("property double y").header("property double z")
                .header("element face 2000000000").header("property list uint uint vertex_indices");
        ply.value("double", 1).value("double", 2).value("double", 3);
        int length = ply.bytes().length;
        failsWith(ply.write(dir, "liar.ply"), "byte offset " + length, "expected 8 more bytes of vertex 1 (double x)");
    }

    @Test
    void dataAfterTheLastElement() throws IOException {
        PlyBytes ply = quadPly(ByteOrder.LITTLE_ENDIAN).raw("xyz");
        int end = ply.bytes().length - 3;
        failsWith(ply.write(dir, "trailing.ply"), "byte offset " + end, "3 bytes after the last element");
    }

    @Test
    void binaryFaceIndexOutOfRange() throws IOException {
        PlyBytes ply = PlyBytes.binary(ByteOrder.BIG_ENDIAN)
                .header("element vertex 4").header("property float x").header("property float y").header("property float z")
                .header("element face 3").header("property list uchar int vertex_indices");
        for (int i = 0; i < 12; i++) {
            ply.value("float", i);
        }
        ply.list("uchar", "int", 0, 1, 2).list("uchar", "int", 0, 2, 3).list("uchar", "int", 1, 4, 3);
        int offset = ply.headerLength() + 48 + 13 + 13 + 1 + 4;
        failsWith(ply.write(dir, "high.ply"), "byte offset " + offset,
                "face 2 refers to vertex 4 (vertex_indices[1]), but the file has 4 vertices");

        PlyBytes negative = PlyBytes.binary(ByteOrder.LITTLE_ENDIAN)
                .header("element vertex 4").header("property float x").header("property float y").header("property float z")
                .header("element face 1").header("property list uchar int vertex_indices");
        for (int i = 0; i < 12; i++) {
            negative.value("float", i);
        }
        negative.list("uchar", "int", -1, 1, 2);
        failsWith(negative.write(dir, "negative.ply"), "byte offset " + (negative.headerLength() + 48 + 1),
                "face 0 refers to vertex -1");
    }

    @Test
    void faceWithFewerThanThreeIndices() throws IOException {
        PlyBytes ply = quadPly(ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = ply.bytes();
        int secondFace = ply.headerLength() + 48 + 13;
        bytes[secondFace] = 2;
        failsWith(Files.write(dir.resolve("edge.ply"), bytes), "byte offset " + secondFace,
                "face 1 has 2 vertex indices, expected at least 3");
    }

    // ---- ASCII body ----

    private static final String ASCII_HEADER = "ply\nformat ascii 1.0\n" + VERTEX_XYZ
            + "element face 2\nproperty list uchar int vertex_indices\nend_header\n";
    private static final String[] ASCII_BODY = {"0 0 0", "1 0 0", "1 1 0", "0 1 0", "3 0 1 2", "3 0 2 3"};

    /** The ASCII quad with body line {@code index} (0-based; the file line is index + 10) replaced. */
    private Path asciiWith(String name, int index, String line) throws IOException {
        String[] body = ASCII_BODY.clone();
        body[index] = line;
        return text(name, ASCII_HEADER + String.join("\n", body) + "\n");
    }

    @Test
    void asciiReferenceFileReads() throws IOException {
        assertEquals(2, PlyReader.read(text("ok.ply", ASCII_HEADER + String.join("\n", ASCII_BODY) + "\n")).faceCount());
    }

    @Test
    void asciiTooFewOrTooManyValues() throws IOException {
        failsWith(asciiWith("few.ply", 1, "1 0"), "line 11", "too few values for vertex 1: line ends after 2 values, expected float z");
        failsWith(asciiWith("empty_line.ply", 2, ""), "line 12", "too few values for vertex 2: line ends after 0 values");
        failsWith(asciiWith("many.ply", 1, "1 0 0 7"), "line 11", "too many values for vertex 1: expected 3", "\"7\"");
        failsWith(asciiWith("few_indices.ply", 5, "4 0 2 3"), "line 15", "too few values for face 1", "int vertex_indices[3]");
        failsWith(asciiWith("many_indices.ply", 4, "3 0 1 2 3"), "line 14", "too many values for face 0: expected 4");
    }

    @Test
    void asciiNonNumericOrIllTypedValues() throws IOException {
        failsWith(asciiWith("abc.ply", 2, "1 abc 0"), "line 12", "expected a number for vertex 2 (float y), got \"abc\"");
        failsWith(asciiWith("half.ply", 4, "3 0 1.5 2"), "line 14", "expected an integer for face 0 (int vertex_indices[1]), got \"1.5\"");
        failsWith(asciiWith("uchar.ply", 4, "300 0 1 2"), "line 14", "value 300 does not fit face 0 (uchar vertex_indices count)");
    }

    @Test
    void asciiFaceIndexOutOfRangeOrTooShort() throws IOException {
        failsWith(asciiWith("high.ply", 5, "3 0 2 4"), "line 15", "face 1 refers to vertex 4", "has 4 vertices");
        failsWith(asciiWith("negative.ply", 4, "3 0 -2 1"), "line 14", "face 0 refers to vertex -2");
        failsWith(asciiWith("two.ply", 4, "2 0 1"), "line 14", "face 0 has 2 vertex indices, expected at least 3");
    }

    @Test
    void asciiBodyTooShortOrTooLong() throws IOException {
        failsWith(text("cut.ply", ASCII_HEADER + "0 0 0\n1 0 0\n1 1 0\n0 1 0\n3 0 1 2\n"), "line 15",
                "file ends before face 1 (uchar vertex_indices count)", "declares 2 face items");
        failsWith(text("long.ply", ASCII_HEADER + String.join("\n", ASCII_BODY) + "\n\n3 1 2 3\n"), "line 17",
                "unexpected data after the last element: \"3\"");
    }

    // ---- coordinates that are no numbers ----

    @Test
    void nanAndInfiniteCoordinatesAreRefusedWithTheirLine() throws IOException {
        failsWith(asciiWith("nan.ply", 1, "1 nan 0"), "line 11", "vertex 1 has NaN as its y coordinate");
        failsWith(asciiWith("inf.ply", 2, "1 1 -inf"), "line 12", "vertex 2 has an infinite value as its z coordinate");
    }

    @ParameterizedTest
    @EnumSource(names = {"LITTLE_ENDIAN", "BIG_ENDIAN"}, value = Order.class)
    void nanAndInfiniteCoordinatesAreRefusedWithTheirByteOffset(Order order) throws IOException {
        PlyBytes ply = PlyBytes.binary(order.value)
                .header("element vertex 3").header("property float x").header("property float y").header("property float z")
                .header("element face 1").header("property list uchar uint vertex_indices");
        ply.value("float", 0).value("float", 0).value("float", 0);
        ply.value("float", 1).value("float", Float.NaN).value("float", 0);
        ply.value("float", 1).value("float", 1).value("float", 0);
        ply.list("uchar", "uint", 0, 1, 2);
        failsWith(ply.write(dir, "nan.ply"), "byte offset " + (ply.headerLength() + 12 + 4), "vertex 1 has NaN as its y coordinate");

        // a double beyond float range is infinite once stored as a float
        PlyBytes big = PlyBytes.binary(order.value)
                .header("element vertex 3").header("property double x").header("property double y").header("property double z")
                .header("element face 1").header("property list uchar uint vertex_indices");
        big.value("double", 0).value("double", 0).value("double", 0);
        big.value("double", 1).value("double", 0).value("double", 0);
        big.value("double", 1e300).value("double", 1).value("double", 0);
        big.list("uchar", "uint", 0, 1, 2);
        failsWith(big.write(dir, "big.ply"), "byte offset " + (big.headerLength() + 48), "vertex 2 has a value beyond float range (1.0E300) as its x");
    }

    enum Order {
        LITTLE_ENDIAN(ByteOrder.LITTLE_ENDIAN), BIG_ENDIAN(ByteOrder.BIG_ENDIAN);

        final ByteOrder value;

        Order(ByteOrder value) {
            this.value = value;
        }
    }
}
