package org.ftgan.topology;

import java.util.Arrays;
import org.ftgan.mesh.Mesh;

/**
 * Connectivity of a triangle mesh, built once per template: rotational 1-rings, undirected edges,
 * uniform-Laplacian neighbour lists, boundary, non-manifold vertices and connected components.
 *
 * <p>Everything is stored in flat int arrays; per-vertex lists are CSR (compressed sparse rows):
 * the entries of vertex v are {@code indices[offsets[v] .. offsets[v + 1] - 1]}. Arrays returned
 * by the accessors are the internal ones, not copies: callers must not modify them.
 *
 * <ul>
 * <li><b>Ring</b> ({@link #ringOffsets()}, {@link #ringIndices()}): the neighbours of v in
 * counter-clockwise order for the face winding (for face (v, a, b), b follows a), each neighbour
 * once, starting at the lowest-index neighbour; see {@link FanOrdering} for boundary and
 * non-manifold vertices. A vertex used by no face has an empty ring.</li>
 * <li><b>Laplacian neighbours</b> ({@link #neighbourOffsets()}, {@link #neighbourIndices()}): the
 * same 1-ring as a set, sorted by increasing index (same offsets as the ring).</li>
 * <li><b>Edges</b> ({@link #edges()}): every undirected edge once, as (a, b) with a &lt; b, sorted
 * by a then b.</li>
 * <li><b>Boundary</b>: an edge is a boundary edge when exactly one face holds it; a boundary vertex
 * is an end of a boundary edge. {@link #boundaryEdges()} orients each pair as the edge runs in its
 * face's winding, listed in the order of {@link #edges()}.</li>
 * <li><b>Components</b>: vertices joined by edges; ids are given in order of each component's
 * lowest vertex index; a vertex used by no face is a component of its own.</li>
 * </ul>
 *
 * <p>Faces that repeat a vertex (degenerate, zero area) are ignored: they carry no rotational
 * order, and their edges (if any) are counted only through the proper faces that also hold them.
 */
public final class MeshTopology {
    private final int vertexCount;
    private final int[] ringOffsets;
    private final int[] ringIndices;
    private final int[] neighbourIndices;
    private final int[] edges;
    private final boolean[] boundaryVertex;
    private final int boundaryVertexCount;
    private final int[] boundaryEdges;
    private final int boundaryLoopCount;
    private final boolean[] nonManifoldVertex;
    private final int nonManifoldVertexCount;
    private final int[] componentIds;
    private final int componentCount;
    private final int ignoredDegenerateFaces;

    private MeshTopology(Builder b) {
        this.vertexCount = b.vertexCount;
        this.ringOffsets = b.ringOffsets;
        this.ringIndices = b.ringIndices;
        this.neighbourIndices = b.neighbourIndices;
        this.edges = b.edges;
        this.boundaryVertex = b.boundaryVertex;
        this.boundaryVertexCount = b.boundaryVertexCount;
        this.boundaryEdges = b.boundaryEdges;
        this.boundaryLoopCount = b.boundaryLoopCount;
        this.nonManifoldVertex = b.nonManifoldVertex;
        this.nonManifoldVertexCount = b.nonManifoldVertexCount;
        this.componentIds = b.componentIds;
        this.componentCount = b.componentCount;
        this.ignoredDegenerateFaces = b.degenerateFaces;
    }

    /** The connectivity of a mesh's triangles (positions are not used). */
    public static MeshTopology of(Mesh mesh) {
        return of(mesh.vertexCount(), mesh.triangles());
    }

