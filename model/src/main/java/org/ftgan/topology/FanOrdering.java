package org.ftgan.topology;

/**
 * Orders the neighbours of one vertex into its rotational 1-ring, from the vertex's corners.
 *
 * <p>A corner of vertex v in face (v, x, y) (counter-clockwise) is the step x -> y: y follows x
 * counter-clockwise around v. Chaining the steps gives the fans of v: one closed cycle for an
 * interior vertex, one open path for a boundary vertex, several fans (or steps that branch) for a
 * non-manifold vertex.
 *
 * <p>Rule, for every vertex alike:
 * <ol>
 * <li>Fans are walked greedily. A walk starts at a neighbour that begins an open path (no unused
 * step leads into it), the lowest such index first; when only closed cycles are left it starts at
 * the lowest-index neighbour with an unused step. From each neighbour it takes the first unused
 * step (in face order) leaving it, until none is left.</li>
 * <li>Each fan is treated as cyclic and rotated to start at its lowest-index neighbour. For an
 * interior vertex that is the spec's rule; for a boundary vertex it is the spec's literal rule too
 * (MODEL.md: "starting from the lowest-index neighbour"), even though it splits the open fan at
 * that neighbour instead of at the boundary.</li>
 * <li>Non-manifold vertices only: fans are concatenated in increasing order of their lowest
 * neighbour (ties: the order they were walked), and a neighbour already emitted by an earlier fan
 * (or earlier in the same fan) is skipped, so that the ring lists every neighbour exactly once.</li>
 * </ol>
 *
 * <p>Holds scratch arrays that grow with the largest vertex degree; one instance is reused for all
 * vertices of a mesh (not thread-safe).
 */
final class FanOrdering {
    private boolean[] used = new boolean[16];
    /** Fans as walked, back to back. */
    private int[] walked = new int[32];
    private int[] fanStart = new int[17];
    private int[] fanMinimum = new int[16];
    private int[] fanOrder = new int[16];
    private boolean lastWasNonManifold;

    /**
     * Writes the ring of a vertex whose {@code count} corners are steps
     * {@code from[start + i] -> to[start + i]} into {@code out} at {@code outPos}, each neighbour
     * once, and returns how many neighbours were written.
     *
     * @param emitted per-vertex marks shared across calls: a neighbour w is taken as already
     *        written when {@code emitted[w] == stamp}; the call sets it for every neighbour it writes
     */
    int order(int[] from, int[] to, int start, int count, int[] out, int outPos, int[] emitted, int stamp) {
        ensureCapacity(count);
        for (int i = 0; i < count; i++) {
            used[i] = false;
        }
        int walkedLength = 0;
        int fans = 0;
        int remaining = count;
        boolean repeated = false;
        while (remaining > 0) {
            int first = firstStep(from, to, start, count);
            fanStart[fans] = walkedLength;
            int minimum = from[start + first];
            walked[walkedLength++] = minimum;
            int step = first;
            while (step >= 0) {
                used[step] = true;
                remaining--;
                int next = to[start + step];
                walked[walkedLength++] = next;
                minimum = Math.min(minimum, next);
                step = unusedStepFrom(from, start, count, next);
            }
            // a closed cycle comes back to where it started: that neighbour is listed once
            if (walkedLength - fanStart[fans] > 2 && walked[walkedLength - 1] == walked[fanStart[fans]]) {
                walkedLength--;
            }
            fanMinimum[fans] = minimum;
            fans++;
        }
        fanStart[fans] = walkedLength;
        sortFansByMinimum(fans);
        int written = 0;
        for (int k = 0; k < fans; k++) {
            int fan = fanOrder[k];
            int begin = fanStart[fan];
            int length = fanStart[fan + 1] - begin;
            int rotation = 0;
            while (walked[begin + rotation] != fanMinimum[fan]) {
                rotation++;
            }
            for (int i = 0; i < length; i++) {
                int w = walked[begin + (rotation + i) % length];
                if (emitted[w] == stamp) {
                    repeated = true;
                    continue;
                }
                emitted[w] = stamp;
                out[outPos + written++] = w;
            }
        }
        lastWasNonManifold = fans > 1 || repeated;
        return written;
    }

    /** True when the last ordered vertex had several fans or met a neighbour twice. */
    boolean lastWasNonManifold() {
        return lastWasNonManifold;
    }

    private int firstStep(int[] from, int[] to, int start, int count) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (used[i] || (best >= 0 && from[start + i] >= from[start + best])) {
                continue;
            }
            if (!hasUnusedStepInto(to, start, count, from[start + i])) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        for (int i = 0; i < count; i++) {
            if (!used[i] && (best < 0 || from[start + i] < from[start + best])) {
                best = i;
            }
        }
        return best;
    }

    private boolean hasUnusedStepInto(int[] to, int start, int count, int vertex) {
        for (int i = 0; i < count; i++) {
            if (!used[i] && to[start + i] == vertex) {
                return true;
            }
        }
        return false;
    }

    private int unusedStepFrom(int[] from, int start, int count, int vertex) {
        for (int i = 0; i < count; i++) {
            if (!used[i] && from[start + i] == vertex) {
                return i;
            }
        }
        return -1;
    }

    /** Stable insertion sort of fan numbers by lowest neighbour (usually a single fan). */
    private void sortFansByMinimum(int fans) {
        for (int i = 0; i < fans; i++) {
            int fan = i;
            int j = i;
            while (j > 0 && fanMinimum[fanOrder[j - 1]] > fanMinimum[fan]) {
                fanOrder[j] = fanOrder[j - 1];
                j--;
            }
            fanOrder[j] = fan;
        }
    }

    private void ensureCapacity(int count) {
        if (used.length >= count) {
            return;
        }
        used = new boolean[count];
        walked = new int[2 * count];
        fanStart = new int[count + 1];
        fanMinimum = new int[count];
        fanOrder = new int[count];
    }
}
