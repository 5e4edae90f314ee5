package org.ftgan.mesh;

/**
 * A mesh read from a file together with one float per vertex (for example the error value of an
 * error-map mesh), or with {@code values == null} when the file does not carry them.
 */
public record MeshWithValues(Mesh mesh, float[] values) {
    public MeshWithValues {
        if (mesh == null) {
            throw new IllegalArgumentException("mesh must not be null");
        }
        if (values != null && values.length != mesh.vertexCount()) {
            throw new IllegalArgumentException(values.length + " values for " + mesh.vertexCount() + " vertices");
        }
    }
}
