package org.ftgan.topology;

/**
 * Builds SpiralNet++ spirals from a mesh's rotational 1-rings.
 *
 * <p>The spiral of vertex v is collected ring after ring until it holds {@code length * dilation}
 * vertices, then every {@code dilation}-th one is kept (SpiralNet++'s {@code spiral[:L*d][::d]}):
 * <ol>
 * <li>v itself (ring 0);</li>
 * <li>ring 1: v's 1-ring in rotational order ({@link MeshTopology#ring}: counter-clockwise,
 * from the lowest-index neighbour);</li>
 * <li>ring k + 1: for each vertex u of ring k, in the order ring k was collected, walk u's
 * rotational 1-ring once around, starting just after the neighbours already collected, and append
 * every vertex not yet in the spiral. "Just after the neighbours already collected" is the first
 * position of u's ring (scanning from its start) whose predecessor, cyclically, is already in the
 * spiral and which is not; when there is no such position (none or all collected) the walk starts
 * at the ring's start.</li>
 * </ol>
 * On a regular interior patch the neighbours of u already collected form one arc (the previous
 * ring and the part of the new ring collected so far), so the walk resumes exactly where the
 * spiral left off and keeps turning in the direction of ring 1, as SpiralNet++'s {@code _next_ring}
 * does (it starts after the first last-ring neighbour in the circulator's order; this rule starts
 * after the whole collected arc, which also skips the new-ring vertices an earlier u appended).
 *
 * <p>A spiral that runs out of vertices (boundary, small component, isolated vertex) is padded to
 * {@code length} by repeating its last kept index (MODEL.md; SpiralNet++ instead falls back to the
 * nearest vertices in space, which can cross into another component). With a dilation, padding
 * repeats the last index kept after the dilation.
 */
public final class SpiralBuilder {
    /** SpiralNet++ spiral length (MODEL.md). */
    public static final int DEFAULT_LENGTH = 9;
    /** No dilation (MODEL.md). */
    public static final int DEFAULT_DILATION = 1;

    private SpiralBuilder() {
    }

    /** Spirals of length 9, dilation 1. */
    public static Spirals build(MeshTopology topology) {
        return build(topology, DEFAULT_LENGTH, DEFAULT_DILATION);
    }

    /** Spirals of {@code length} indices per vertex, taking every {@code dilation}-th collected vertex. */
    public static Spirals build(MeshTopology topology, int length, int dilation) {
        if (length < 1) {
            throw new IllegalArgumentException("spiral length must be at least 1, got " + length);
        }
        if (dilation < 1) {
            throw new IllegalArgumentException("spiral dilation must be at least 1, got " + dilation);
        }
        long span = (long) length * dilation;
        if (span > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("spiral length x dilation " + span + " is too large");
        }
        int vertexCount = topology.vertexCount();
        int[] offsets = topology.ringOffsets();
        int[] rings = topology.ringIndices();
        int[] out = new int[Math.multiplyExact(vertexCount, length)];
        int[] collected = new int[(int) span];
        // inSpiral[w] == v + 1 when w is already in v's spiral: no clearing between vertices
        int[] inSpiral = new int[vertexCount];
        for (int v = 0; v < vertexCount; v++) {
            int stamp = v + 1;
            int n = 0;
            collected[n++] = v;
            inSpiral[v] = stamp;
            int ringStart = 0;
            int ringEnd = 1;
            while (n < span && ringEnd > ringStart) {
                for (int i = ringStart; i < ringEnd && n < span; i++) {
                    int u = collected[i];
                    int begin = offsets[u];
                    int degree = offsets[u + 1] - begin;
                    int first = resumePosition(rings, begin, degree, inSpiral, stamp);
                    for (int k = 0; k < degree && n < span; k++) {
                        int p = first + k;
                        int w = rings[begin + (p < degree ? p : p - degree)];
                        if (inSpiral[w] != stamp) {
                            inSpiral[w] = stamp;
                            collected[n++] = w;
                        }
                    }
                }
                ringStart = ringEnd;
                ringEnd = n;
            }
            int row = v * length;
            int kept = 0;
            for (int i = 0; i < n && kept < length; i += dilation) {
                out[row + kept++] = collected[i];
            }
            for (int k = kept; k < length; k++) {
                out[row + k] = out[row + kept - 1];
            }
        }
        return new Spirals(vertexCount, length, out);
    }

    /** First ring position whose cyclic predecessor is in the spiral and which is not; 0 if none. */
    private static int resumePosition(int[] rings, int begin, int degree, int[] inSpiral, int stamp) {
        for (int p = 0; p < degree; p++) {
            int previous = rings[begin + (p == 0 ? degree - 1 : p - 1)];
            if (inSpiral[previous] == stamp && inSpiral[rings[begin + p]] != stamp) {
                return p;
            }
        }
        return 0;
    }
}
