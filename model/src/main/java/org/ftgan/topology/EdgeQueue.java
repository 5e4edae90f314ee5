package org.ftgan.topology;

import java.util.Arrays;

/**
 * Min-heap of directed edge-collapse candidates for {@link QuadricSimplifier}, on primitive arrays
 * (the simplifier pushes hundreds of thousands of entries; boxed entries would dominate its time).
 *
 * <p>Order: cost, then the smaller endpoint id, then the larger one, then the kept vertex, so that
 * equal costs (common on flat regions) are broken the same way on every run. Each entry carries the
 * version of both endpoints at push time; the simplifier drops an entry whose versions are stale
 * (lazy invalidation) instead of searching the heap for it.
 *
 * <p>An entry is packed in three arrays: its cost; its order key (smaller id in the high 32 bits, then
 * the larger id shifted left by one, then one bit: 0 when the smaller id is kept), so that ties compare
 * as one long; and both versions with a flag for the reversed direction in the sign bit.
 */
final class EdgeQueue {
    private static final long REVERSED = Long.MIN_VALUE;

    private double[] cost = new double[64];
    private long[] order = new long[64];
    private long[] versions = new long[64];
    private int size;

    // The fields of the last popped entry, read by the caller right after pop().
    int topKeep;
    int topDrop;
    int topKeepVersion;
    int topDropVersion;
    boolean topReversed;

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a candidate; {@code reversedDirection} marks the costlier direction tried after the cheaper one failed. */
    void push(double c, int keep, int drop, int keepVersion, int dropVersion, boolean reversedDirection) {
        if (size == cost.length) {
            int n = size * 2;
            cost = Arrays.copyOf(cost, n);
            order = Arrays.copyOf(order, n);
            versions = Arrays.copyOf(versions, n);
        }
        long o = keep < drop
                ? ((long) keep << 32) | ((long) drop << 1)
                : ((long) drop << 32) | ((long) keep << 1) | 1L;
        long v = ((long) keepVersion << 32) | (dropVersion & 0xffffffffL) | (reversedDirection ? REVERSED : 0L);
        int i = size++;
        // sift up with a hole: move parents down until the new entry fits
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(c, o, cost[parent], order[parent])) {
                break;
            }
            cost[i] = cost[parent];
            order[i] = order[parent];
            versions[i] = versions[parent];
            i = parent;
        }
        cost[i] = c;
        order[i] = o;
        versions[i] = v;
    }

    /** Removes the smallest entry and exposes it in the {@code top*} fields. */
    void pop() {
        long o0 = order[0];
        int lo = (int) (o0 >>> 32);
        int hi = (int) ((o0 & 0xffffffffL) >>> 1);
        boolean keepHi = (o0 & 1L) != 0;
        topKeep = keepHi ? hi : lo;
        topDrop = keepHi ? lo : hi;
        long v0 = versions[0];
        topReversed = v0 < 0;
        topKeepVersion = (int) ((v0 & ~REVERSED) >>> 32);
        topDropVersion = (int) v0;
        int last = --size;
        if (last == 0) {
            return;
        }
        double c = cost[last];
        long o = order[last];
        long v = versions[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && less(cost[child + 1], order[child + 1], cost[child], order[child])) {
                child++;
            }
            if (!less(cost[child], order[child], c, o)) {
                break;
            }
            cost[i] = cost[child];
            order[i] = order[child];
            versions[i] = versions[child];
            i = child;
        }
        cost[i] = c;
        order[i] = o;
        versions[i] = v;
    }

    private static boolean less(double c1, long o1, double c2, long o2) {
        return c1 < c2 || (c1 == c2 && o1 < o2);
    }
}
