package org.ftgan.topology;

import java.util.Arrays;
import org.ftgan.mesh.Mesh;

/**
 * Quadric-error edge collapse (Garland and Heckbert 1997) as CoMA's {@code qslim_decimator_transformer}:
 * the survivor of a collapse keeps its original position, so the coarse vertices are a subset of the
 * fine ones and down-sampling is a selection.
 *
 * <p>As CoMA: each vertex starts with the sum of the plane quadrics of its faces (unit normal, not
 * area-weighted); an edge (r, c) costs min over its endpoints e of [x_e 1] (Q_r + Q_c) [x_e 1]^T and
 * collapses into the cheaper endpoint, whose quadric becomes Q_r + Q_c; the cheapest edge goes first.
 * Unlike CoMA, ties are broken by vertex ids (CoMA keeps the second endpoint on a tie; here the smaller
 * id is kept), and the queue is exact (every edge of the survivor is re-costed after a collapse).
 *
 * <p>Departures from CoMA, to keep every level a valid mesh of the template's shape and topology:
 * <ul>
 *   <li>link condition: a collapse is refused if the endpoints share a neighbour that is not the
 *       opposite vertex of one of their shared faces, or if the edge is interior and both endpoints
 *       lie on a boundary (either would make an edge or a vertex non-manifold);</li>
 *   <li>boundary quadrics: each boundary edge adds {@value #BOUNDARY_WEIGHT} times the quadric of the
 *       plane through it perpendicular to its face, so open boundaries (neck, mouth slit, the outline
 *       of a flat patch) keep their shape;</li>
 *   <li>no collapse may leave a vertex without faces, which in particular keeps the last triangle of
 *       every connected component (small separate parts such as eyeballs survive every level), nor
 *       create a second copy of an existing triangle (the collapse of a tetrahedron);</li>
 *   <li>a collapse that flips a face or makes it degenerate is refused; when the cheaper direction of an
 *       edge is refused for that reason, the other direction is queued at its own cost.</li>
 * </ul>
 * If the target is not reached while collapses remain that only fail the flip test, the flip test is
 * dropped for the rest of the step (a folded triangle is better than no hierarchy). If every remaining
 * collapse breaks the topology, {@link #simplify} throws an {@link UnreachableLevelException} with the counts.
 *
 * <p>The guards keep a manifold mesh manifold; they do not repair a non-manifold input (an edge in three
 * or more faces is never collapsed, a bow-tie vertex stays one).
 *
 * <p>Vertices referenced by no face are dropped (as CoMA, whose coarse mesh holds only vertices used by
 * faces): they count in the fine vertex count that sets the target, not in the coarse one.
 */
public final class QuadricSimplifier {
    /** Weight of the boundary-edge planes relative to the unit-weight face planes. */
    public static final double BOUNDARY_WEIGHT = 1000.0;

    private static final int COLLAPSED = 0;
    private static final int REFUSED = 1;
    private static final int REFUSED_FLIP = 2;
    private static final int NOT_AN_EDGE = 3;

    private final float[] positions;
    private final int[] tri;
    private final boolean[] faceAlive;
    private final int[][] facesOf;
    private final int[] faceCount;
    private final double[] quadric;
    private final boolean[] alive;
    // bumped when a vertex's quadric changes; queue entries remember it to detect stale costs
    private final int[] version;
    // refused edges, listed at both endpoints until a change around either may let them pass
    private final int[][] parked;
    private final int[] parkedCount;
    // per-vertex scratch: mark[v] == markNow means "in the set being built"; tally counts faces per neighbour
    private final int[] mark;
    private final int[] tally;
    private int markNow;
    private final EdgeQueue queue = new EdgeQueue();
    private boolean refuseFlips = true;
    private int remaining;
    // scratch for one collapse: shared faces, their opposite vertices, and a neighbour list
    private final int[] shared = new int[2];
    private final int[] opposite = new int[2];
    private int[] neighbours = new int[32];
    private final double[] before = new double[3];
    private final double[] after = new double[3];

