package org.ftgan.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjReaderTest {
    @TempDir
    Path dir;

    private Path obj(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
    }

    private void failsWith(Path file, String location, String... phrases) {
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> ObjReader.read(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": " + location + ": "), message);
        assertEquals(location, e.location());
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), "'" + phrase + "' in: " + message);
        }
    }

    private static final String[] FOUR_VERTICES = {"v 0 0 0", "v 1 0 0", "v 1 1 0", "v 0 1 0"};

    @Test
    void readsEveryFaceFormAndIgnoresWhatItDoesNotNeed() throws IOException {
        Path file = obj("forms.obj",
                "# exported by hand",
                "mtllib face.mtl",
                "o head",
                "",
                "v 0.5 -1 2 1.0",
                "v 1 2 3 0.2 0.4 0.6",
                "v -4e-2 5 6 0.1 0.2 0.3 1.0",
                "  v\t7  8\t9  ",
                "vt 0.1 0.2",
                "vt 0.3",
                "vt 0.5 0.6 0",
                "vt 0.7 0.8",
                "vn 0 0 1",
                "vn 0 1 0",
                "g skin",
                "usemtl skin",
                "s 1",
                "f 1 2 3",
                "f 1/1 2/2 4/4",
                "s off",
                "f 2//1 3//2 4//1",
                "f 4/4/2 3/3/1 1/1/1 # trailing comment",
                "l 1 2",
                "p 3",
                "#f 9 9 9");
        Mesh mesh = ObjReader.read(file);
        assertArrayEquals(new float[] {0.5f, -1, 2, 1, 2, 3, -4e-2f, 5, 6, 7, 8, 9}, mesh.positions());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 3, 1, 2, 3, 3, 2, 0}, mesh.triangles());
    }

    @Test
    void negativeIndicesCountBackFromTheLatestElement() throws IOException {
        Path file = obj("relative.obj",
                "v 0 0 0", "v 1 0 0", "v 1 1 0",
                "vt 0 0", "vt 1 0", "vt 1 1",
                "vn 0 0 1",
                "f -3/-3/-1 -2/-2/-1 -1/-1/-1",
                "v 0 1 0",
                "f -4 -2 -1",
                "f 1//-1 -1//1 3//1");
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 0, 3, 2}, ObjReader.read(file).triangles());
    }

    @Test
    void polygonsAreFanTriangulated() throws IOException {
        Path file = obj("polygons.obj", "v 0 0 0", "v 1 0 0", "v 2 1 0", "v 1 2 0", "v 0 1 0",
                "f 1 2 3 4", "f 5 4 3 2 1");
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 4, 3, 2, 4, 2, 1, 4, 1, 0}, ObjReader.read(file).triangles());
    }

    @Test
    void crlfLinesAndBackslashContinuationsAreAccepted() throws IOException {
        Path file = Files.writeString(dir.resolve("crlf.obj"),
                "v 0 0 0\r\nv 1 0 \\\r\n 0\r\nv 1 1 0\r\nv 0 1 0\nf 1 2 \\\n3 \\\n 4\r\n\r\nf 4 3\\\n 2\n",
                StandardCharsets.US_ASCII);
        Mesh mesh = ObjReader.read(file);
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, mesh.positions());
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 3, 2, 1}, mesh.triangles());
    }

    @Test
    void valuesComeOnlyFromOneTextureCoordinatePerVertexUsedByItsOwnVertex() throws IOException {
        Path own = obj("own.obj", "v 0 0 0", "v 1 0 0", "v 1 1 0", "vt 0.25 0", "vt -1.5 0", "vt 8 0",
                "f 1/1 2/2 3/3");
        assertArrayEquals(new float[] {0.25f, -1.5f, 8f}, ObjReader.readWithValues(own).values());
        Path uvMap = obj("uvmap.obj", "v 0 0 0", "v 1 0 0", "v 1 1 0", "vt 0.25 0", "vt -1.5 0", "vt 8 0",
                "f 1/2 2/3 3/1");
        assertNull(ObjReader.readWithValues(uvMap).values());
        Path fewer = obj("fewer.obj", "v 0 0 0", "v 1 0 0", "v 1 1 0", "vt 0.25 0", "f 1/1 2/1 3/1");
        assertNull(ObjReader.readWithValues(fewer).values());
        assertNull(ObjReader.readWithValues(obj("none.obj", FOUR_VERTICES)).values());
    }

    @Test
    void emptyFileOrNoVertices() throws IOException {
        failsWith(Files.write(dir.resolve("empty.obj"), new byte[0]), "line 1", "empty file");
        failsWith(obj("comments.obj", "# nothing", "g nothing", ""), "line 4", "no vertices");
    }

    @Test
    void malformedVertexLines() throws IOException {
        failsWith(obj("abc.obj", "v 1 2 3", "v 1 abc 3"), "line 2", "expected a number for the y coordinate, got \"abc\"");
        failsWith(obj("short.obj", "v 1 2 3", "v 1 2"), "line 2", "expected a number for the z coordinate, got the end of the line");
        failsWith(obj("bare.obj", "v"), "line 1", "expected a number for the x coordinate");
        failsWith(obj("long.obj", "v 1 2 3 4 5 6 7 8"), "line 1", "too many values in a v line", "\"8\"");
        failsWith(obj("colour.obj", "v 1 2 3 red"), "line 1", "expected a number for a vertex weight or colour value, got \"red\"");
        failsWith(obj("comma.obj", "v 1,5 2 3"), "line 1", "expected a number for the x coordinate, got \"1,5\"");
        failsWith(obj("vn.obj", "v 1 2 3", "vn 0 0"), "line 2", "the z normal component");
        failsWith(obj("vt.obj", "v 1 2 3", "vt"), "line 2", "the u texture coordinate");
        failsWith(obj("vt3.obj", "v 1 2 3", "vt 1 2 3 4"), "line 2", "too many values in a vt line");
    }

    @Test
    void faceReferencingMissingElements() throws IOException {
        failsWith(obj("high.obj", "v 0 0 0", "v 1 0 0", "v 1 1 0", "f 1 2 3", "f 1 2 4"), "line 5",
                "face corner \"4\" refers to vertex 4, but only 3 vertices are defined before this line");
        failsWith(obj("forward.obj", "v 0 0 0", "v 1 0 0", "f 1 2 3", "v 1 1 0"), "line 3", "refers to vertex 3");
        failsWith(obj("relative.obj", "v 0 0 0", "v 1 0 0", "v 1 1 0", "f -1 -2 -4"), "line 4",
                "refers to vertex -4 (relative), but only 3 vertices");
        failsWith(obj("zero.obj", "v 0 0 0", "v 1 0 0", "v 1 1 0", "f 0 1 2"), "line 4", "index 0; OBJ indices start at 1");
    }

    /** psbody-style writers name the vertex's number for its texture coordinate and normal too, defined or not. */
    @Test
    void textureAndNormalReferencesTheFileNeverDefinesAreIgnored() throws IOException {
        Mesh m = ObjReader.read(obj("psbody.obj", FOUR_VERTICES[0], FOUR_VERTICES[1], FOUR_VERTICES[2], FOUR_VERTICES[3],
                "vt 0 0", "f 1/1/1 2/2/2 3/3/3", "f 1/1/1 3/3/3 4/1/4", "f -4/-9/-1 -2//7 -1/5/5"));
        assertEquals(4, m.vertexCount());
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 0, 2, 3}, m.triangles());
        MeshWithValues withValues = ObjReader.readWithValues(obj("partial-uv.obj", FOUR_VERTICES[0], FOUR_VERTICES[1],
                FOUR_VERTICES[2], "vt 0.5", "vt 0.25", "vt 0.125", "f 1/1 2/2 3/9"));
        assertNull(withValues.values(), "a corner naming an undefined texture coordinate is no per-vertex value");
        // still malformed: an index that is no index, or 0
        failsWith(obj("zero-vt.obj", FOUR_VERTICES[0], FOUR_VERTICES[1], FOUR_VERTICES[2], "f 1/0 2/1 3/1"), "line 4",
                "index 0; OBJ indices start at 1");
    }

    @Test
    void nanAndInfiniteCoordinatesAreRefusedWithTheirLine() throws IOException {
        failsWith(obj("nan.obj", "v 0 0 0", "v 1 nan 0", "v 1 1 0", "f 1 2 3"), "line 2",
                "expected a finite number for the y coordinate, got \"nan\"");
        failsWith(obj("inf.obj", "v 0 0 0", "v 1 0 0", "v 1 1 -inf", "f 1 2 3"), "line 3",
                "expected a finite number for the z coordinate, got \"-inf\"");
        failsWith(obj("huge.obj", "v 1e39 0 0"), "line 1", "expected a finite number for the x coordinate, got \"1e39\"");
    }

    @Test
    void malformedFaces() throws IOException {
        for (String corner : new String[] {"1/", "1/1/1/1", "a", "1/b", "1//", "/1", "1.0", "1//x"}) {
            String[] lines = {FOUR_VERTICES[0], FOUR_VERTICES[1], FOUR_VERTICES[2], "vt 0 0", "vn 0 0 1", "f 1 2 " + corner};
            failsWith(obj("corner.obj", lines), "line 6", "expected a face corner like 3, 3/1, 3//2 or 3/1/2, got \"" + corner + "\"");
        }
        failsWith(obj("two.obj", "v 0 0 0", "v 1 0 0", "f 1 2"), "line 3", "face has 2 corners, expected at least 3");
        failsWith(obj("none.obj", "v 0 0 0", "f"), "line 2", "face has 0 corners");
    }

    @Test
    void unknownStatement() throws IOException {
        failsWith(obj("unknown.obj", "v 0 0 0", "vx 1 2 3"), "line 2", "unknown statement \"vx\"");
        failsWith(obj("ply.obj", "ply", "format ascii 1.0"), "line 1", "unknown statement \"ply\"");
    }

    @Test
    void lineNumbersCountContinuationLines() throws IOException {
        Path file = Files.writeString(dir.resolve("cont.obj"), "v 0 0 \\\n0\nv 1 \\\n\\\n x 0\n", StandardCharsets.US_ASCII);
        failsWith(file, "line 5", "expected a number for the y coordinate, got \"x\"");
    }
}
