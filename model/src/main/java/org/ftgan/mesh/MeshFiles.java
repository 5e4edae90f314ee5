package org.ftgan.mesh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes meshes choosing the format from the file extension, {@code .ply} or {@code .obj}
 * (any case). PLY files are written binary little-endian; per-vertex values go into a PLY vertex
 * property of the given name, or into OBJ texture coordinates (see {@link ObjWriter}).
 */
public final class MeshFiles {
    private enum Format { PLY, OBJ }

    private MeshFiles() {
    }

    public static Mesh read(Path file) throws IOException {
        return switch (formatOf(file)) {
            case PLY -> PlyReader.read(file);
            case OBJ -> ObjReader.read(file);
        };
    }

    /**
     * Reads the mesh with its per-vertex values: the PLY vertex property {@code property}, or the OBJ
     * texture coordinates written by {@link ObjWriter} (the name is not stored in OBJ files).
     * {@code values} is null when the file has none.
     */
    public static MeshWithValues readWithValues(Path file, String property) throws IOException {
        return switch (formatOf(file)) {
            case PLY -> PlyReader.readWithProperty(file, property);
            case OBJ -> ObjReader.readWithValues(file);
        };
    }

    public static void write(Path file, Mesh mesh) throws IOException {
        write(file, mesh, null, null);
    }

    /**
     * @param property name of the per-vertex values (PLY property name; not stored in OBJ), or null
     * @param values   one value per vertex, or null
     */
    public static void write(Path file, Mesh mesh, String property, float[] values) throws IOException {
        switch (formatOf(file)) {
            case PLY -> PlyWriter.write(file, mesh, property, values, PlyWriter.Encoding.BINARY_LITTLE_ENDIAN);
            case OBJ -> {
                if ((property == null) != (values == null)) {
                    throw new IllegalArgumentException("per-vertex values need both a name and values");
                }
                ObjWriter.write(file, mesh, values);
            }
        }
    }

    private static Format formatOf(Path file) throws MeshFormatException {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ply")) {
            return Format.PLY;
        }
        if (lower.endsWith(".obj")) {
            return Format.OBJ;
        }
        throw new MeshFormatException(file, null, "unsupported mesh file extension, expected .ply or .obj");
    }
}