    private QuadricSimplifier(Mesh mesh) {
        int n = mesh.vertexCount();
        positions = mesh.positions();
        tri = mesh.triangles().clone();
        int faces = mesh.faceCount();
        faceAlive = new boolean[faces];
        Arrays.fill(faceAlive, true);
        faceCount = new int[n];
        for (int f = 0; f < faces; f++) {
            int a = tri[3 * f];
            int b = tri[3 * f + 1];
            int c = tri[3 * f + 2];
            if (a == b || b == c || c == a) {
                throw new IllegalArgumentException("face " + f + " repeats a vertex (" + a + ", " + b + ", " + c
                        + "): every face needs three distinct vertices");
            }
            faceCount[a]++;
            faceCount[b]++;
            faceCount[c]++;
        }
        for (int i = 0; i < positions.length; i++) {
            if (!Float.isFinite(positions[i])) {
                throw new IllegalArgumentException("vertex " + (i / 3) + " has a non-finite coordinate " + positions[i]);
            }
        }
        facesOf = new int[n][];
        for (int v = 0; v < n; v++) {
            facesOf[v] = new int[Math.max(faceCount[v], 1)];
            faceCount[v] = 0;
        }
        for (int f = 0; f < faces; f++) {
            for (int k = 0; k < 3; k++) {
                int v = tri[3 * f + k];
                facesOf[v][faceCount[v]++] = f;
            }
        }
        alive = new boolean[n];
        for (int v = 0; v < n; v++) {
            alive[v] = faceCount[v] > 0;
            if (alive[v]) {
                remaining++;
            }
        }
        quadric = new double[10 * n];
        version = new int[n];
        parked = new int[n][];
        parkedCount = new int[n];
        mark = new int[n];
        tally = new int[n];
    }

    /**
     * Collapses edges of {@code mesh} until {@code targetVertexCount} vertices remain (or fewer, when the
     * mesh references fewer vertices than that: unreferenced vertices are dropped).
     *
     * @throws IllegalArgumentException if a face repeats a vertex or a coordinate is not finite
     * @throws UnreachableLevelException if every remaining collapse would break the mesh before the target
     */
    public static Simplification simplify(Mesh mesh, int targetVertexCount) {
        if (targetVertexCount < 1) {
            throw new IllegalArgumentException("target vertex count must be at least 1, got " + targetVertexCount);
        }
        QuadricSimplifier s = new QuadricSimplifier(mesh);
        s.addFaceQuadrics();
        s.addBoundaryQuadrics();
        s.run(targetVertexCount);
        return s.result();
    }

    private void run(int target) {
        for (int v = 0; v < alive.length; v++) {
            if (alive[v]) {
                pushEdgesAbove(v);
            }
        }
        while (remaining > target) {
            if (queue.isEmpty()) {
                if (!refuseFlips) {
                    throw new UnreachableLevelException("cannot reduce " + alive.length + " vertices to " + target
                            + ": stopped at " + remaining + " because every remaining edge collapse would make the mesh"
                            + " non-manifold, leave a vertex without faces or remove a component's last triangle"
                            + " (use a smaller factor or fewer levels)");
                }
                // Last resort before giving up: allow collapses that fold a face (see class comment).
                refuseFlips = false;
                Arrays.fill(parkedCount, 0);
                for (int v = 0; v < alive.length; v++) {
                    if (alive[v]) {
                        pushEdgesAbove(v);
                    }
                }
                continue;
            }
            queue.pop();
            int k = queue.topKeep;
            int d = queue.topDrop;
            if (!alive[k] || !alive[d] || version[k] != queue.topKeepVersion || version[d] != queue.topDropVersion) {
                continue;
            }
            int outcome = tryCollapse(k, d);
            if (outcome == REFUSED_FLIP && !queue.topReversed) {
                // The flip test depends on which endpoint moves; the other direction may pass.
                queue.push(cost(d, k), d, k, version[d], version[k], true);
            } else if (outcome == REFUSED || outcome == REFUSED_FLIP) {
                park(k, d);
                park(d, k);
            } else if (outcome == COLLAPSED) {
                afterCollapse(k, d);
            }
        }
    }