    /**
     * The connectivity of {@code vertexCount} vertices joined by {@code triangles} (3 indices per
     * face, counter-clockwise seen from outside).
     */
    public static MeshTopology of(int vertexCount, int[] triangles) {
        if (vertexCount < 0) {
            throw new IllegalArgumentException("vertex count must not be negative, got " + vertexCount);
        }
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles length " + triangles.length + " is not a multiple of 3");
        }
        for (int i = 0; i < triangles.length; i++) {
            if (triangles[i] < 0 || triangles[i] >= vertexCount) {
                throw new IllegalArgumentException("face " + (i / 3) + " refers to vertex " + triangles[i]
                        + " but there are " + vertexCount + " vertices");
            }
        }
        return new MeshTopology(new Builder(vertexCount, triangles));
    }

    public int vertexCount() {
        return vertexCount;
    }

    /** Number of neighbours of vertex v. */
    public int degree(int v) {
        return ringOffsets[v + 1] - ringOffsets[v];
    }

    /** The k-th neighbour of v in rotational order. */
    public int ringAt(int v, int k) {
        if (k < 0 || k >= degree(v)) {
            throw new IndexOutOfBoundsException("vertex " + v + " has " + degree(v) + " neighbours, asked for " + k);
        }
        return ringIndices[ringOffsets[v] + k];
    }

    /** The rotational 1-ring of v (a copy). */
    public int[] ring(int v) {
        return Arrays.copyOfRange(ringIndices, ringOffsets[v], ringOffsets[v + 1]);
    }

    /** CSR offsets of the rings ({@code vertexCount + 1} entries). */
    public int[] ringOffsets() {
        return ringOffsets;
    }

    /** CSR entries of the rings, rotational order. */
    public int[] ringIndices() {
        return ringIndices;
    }

    /** CSR offsets of the uniform-Laplacian neighbour lists (the same array as {@link #ringOffsets()}). */
    public int[] neighbourOffsets() {
        return ringOffsets;
    }

    /** CSR entries of the uniform-Laplacian neighbour lists, increasing index per vertex. */
    public int[] neighbourIndices() {
        return neighbourIndices;
    }

    public int edgeCount() {
        return edges.length / 2;
    }

    /** Undirected edges, flat (a0, b0, a1, b1, ...), a &lt; b, sorted by a then b. */
    public int[] edges() {
        return edges;
    }

    public boolean isBoundaryVertex(int v) {
        return boundaryVertex[v];
    }

    public int boundaryVertexCount() {
        return boundaryVertexCount;
    }

    public int boundaryEdgeCount() {
        return boundaryEdges.length / 2;
    }

    /**
     * Boundary edges, flat (a0, b0, a1, b1, ...), each oriented as it runs in its only face,
     * in the order of {@link #edges()}.
     */
    public int[] boundaryEdges() {
        return boundaryEdges;
    }

    /**
     * Number of connected pieces of the boundary-edge graph: the boundary loops of a manifold
     * mesh (1 for a grid, 2 for a grid with a hole, 0 for a closed surface).
     */
    public int boundaryLoopCount() {
        return boundaryLoopCount;
    }

    /** True when v has several fans, or a neighbour met twice (an edge held by 3+ faces, or mixed winding). */
    public boolean isNonManifoldVertex(int v) {
        return nonManifoldVertex[v];
    }

    public int nonManifoldVertexCount() {
        return nonManifoldVertexCount;
    }

    public int componentOf(int v) {
        return componentIds[v];
    }

    /** Component id of every vertex. */
    public int[] componentIds() {
        return componentIds;
    }

    public int componentCount() {
        return componentCount;
    }

    /** Faces left out because they repeat a vertex. */
    public int ignoredDegenerateFaces() {
        return ignoredDegenerateFaces;
    }

    /** One pass over the faces; the fields it fills become the topology's. */
    private static final class Builder {
        final int vertexCount;
        int[] ringOffsets;
        int[] ringIndices;
        int[] neighbourIndices;
        int[] edges;
        boolean[] boundaryVertex;
        int boundaryVertexCount;
        int[] boundaryEdges;
        int boundaryLoopCount;
        boolean[] nonManifoldVertex;
        int nonManifoldVertexCount;
        int[] componentIds;
        int componentCount;
        int degenerateFaces;

        Builder(int vertexCount, int[] triangles) {
            this.vertexCount = vertexCount;
            int[] cornerOffsets = new int[vertexCount + 1];
            for (int i = 0; i < triangles.length; i += 3) {
                int a = triangles[i];
                int b = triangles[i + 1];
                int c = triangles[i + 2];
                if (a == b || b == c || c == a) {
                    degenerateFaces++;
                    continue;
                }
                cornerOffsets[a + 1]++;
                cornerOffsets[b + 1]++;
                cornerOffsets[c + 1]++;
            }
            for (int v = 0; v < vertexCount; v++) {
                cornerOffsets[v + 1] += cornerOffsets[v];
            }
            int corners = cornerOffsets[vertexCount];
            // corner of v in face (v, x, y): the step x -> y around v
            int[] stepFrom = new int[corners];
            int[] stepTo = new int[corners];
            int[] cursor = Arrays.copyOf(cornerOffsets, vertexCount);
            for (int i = 0; i < triangles.length; i += 3) {
                int a = triangles[i];
                int b = triangles[i + 1];
                int c = triangles[i + 2];
                if (a == b || b == c || c == a) {
                    continue;
                }
                stepFrom[cursor[a]] = b;
                stepTo[cursor[a]++] = c;
                stepFrom[cursor[b]] = c;
                stepTo[cursor[b]++] = a;
                stepFrom[cursor[c]] = a;
                stepTo[cursor[c]++] = b;
            }
            buildRings(cornerOffsets, stepFrom, stepTo);
            buildComponents();
            buildBoundaryLoops();
        }

        private void buildRings(int[] cornerOffsets, int[] stepFrom, int[] stepTo) {
            ringOffsets = new int[vertexCount + 1];
            // a vertex with k corners has at most 2k neighbours
            int[] rings = new int[2 * cornerOffsets[vertexCount]];
            int[] sorted = new int[rings.length];
            int[] emitted = new int[vertexCount];
            int[] facesOnEdge = new int[vertexCount];
            int[] edgeRunsOut = new int[vertexCount];
            boundaryVertex = new boolean[vertexCount];
            nonManifoldVertex = new boolean[vertexCount];
            int[] edgeBuffer = new int[rings.length];
            int edgeLength = 0;
            int[] boundaryBuffer = new int[rings.length];
            int boundaryLength = 0;
            FanOrdering fans = new FanOrdering();
            int written = 0;
            for (int v = 0; v < vertexCount; v++) {
                int start = cornerOffsets[v];
                int count = cornerOffsets[v + 1] - start;
                int degree = fans.order(stepFrom, stepTo, start, count, rings, written, emitted, v + 1);
                if (fans.lastWasNonManifold()) {
                    nonManifoldVertex[v] = true;
                    nonManifoldVertexCount++;
                }
                System.arraycopy(rings, written, sorted, written, degree);
                Arrays.sort(sorted, written, written + degree);
                // faces holding edge v-w are the corners of v that name w (v -> w when w is the step's start)
                for (int i = start; i < start + count; i++) {
                    facesOnEdge[stepFrom[i]]++;
                    facesOnEdge[stepTo[i]]++;
                    edgeRunsOut[stepFrom[i]] = v + 1;
                }
                for (int i = written; i < written + degree; i++) {
                    int w = sorted[i];
                    boolean boundary = facesOnEdge[w] == 1;
                    if (boundary) {
                        boundaryVertex[v] = true;
                    }
                    if (w > v) {
                        edgeBuffer[edgeLength++] = v;
                        edgeBuffer[edgeLength++] = w;
                        if (boundary) {
                            boolean outward = edgeRunsOut[w] == v + 1;
                            boundaryBuffer[boundaryLength++] = outward ? v : w;
                            boundaryBuffer[boundaryLength++] = outward ? w : v;
                        }
                    }
                    facesOnEdge[w] = 0;
                }
                if (boundaryVertex[v]) {
                    boundaryVertexCount++;
                }
                written += degree;
                ringOffsets[v + 1] = written;
            }
            ringIndices = Arrays.copyOf(rings, written);
            neighbourIndices = Arrays.copyOf(sorted, written);
            edges = Arrays.copyOf(edgeBuffer, edgeLength);
            boundaryEdges = Arrays.copyOf(boundaryBuffer, boundaryLength);
        }

        /** Breadth-first over the neighbour lists, seeded in increasing vertex order. */
        private void buildComponents() {
            componentIds = new int[vertexCount];
            Arrays.fill(componentIds, -1);
            int[] queue = new int[vertexCount];
            for (int seed = 0; seed < vertexCount; seed++) {
                if (componentIds[seed] >= 0) {
                    continue;
                }
                int id = componentCount++;
                int head = 0;
                int tail = 0;
                queue[tail++] = seed;
                componentIds[seed] = id;
                while (head < tail) {
                    int u = queue[head++];
                    for (int i = ringOffsets[u]; i < ringOffsets[u + 1]; i++) {
                        int w = neighbourIndices[i];
                        if (componentIds[w] < 0) {
                            componentIds[w] = id;
                            queue[tail++] = w;
                        }
                    }
                }
            }
        }

        /** Union-find over the boundary edges; one loop per resulting set. */
        private void buildBoundaryLoops() {
            int[] parent = new int[vertexCount];
            for (int v = 0; v < vertexCount; v++) {
                parent[v] = v;
            }
            for (int i = 0; i < boundaryEdges.length; i += 2) {
                int ra = root(parent, boundaryEdges[i]);
                int rb = root(parent, boundaryEdges[i + 1]);
                if (ra != rb) {
                    parent[Math.max(ra, rb)] = Math.min(ra, rb);
                }
            }
            for (int v = 0; v < vertexCount; v++) {
                if (boundaryVertex[v] && root(parent, v) == v) {
                    boundaryLoopCount++;
                }
            }
        }

        private static int root(int[] parent, int v) {
            while (parent[v] != v) {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }
            return v;
        }
    }
}
