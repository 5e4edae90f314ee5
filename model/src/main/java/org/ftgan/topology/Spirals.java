package org.ftgan.topology;

/**
 * SpiralNet++ neighbourhoods of one mesh level: row {@code v} holds the {@code length} vertex
 * indices that SpiralConv gathers for vertex {@code v} (the vertex itself first).
 *
 * <p>Stored flat, row-major ({@code indices[v * length + k]}), because the network's gather loop
 * walks it linearly.
 */
public record Spirals(int vertexCount, int length, int[] indices) {
    public Spirals {
        if (indices.length != vertexCount * length) {
            throw new IllegalArgumentException("expected " + vertexCount + " x " + length + " indices, got " + indices.length);
        }
    }

    public int at(int vertex, int k) {
        return indices[vertex * length + k];
    }
}
