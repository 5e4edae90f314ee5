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
 */
final class EdgeQueue {
    private double[] cost = new double[64];
    private int[] keep = new int[64];
    private int[] drop = new int[64];
    private int[] keepVersion = new int[64];
    private int[] dropVersion = new int[64];
    private boolean[] reversed = new boolean[64];
    private int size;

    // The fields of the last popped entry, read by the caller right after pop().
    double topCost;
    int topKeep;
    int topDrop;
    int topKeepVersion;
    int topDropVersion;
    boolean topReversed;

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    /** Adds a candidate; {@code reversedDirection} marks the costlier direction tried after the cheaper one failed. */
    void push(double c, int k, int d, int kv, int dv, boolean reversedDirection) {
        if (size == cost.length) {
            int n = size * 2;
            cost = Arrays.copyOf(cost, n);
            keep = Arrays.copyOf(keep, n);
            drop = Arrays.copyOf(drop, n);
            keepVersion = Arrays.copyOf(keepVersion, n);
            dropVersion = Arrays.copyOf(dropVersion, n);
            reversed = Arrays.copyOf(reversed, n);
        }
        int i = size++;
        // sift up with a hole: move parents down until the new entry fits
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(c, k, d, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, c, k, d, kv, dv, reversedDirection);
    }

    /** Removes the smallest entry and exposes it in the {@code top*} fields. */
    void pop() {
        topCost = cost[0];
        topKeep = keep[0];
        topDrop = drop[0];
        topKeepVersion = keepVersion[0];
        topDropVersion = dropVersion[0];
        topReversed = reversed[0];
        int last = --size;
        if (last == 0) {
            return;
        }
        double c = cost[last];
        int k = keep[last];
        int d = drop[last];
        int kv = keepVersion[last];
        int dv = dropVersion[last];
        boolean r = reversed[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && lessEntries(child + 1, child)) {
                child++;
            }
            if (!less(cost[child], keep[child], drop[child], c, k, d)) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, c, k, d, kv, dv, r);
    }

    private boolean less(double c, int k, int d, int j) {
        return less(c, k, d, cost[j], keep[j], drop[j]);
    }

    private boolean lessEntries(int i, int j) {
        return less(cost[i], keep[i], drop[i], cost[j], keep[j], drop[j]);
    }

    private static boolean less(double c1, int k1, int d1, double c2, int k2, int d2) {
        if (c1 != c2) {
            return c1 < c2;
        }
        int lo1 = Math.min(k1, d1);
        int lo2 = Math.min(k2, d2);
        if (lo1 != lo2) {
            return lo1 < lo2;
        }
        int hi1 = Math.max(k1, d1);
        int hi2 = Math.max(k2, d2);
        if (hi1 != hi2) {
            return hi1 < hi2;
        }
        return k1 < k2;
    }

    private void move(int from, int to) {
        set(to, cost[from], keep[from], drop[from], keepVersion[from], dropVersion[from], reversed[from]);
    }

    private void set(int i, double c, int k, int d, int kv, int dv, boolean r) {
        cost[i] = c;
        keep[i] = k;
        drop[i] = d;
        keepVersion[i] = kv;
        dropVersion[i] = dv;
        reversed[i] = r;
    }
}