    // ---- quadrics ----

    private void addFaceQuadrics() {
        double[] n = new double[4];
        for (int f = 0; f < faceAlive.length; f++) {
            if (!unitPlane(tri[3 * f], tri[3 * f + 1], tri[3 * f + 2], n)) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                addPlane(tri[3 * f + k], n, 1.0);
            }
        }
    }

    private void addBoundaryQuadrics() {
        double[] faceNormal = new double[4];
        double[] plane = new double[4];
        for (int v = 0; v < alive.length; v++) {
            if (!alive[v]) {
                continue;
            }
            int t = ++markNow;
            for (int i = 0; i < faceCount[v]; i++) {
                int f = facesOf[v][i];
                for (int k = 0; k < 3; k++) {
                    int x = tri[3 * f + k];
                    if (x == v) {
                        continue;
                    }
                    if (mark[x] != t) {
                        mark[x] = t;
                        tally[x] = 0;
                    }
                    tally[x]++;
                }
            }
            for (int i = 0; i < faceCount[v]; i++) {
                int f = facesOf[v][i];
                for (int k = 0; k < 3; k++) {
                    int x = tri[3 * f + k];
                    // each boundary edge once, from its smaller endpoint
                    if (x <= v || tally[x] != 1) {
                        continue;
                    }
                    if (!unitPlane(tri[3 * f], tri[3 * f + 1], tri[3 * f + 2], faceNormal)) {
                        continue;
                    }
                    double ex = positions[3 * x] - (double) positions[3 * v];
                    double ey = positions[3 * x + 1] - (double) positions[3 * v + 1];
                    double ez = positions[3 * x + 2] - (double) positions[3 * v + 2];
                    double nx = ey * faceNormal[2] - ez * faceNormal[1];
                    double ny = ez * faceNormal[0] - ex * faceNormal[2];
                    double nz = ex * faceNormal[1] - ey * faceNormal[0];
                    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                    if (!(len > 0)) {
                        continue;
                    }
                    plane[0] = nx / len;
                    plane[1] = ny / len;
                    plane[2] = nz / len;
                    plane[3] = -(plane[0] * positions[3 * v] + plane[1] * positions[3 * v + 1] + plane[2] * positions[3 * v + 2]);
                    addPlane(v, plane, BOUNDARY_WEIGHT);
                    addPlane(x, plane, BOUNDARY_WEIGHT);
                }
            }
        }
    }

    /** Plane (n, -n.a) of triangle (a, b, c) with unit n; false for a degenerate triangle. */
    private boolean unitPlane(int a, int b, int c, double[] out) {
        double ax = positions[3 * a];
        double ay = positions[3 * a + 1];
        double az = positions[3 * a + 2];
        double ux = positions[3 * b] - ax;
        double uy = positions[3 * b + 1] - ay;
        double uz = positions[3 * b + 2] - az;
        double vx = positions[3 * c] - ax;
        double vy = positions[3 * c + 1] - ay;
        double vz = positions[3 * c + 2] - az;
        double nx = uy * vz - uz * vy;
        double ny = uz * vx - ux * vz;
        double nz = ux * vy - uy * vx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(len > 0)) {
            return false;
        }
        out[0] = nx / len;
        out[1] = ny / len;
        out[2] = nz / len;
        out[3] = -(out[0] * ax + out[1] * ay + out[2] * az);
        return true;
    }

    /** Q_v += w p p^T, stored as the upper triangle of the symmetric 4 x 4 matrix. */
    private void addPlane(int v, double[] p, double w) {
        int o = 10 * v;
        quadric[o] += w * p[0] * p[0];
        quadric[o + 1] += w * p[0] * p[1];
        quadric[o + 2] += w * p[0] * p[2];
        quadric[o + 3] += w * p[0] * p[3];
        quadric[o + 4] += w * p[1] * p[1];
        quadric[o + 5] += w * p[1] * p[2];
        quadric[o + 6] += w * p[1] * p[3];
        quadric[o + 7] += w * p[2] * p[2];
        quadric[o + 8] += w * p[2] * p[3];
        quadric[o + 9] += w * p[3] * p[3];
    }

    /** Error of keeping {@code keep} (at its own position) with quadric Q_keep + Q_other. */
    private double cost(int keep, int other) {
        int a = 10 * keep;
        int b = 10 * other;
        double x = positions[3 * keep];
        double y = positions[3 * keep + 1];
        double z = positions[3 * keep + 2];
        double[] q = quadric;
        return x * (x * (q[a] + q[b]) + 2 * (y * (q[a + 1] + q[b + 1]) + z * (q[a + 2] + q[b + 2]) + (q[a + 3] + q[b + 3])))
                + y * (y * (q[a + 4] + q[b + 4]) + 2 * (z * (q[a + 5] + q[b + 5]) + (q[a + 6] + q[b + 6])))
                + z * (z * (q[a + 7] + q[b + 7]) + 2 * (q[a + 8] + q[b + 8]))
                + (q[a + 9] + q[b + 9]);
    }

    // ---- queue maintenance ----

    /** Queues the cheaper direction of edge (a, b); on equal costs the smaller id is kept. */
    private void pushEdge(int a, int b) {
        double keepA = cost(a, b);
        double keepB = cost(b, a);
        if (keepA < keepB || (keepA == keepB && a < b)) {
            queue.push(keepA, a, b, version[a], version[b], false);
        } else {
            queue.push(keepB, b, a, version[b], version[a], false);
        }
    }

    private void pushEdgesAbove(int v) {
        int count = collectNeighbours(v);
        for (int i = 0; i < count; i++) {
            if (neighbours[i] > v) {
                pushEdge(v, neighbours[i]);
            }
        }
    }

    /** Remembers a refused edge at {@code v}; it is queued again when v's neighbourhood changes. */
    private void park(int v, int other) {
        int[] list = parked[v];
        if (list == null) {
            list = parked[v] = new int[4];
        } else if (parkedCount[v] == list.length) {
            list = parked[v] = Arrays.copyOf(list, list.length * 2);
        }
        list[parkedCount[v]++] = other;
    }

    private void unparkPartner(int v, int other) {
        int[] list = parked[v];
        for (int i = 0; i < parkedCount[v]; i++) {
            if (list[i] == other) {
                list[i] = list[--parkedCount[v]];
                return;
            }
        }
    }

    /** Forgets the parked edges of {@code v}, re-queuing them unless they touch {@code except}. */
    private void releaseParked(int v, int except, boolean requeue) {
        for (int i = 0; i < parkedCount[v]; i++) {
            int other = parked[v][i];
            unparkPartner(other, v);
            if (requeue && other != except && alive[other]) {
                pushEdge(v, other);
            }
        }
        parkedCount[v] = 0;
    }

    private void afterCollapse(int keep, int drop) {
        releaseParked(drop, -1, false);
        // every edge of the survivor is re-costed below, parked or not
        releaseParked(keep, -1, false);
        int count = collectNeighbours(keep);
        for (int i = 0; i < count; i++) {
            pushEdge(keep, neighbours[i]);
        }
        // the neighbours' rings changed, so edges refused there may now pass
        for (int i = 0; i < count; i++) {
            releaseParked(neighbours[i], keep, true);
        }
    }

    // ---- topology ----

    /** Distinct neighbours of v into {@code neighbours}, in face order; returns their count. */
    private int collectNeighbours(int v) {
        int t = ++markNow;
        int count = 0;
        for (int i = 0; i < faceCount[v]; i++) {
            int f = facesOf[v][i];
            for (int k = 0; k < 3; k++) {
                int x = tri[3 * f + k];
                if (x != v && mark[x] != t) {
                    mark[x] = t;
                    if (count == neighbours.length) {
                        neighbours = Arrays.copyOf(neighbours, count * 2);
                    }
                    neighbours[count++] = x;
                }
            }
        }
        return count;
    }

    private boolean contains(int f, int v) {
        return tri[3 * f] == v || tri[3 * f + 1] == v || tri[3 * f + 2] == v;
    }

    /** True when some edge at v lies in exactly one face. */
    private boolean onBoundary(int v) {
        int t = ++markNow;
        for (int i = 0; i < faceCount[v]; i++) {
            int f = facesOf[v][i];
            for (int k = 0; k < 3; k++) {
                int x = tri[3 * f + k];
                if (x != v) {
                    if (mark[x] != t) {
                        mark[x] = t;
                        tally[x] = 0;
                    }
                    tally[x]++;
                }
            }
        }
        for (int i = 0; i < faceCount[v]; i++) {
            int f = facesOf[v][i];
            for (int k = 0; k < 3; k++) {
                int x = tri[3 * f + k];
                if (x != v && tally[x] == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    private int tryCollapse(int keep, int drop) {
        int nShared = 0;
        int[] dropFaces = facesOf[drop];
        for (int i = 0; i < faceCount[drop]; i++) {
            int f = dropFaces[i];
            if (contains(f, keep)) {
                if (nShared == 2) {
                    return REFUSED; // edge in three or more faces: already non-manifold, leave it
                }
                shared[nShared] = f;
                opposite[nShared] = tri[3 * f] + tri[3 * f + 1] + tri[3 * f + 2] - keep - drop;
                nShared++;
            }
        }
        if (nShared == 0) {
            return NOT_AN_EDGE;
        }
        // link condition: every common neighbour must be an opposite vertex of a shared face
        int t = ++markNow;
        for (int i = 0; i < faceCount[keep]; i++) {
            int f = facesOf[keep][i];
            for (int k = 0; k < 3; k++) {
                mark[tri[3 * f + k]] = t;
            }
        }
        for (int i = 0; i < faceCount[drop]; i++) {
            int f = dropFaces[i];
            for (int k = 0; k < 3; k++) {
                int x = tri[3 * f + k];
                if (x != keep && x != drop && mark[x] == t && x != opposite[0] && (nShared < 2 || x != opposite[1])) {
                    return REFUSED;
                }
            }
        }
        if (nShared == 2 && onBoundary(keep) && onBoundary(drop)) {
            return REFUSED; // an interior edge joining two boundary points: the surface would pinch
        }
        if (faceCount[keep] + faceCount[drop] - 2 * nShared == 0) {
            return REFUSED; // the survivor would be left without faces (a lone triangle, for one)
        }
        for (int j = 0; j < nShared; j++) {
            int lost = (nShared == 2 && opposite[0] == opposite[1]) ? 2 : 1;
            if (faceCount[opposite[j]] - lost == 0) {
                return REFUSED; // the opposite vertex would lose its only face(s)
            }
        }
        boolean flips = false;
        for (int i = 0; i < faceCount[drop]; i++) {
            int f = dropFaces[i];
            if (f == shared[0] || (nShared == 2 && f == shared[1])) {
                continue;
            }
            if (duplicatesFaceOf(keep, f, drop)) {
                return REFUSED;
            }
            if (refuseFlips && !flips) {
                flips = flipsOrDegenerates(f, drop, keep);
            }
        }
        if (flips) {
            return REFUSED_FLIP;
        }
        collapse(keep, drop, nShared);
        return COLLAPSED;
    }

    /** Whether face f of {@code drop}, once drop becomes keep, would repeat a face keep already has. */
    private boolean duplicatesFaceOf(int keep, int f, int drop) {
        int a = -1;
        int b = -1;
        for (int k = 0; k < 3; k++) {
            int x = tri[3 * f + k];
            if (x != drop) {
                if (a < 0) {
                    a = x;
                } else {
                    b = x;
                }
            }
        }
        for (int i = 0; i < faceCount[keep]; i++) {
            int g = facesOf[keep][i];
            if (contains(g, a) && contains(g, b)) {
                return true;
            }
        }
        return false;
    }

    /** Whether moving drop's corner of face f onto keep's position turns the face over or flattens it. */
    private boolean flipsOrDegenerates(int f, int drop, int keep) {
        faceCross(f, drop, drop, before);
        faceCross(f, drop, keep, after);
        if (before[0] == 0 && before[1] == 0 && before[2] == 0) {
            return false; // already degenerate in the input: no orientation to keep
        }
        return before[0] * after[0] + before[1] * after[1] + before[2] * after[2] <= 0;
    }

    /** Cross product of face f's edges with vertex {@code from} placed at {@code to}'s position. */
    private void faceCross(int f, int from, int to, double[] out) {
        int i0 = tri[3 * f] == from ? to : tri[3 * f];
        int i1 = tri[3 * f + 1] == from ? to : tri[3 * f + 1];
        int i2 = tri[3 * f + 2] == from ? to : tri[3 * f + 2];
        double ux = positions[3 * i1] - (double) positions[3 * i0];
        double uy = positions[3 * i1 + 1] - (double) positions[3 * i0 + 1];
        double uz = positions[3 * i1 + 2] - (double) positions[3 * i0 + 2];
        double vx = positions[3 * i2] - (double) positions[3 * i0];
        double vy = positions[3 * i2 + 1] - (double) positions[3 * i0 + 1];
        double vz = positions[3 * i2 + 2] - (double) positions[3 * i0 + 2];
        out[0] = uy * vz - uz * vy;
        out[1] = uz * vx - ux * vz;
        out[2] = ux * vy - uy * vx;
    }

    private void collapse(int keep, int drop, int nShared) {
        for (int j = 0; j < nShared; j++) {
            faceAlive[shared[j]] = false;
            removeDeadFaces(opposite[j]);
        }
        removeDeadFaces(keep);
        int[] dropFaces = facesOf[drop];
        for (int i = 0; i < faceCount[drop]; i++) {
            int f = dropFaces[i];
            if (!faceAlive[f]) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                if (tri[3 * f + k] == drop) {
                    tri[3 * f + k] = keep;
                }
            }
            if (faceCount[keep] == facesOf[keep].length) {
                facesOf[keep] = Arrays.copyOf(facesOf[keep], faceCount[keep] * 2);
            }
            facesOf[keep][faceCount[keep]++] = f;
        }
        faceCount[drop] = 0;
        alive[drop] = false;
        for (int i = 0; i < 10; i++) {
            quadric[10 * keep + i] += quadric[10 * drop + i];
        }
        version[keep]++;
        remaining--;
    }

    private void removeDeadFaces(int v) {
        int[] list = facesOf[v];
        int kept = 0;
        for (int i = 0; i < faceCount[v]; i++) {
            if (faceAlive[list[i]]) {
                list[kept++] = list[i];
            }
        }
        faceCount[v] = kept;
    }

    // ---- output ----

    /** Survivors in ascending fine order (as CoMA's np.unique), faces in their original order. */
    private Simplification result() {
        int[] coarseOf = new int[alive.length];
        int[] kept = new int[remaining];
        int c = 0;
        for (int v = 0; v < alive.length; v++) {
            if (alive[v]) {
                coarseOf[v] = c;
                kept[c++] = v;
            }
        }
        float[] p = new float[3 * remaining];
        for (int i = 0; i < remaining; i++) {
            System.arraycopy(positions, 3 * kept[i], p, 3 * i, 3);
        }
        int faces = 0;
        for (boolean a : faceAlive) {
            if (a) {
                faces++;
            }
        }
        int[] t = new int[3 * faces];
        int k = 0;
        for (int f = 0; f < faceAlive.length; f++) {
            if (faceAlive[f]) {
                t[k++] = coarseOf[tri[3 * f]];
                t[k++] = coarseOf[tri[3 * f + 1]];
                t[k++] = coarseOf[tri[3 * f + 2]];
            }
        }
        return new Simplification(new Mesh(p, t), new DownSampling(alive.length, kept));
    }
}
