package org.ftgan.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every writer's output read back by the matching reader gives the very same numbers. */
class MeshRoundTripTest {
    @TempDir
    Path dir;

    /** An icosphere with awkward coordinates (many significant digits, tiny and huge magnitudes). */
    private static Mesh awkwardMesh() {
        Mesh sphere = MeshShapes.icosphere(2);
        float[] p = sphere.positions().clone();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (p[i] * Math.pow(10, random.nextInt(-12, 12)) + random.nextDouble() * 1e-3);
        }
        p[0] = -0.0f;
        p[1] = Float.MIN_VALUE;
        p[2] = Float.MAX_VALUE;
        return sphere.withPositions(p);
    }

    private static float[] values(int n) {
        SplittableRandom random = new SplittableRandom(6);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 3);
        }
        v[0] = Float.NaN;
        v[1] = Float.NEGATIVE_INFINITY;
        return v;
    }

    private static void assertSameFloats(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "value " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(PlyWriter.Encoding.class)
    void plyRoundTripsWithoutProperty(PlyWriter.Encoding encoding) throws IOException {
        Mesh mesh = awkwardMesh();
        Path file = dir.resolve("mesh.ply");
        PlyWriter.write(file, mesh, null, null, encoding);
        Mesh back = PlyReader.read(file);
        assertSameFloats(mesh.positions(), back.positions());
        assertArrayEquals(mesh.triangles(), back.triangles());
        assertNull(PlyReader.readWithProperty(file, "error").values());
    }

    @ParameterizedTest
    @EnumSource(PlyWriter.Encoding.class)
    void plyRoundTripsWithProperty(PlyWriter.Encoding encoding) throws IOException {
        Mesh mesh = awkwardMesh();
        float[] values = values(mesh.vertexCount());
        Path file = dir.resolve("error_map.ply");
        PlyWriter.write(file, mesh, "error", values, encoding);
        MeshWithValues back = PlyReader.readWithProperty(file, "error");
        assertSameFloats(mesh.positions(), back.mesh().positions());
        assertArrayEquals(mesh.triangles(), back.mesh().triangles());
        assertSameFloats(values, back.values());
        assertNull(PlyReader.readWithProperty(file, "other").values());
        assertSameFloats(mesh.positions(), PlyReader.read(file).positions());
    }

    @Test
    void filesLargerThanOneReadSliceRoundTrip() throws IOException {
        // about 13 MB: the reader fills its buffer in several 4 MB slices
        Mesh mesh = MeshShapes.grid(600, 600, 0.01f);
        float[] values = values(mesh.vertexCount());
        Path file = dir.resolve("large.ply");
        PlyWriter.write(file, mesh, "error", values, PlyWriter.Encoding.BINARY_LITTLE_ENDIAN);
        assertTrue(Files.size(file) > 3 * (4 << 20));
        MeshWithValues back = PlyReader.readWithProperty(file, "error");
        assertSameFloats(mesh.positions(), back.mesh().positions());
        assertArrayEquals(mesh.triangles(), back.mesh().triangles());
        assertSameFloats(values, back.values());
    }

    @Test
    void bigEndianFileStoresMostSignificantBytesFirst() throws IOException {
        Mesh mesh = MeshShapes.scaledAndMoved(MeshShapes.grid(3, 3, 0.5f), 1f, 1.25f, 2f, 3f);
        Path big = dir.resolve("big.ply");
        Path little = dir.resolve("little.ply");
        PlyWriter.write(big, mesh, null, null, PlyWriter.Encoding.BINARY_BIG_ENDIAN);
        PlyWriter.write(little, mesh, null, null, PlyWriter.Encoding.BINARY_LITTLE_ENDIAN);
        assertEquals(mesh.x(0), firstBodyFloat(big, "format binary_big_endian 1.0\n", ByteOrder.BIG_ENDIAN));
        assertEquals(mesh.x(0), firstBodyFloat(little, "format binary_little_endian 1.0\n", ByteOrder.LITTLE_ENDIAN));
        assertArrayEquals(PlyReader.read(little).positions(), PlyReader.read(big).positions());
    }

    private static float firstBodyFloat(Path file, String formatLine, ByteOrder order) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(formatLine), text.substring(0, 60));
        int bodyStart = text.indexOf("end_header\n") + "end_header\n".length();
        return ByteBuffer.wrap(bytes).order(order).getFloat(bodyStart);
    }

    @Test
    void objRoundTripsExactlyWithoutValues() throws IOException {
        Mesh mesh = awkwardMesh();
        Path file = dir.resolve("mesh.obj");
        ObjWriter.write(file, mesh);
        MeshWithValues back = ObjReader.readWithValues(file);
        assertSameFloats(mesh.positions(), back.mesh().positions());
        assertArrayEquals(mesh.triangles(), back.mesh().triangles());
        assertNull(back.values());
    }

    @Test
    void objRoundTripsValuesThroughTextureCoordinates() throws IOException {
        Mesh mesh = awkwardMesh();
        float[] values = values(mesh.vertexCount());
        Path file = dir.resolve("error_map.obj");
        ObjWriter.write(file, mesh, values);
        String text = Files.readString(file);
        assertTrue(text.contains("\nvt " + values[2] + " 0\n"), "vt value 0 lines");
        int[] t = mesh.triangles();
        assertTrue(text.contains("\nf " + (t[0] + 1) + "/" + (t[0] + 1) + " " + (t[1] + 1) + "/" + (t[1] + 1) + " "), "f a/a b/b c/c");
        MeshWithValues back = ObjReader.readWithValues(file);
        assertSameFloats(mesh.positions(), back.mesh().positions());
        assertArrayEquals(mesh.triangles(), back.mesh().triangles());
        assertSameFloats(values, back.values());
    }

    @Test
    void meshFilesDispatchesOnTheExtensionInAnyCase() throws IOException {
        Mesh mesh = awkwardMesh();
        float[] values = values(mesh.vertexCount());
        for (String name : new String[] {"a.ply", "b.PLY", "c.obj", "d.Obj"}) {
            Path plain = dir.resolve("plain_" + name);
            MeshFiles.write(plain, mesh);
            assertSameFloats(mesh.positions(), MeshFiles.read(plain).positions());
            assertArrayEquals(mesh.triangles(), MeshFiles.read(plain).triangles());

            Path withValues = dir.resolve("values_" + name);
            MeshFiles.write(withValues, mesh, "error", values);
            MeshWithValues back = MeshFiles.readWithValues(withValues, "error");
            assertSameFloats(values, back.values());
            assertArrayEquals(mesh.triangles(), back.mesh().triangles());
        }
        byte[] head = Files.readAllBytes(dir.resolve("plain_a.ply"));
        assertTrue(new String(head, 0, 40, StandardCharsets.ISO_8859_1).startsWith("ply\nformat binary_little_endian 1.0\n"));
        assertTrue(Files.readString(dir.resolve("plain_c.obj")).contains("\nv "));
    }

    @Test
    void unknownExtensionNamesTheFileAndTheSupportedOnes() {
        Path stl = dir.resolve("mesh.stl");
        MeshFormatException read = assertThrows(MeshFormatException.class, () -> MeshFiles.read(stl));
        assertTrue(read.getMessage().startsWith(stl + ": "), read.getMessage());
        assertTrue(read.getMessage().contains(".ply or .obj"), read.getMessage());
        MeshFormatException write = assertThrows(MeshFormatException.class,
                () -> MeshFiles.write(dir.resolve("mesh"), MeshShapes.grid(2, 2, 1f)));
        assertTrue(write.getMessage().contains("mesh: unsupported mesh file extension, expected .ply or .obj"), write.getMessage());
        assertTrue(Files.notExists(dir.resolve("mesh")));
    }
}
