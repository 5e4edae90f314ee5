package org.ftgan.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** PLY layouts other writers produce, written byte by byte, in all three encodings. */
class PlyReaderTest {
    @TempDir
    Path dir;

    enum Encoding {
        ASCII(PlyBytes::ascii),
        LITTLE_ENDIAN(() -> PlyBytes.binary(ByteOrder.LITTLE_ENDIAN)),
        BIG_ENDIAN(() -> PlyBytes.binary(ByteOrder.BIG_ENDIAN));

        private final Supplier<PlyBytes> builder;

        Encoding(Supplier<PlyBytes> builder) {
            this.builder = builder;
        }

        PlyBytes builder() {
            return builder.get();
        }
    }

    private static final float[][] SQUARE = {{0.5f, -1.25f, 3f}, {1.5f, 2f, -0.125f}, {1e-7f, 4f, 1e7f}, {-2f, 7f, 0.1f}};

    /** Four vertices of only x y z floats. */
    private static PlyBytes withPlainVertices(PlyBytes ply) {
        ply.header("element vertex 4").header("property float x").header("property float y").header("property float z");
        return ply;
    }

    private static void putPlainVertices(PlyBytes ply) {
        for (float[] v : SQUARE) {
            ply.value("float", v[0]).value("float", v[1]).value("float", v[2]).endLine();
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void shuffledTypedAndExtraPropertiesAndElementsAreHandled(Encoding encoding) throws IOException {
        PlyBytes ply = encoding.builder()
                .header("comment made by hand")
                .header("obj_info scanner 3")
                .header("element material 2")
                .header("property list ushort uchar name")
                .header("property float shininess")
                .header("element vertex 3")
                .header("property uchar red")
                .header("property float z")
                .header("property double quality")
                .header("property list uchar float32 uv")
                .header("property int16 y")
                .header("property float64 x")
                .header("property float nx")
                .header("property uint8 green")
                .header("element face 2")
                .header("property uchar flags")
                .header("property list uint8 int32 vertex_indices")
                .header("property list uchar float corner_weights")
                .header("element edge 1")
                .header("property int vertex1")
                .header("property list int uint extra")
                .header("comment the end");
        ply.list("ushort", "uchar", 'a', 'b').value("float", 0.5).endLine();
        ply.list("ushort", "uchar").value("float", 2).endLine();
        double[][] vertices = {{1.5, -3, 0.25}, {-7.125, 12, 1e-3}, {3e10, -32768, -0.0}};
        double[] quality = {0.1, 1e-300, 12345.678};
        for (int i = 0; i < 3; i++) {
            ply.value("uchar", 200 + i).value("float", vertices[i][2]).value("double", quality[i])
                    .list("uchar", "float32", 1, 2, 3).value("int16", vertices[i][1]).value("float64", vertices[i][0])
                    .value("float", 0.5).value("uint8", 255).endLine();
        }
        ply.value("uchar", 1).list("uint8", "int32", 0, 1, 2).list("uchar", "float", 1, 1, 1).endLine();
        ply.value("uchar", 0).list("uint8", "int32", 2, 1, 0).list("uchar", "float").endLine();
        ply.value("int", 0).list("int", "uint", 7, 8, 9, 10).endLine();
        Path file = ply.write(dir, "mixed.ply");

        MeshWithValues read = PlyReader.readWithProperty(file, "quality");
        float[] expected = new float[9];
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 3; c++) {
                expected[3 * i + c] = (float) vertices[i][c];
            }
        }
        assertArrayEquals(expected, read.mesh().positions());
        assertArrayEquals(new int[] {0, 1, 2, 2, 1, 0}, read.mesh().triangles());
        assertArrayEquals(new float[] {0.1f, (float) 1e-300, 12345.678f}, read.values());
        assertArrayEquals(new float[] {200, 201, 202}, PlyReader.readWithProperty(file, "red").values());
        assertNull(PlyReader.readWithProperty(file, "confidence").values());
        assertArrayEquals(expected, PlyReader.read(file).positions());
    }

    static Stream<Arguments> faceListTypes() {
        String[][] types = {{"uchar", "int"}, {"ushort", "uint"}, {"int", "short"}, {"char", "uchar"},
                {"uint", "ushort"}, {"short", "char"}, {"int8", "int32"}, {"uint16", "uint32"}, {"uint32", "int16"}};
        Stream.Builder<Arguments> all = Stream.builder();
        for (Encoding encoding : Encoding.values()) {
            for (String[] t : types) {
                all.add(Arguments.of(encoding, t[0], t[1]));
            }
        }
        return all.build();
    }

    @ParameterizedTest
    @MethodSource("faceListTypes")
    void faceListsOfAnyIntegerTypesAreRead(Encoding encoding, String countType, String indexType) throws IOException {
        PlyBytes ply = withPlainVertices(encoding.builder())
                .header("element face 2")
                .header("property list " + countType + " " + indexType + " vertex_indices");
        putPlainVertices(ply);
        ply.list(countType, indexType, 0, 1, 2).endLine();
        ply.list(countType, indexType, 3, 2, 1).endLine();
        Mesh mesh = PlyReader.read(ply.write(dir, "faces.ply"));
        assertArrayEquals(new int[] {0, 1, 2, 3, 2, 1}, mesh.triangles());
        assertEquals(SQUARE[2][2], mesh.z(2));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void polygonsAreFanTriangulated(Encoding encoding) throws IOException {
        PlyBytes ply = encoding.builder()
                .header("element vertex 6").header("property float x").header("property float y").header("property float z")
                .header("element face 5")
                .header("property list uchar uint vertex_index");
        for (int i = 0; i < 6; i++) {
            ply.value("float", i).value("float", 2 * i).value("float", -i).endLine();
        }
        // triangles first and last: binary files read leading triangles in a run, then value by value
        ply.list("uchar", "uint", 4, 0, 2).endLine();
        ply.list("uchar", "uint", 0, 1, 2, 3).endLine();
        ply.list("uchar", "uint", 5, 4, 3, 2, 1).endLine();
        ply.list("uchar", "uint", 1, 3, 5).endLine();
        ply.list("uchar", "uint", 0, 1, 5, 4).endLine();
        Mesh mesh = PlyReader.read(ply.write(dir, "polygons.ply"));
        assertArrayEquals(new int[] {4, 0, 2, 0, 1, 2, 0, 2, 3, 5, 4, 3, 5, 3, 2, 5, 2, 1, 1, 3, 5, 0, 1, 5, 0, 5, 4},
                mesh.triangles());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void facesMayComeBeforeVerticesAndFacesMayBeAbsent(Encoding encoding) throws IOException {
        PlyBytes facesFirst = encoding.builder()
                .header("element face 1").header("property list uchar int vertex_indices");
        withPlainVertices(facesFirst);
        facesFirst.list("uchar", "int", 3, 0, 1).endLine();
        putPlainVertices(facesFirst);
        Mesh mesh = PlyReader.read(facesFirst.write(dir, "faces_first.ply"));
        assertArrayEquals(new int[] {3, 0, 1}, mesh.triangles());
        assertEquals(SQUARE[3][1], mesh.y(3));

        PlyBytes points = withPlainVertices(encoding.builder());
        putPlainVertices(points);
        Mesh cloud = PlyReader.read(points.write(dir, "points.ply"));
        assertEquals(4, cloud.vertexCount());
        assertEquals(0, cloud.faceCount());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void crlfHeaderLinesAreAccepted(Encoding encoding) throws IOException {
        PlyBytes ply = withPlainVertices(encoding.builder())
                .header("comment line ends are CRLF")
                .header("element face 1").header("property list uchar int vertex_indices");
        putPlainVertices(ply);
        ply.list("uchar", "int", 0, 1, 3).endLine();
        Path file = Files.write(dir.resolve("crlf.ply"), ply.bytes("\r\n"));
        Mesh mesh = PlyReader.read(file);
        assertArrayEquals(new int[] {0, 1, 3}, mesh.triangles());
        assertEquals(SQUARE[0][0], mesh.x(0));
    }

    @Test
    void binaryBodyMayContainLineEndBytes() throws IOException {
        // 0x0A and 0x0D inside binary data must not be taken for line ends
        PlyBytes ply = PlyBytes.binary(ByteOrder.LITTLE_ENDIAN)
                .header("element vertex 3").header("property uchar x").header("property uchar y").header("property uchar z")
                .header("element face 1").header("property list uchar uchar vertex_indices");
        ply.value("uchar", 10).value("uchar", 13).value("uchar", 10);
        ply.value("uchar", 13).value("uchar", 13).value("uchar", 10);
        ply.value("uchar", 0).value("uchar", 10).value("uchar", 255);
        ply.list("uchar", "uchar", 0, 1, 2);
        Mesh mesh = PlyReader.read(Files.write(dir.resolve("newlines.ply"), ply.bytes("\r\n")));
        assertArrayEquals(new float[] {10, 13, 10, 13, 13, 10, 0, 10, 255}, mesh.positions());
    }

    @Test
    void asciiBodiesMayUseTabsRunsOfBlanksCrlfAndTrailingBlankLines() throws IOException {
        String text = "ply\r\nformat ascii 1.0\r\nelement vertex 3\r\nproperty float x\r\nproperty float y\r\n"
                + "property float z\r\nelement face 1\r\nproperty list uchar int vertex_indices\r\nend_header\r\n"
                + "  1\t2   3 \r\n4e0 5.0 +6\r\n-7 .5 9.\r\n3\t0 1 2\r\n\r\n\n";
        Mesh mesh = PlyReader.read(Files.writeString(dir.resolve("blanks.ply"), text, StandardCharsets.US_ASCII));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, -7, 0.5f, 9}, mesh.positions());
        assertArrayEquals(new int[] {0, 1, 2}, mesh.triangles());
    }
}
