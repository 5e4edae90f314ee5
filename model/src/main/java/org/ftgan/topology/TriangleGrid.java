package org.ftgan.topology;

import org.ftgan.mesh.Mesh;

/**
 * Uniform grid over the triangles of a mesh for exact nearest-triangle queries: a triangle is listed in
 * every cell its bounding box touches; a query visits the cells in growing cubic shells around the
 * point's cell, skips cells farther than the best distance found so far, and stops once the next shell
 * cannot hold anything closer. Ties are broken by the smaller triangle index, so results do not depend
 * on the visiting order.
 */
final class TriangleGrid {
    /** Upper bound on cells per triangle, so a thin mesh in a large box cannot exhaust memory. */
    private static final int MAX_CELLS_PER_TRIANGLE = 16;

    private final int[] triangles;
    private final double[] corners; // 9 doubles per triangle
    private final double minX;
    private final double minY;
    private final double minZ;
    private final double cell;
    private final int nx;
    private final int ny;
    private final int nz;
    private final int[] cellStart;
    private final int[] cellTriangles;
    private final int[] seen;
    private int query;

    /** Result of the last {@link #nearest} call: triangle, squared distance, corner weights. */
    int nearestTriangle;
    double nearestDistanceSquared;
    final double[] nearestWeights = new double[3];
    private final double[] scratchWeights = new double[3];

    TriangleGrid(Mesh mesh) {
        int faces = mesh.faceCount();
        if (faces == 0) {
            throw new IllegalArgumentException("the coarse mesh has no triangles to project onto");
        }
        triangles = mesh.triangles();
        float[] p = mesh.positions();
        corners = new double[9 * faces];
        double loX = Double.POSITIVE_INFINITY;
        double loY = Double.POSITIVE_INFINITY;
        double loZ = Double.POSITIVE_INFINITY;
        double hiX = Double.NEGATIVE_INFINITY;
        double hiY = Double.NEGATIVE_INFINITY;
        double hiZ = Double.NEGATIVE_INFINITY;
        double extentSum = 0;
        for (int f = 0; f < faces; f++) {
            double fx0 = Double.POSITIVE_INFINITY;
            double fx1 = Double.NEGATIVE_INFINITY;
            double fy0 = Double.POSITIVE_INFINITY;
            double fy1 = Double.NEGATIVE_INFINITY;
            double fz0 = Double.POSITIVE_INFINITY;
            double fz1 = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                int v = triangles[3 * f + k];
                double x = p[3 * v];
                double y = p[3 * v + 1];
                double z = p[3 * v + 2];
                corners[9 * f + 3 * k] = x;
                corners[9 * f + 3 * k + 1] = y;
                corners[9 * f + 3 * k + 2] = z;
                fx0 = Math.min(fx0, x);
                fx1 = Math.max(fx1, x);
                fy0 = Math.min(fy0, y);
                fy1 = Math.max(fy1, y);
                fz0 = Math.min(fz0, z);
                fz1 = Math.max(fz1, z);
            }
            extentSum += Math.max(fx1 - fx0, Math.max(fy1 - fy0, fz1 - fz0));
            loX = Math.min(loX, fx0);
            loY = Math.min(loY, fy0);
            loZ = Math.min(loZ, fz0);
            hiX = Math.max(hiX, fx1);
            hiY = Math.max(hiY, fy1);
            hiZ = Math.max(hiZ, fz1);
        }
        double largest = Math.max(hiX - loX, Math.max(hiY - loY, hiZ - loZ));
        // About one triangle across per cell; coarser if the cell count would get out of hand.
        double size = extentSum / faces;
        if (!(size > 0)) {
            size = largest > 0 ? largest : 1;
        }
        long limit = (long) MAX_CELLS_PER_TRIANGLE * faces + 64;
        while (cells(hiX - loX, size) * cells(hiY - loY, size) * cells(hiZ - loZ, size) > limit) {
            size *= 1.5;
        }
        cell = size;
        minX = loX;
        minY = loY;
        minZ = loZ;
        nx = (int) cells(hiX - loX, size);
        ny = (int) cells(hiY - loY, size);
        nz = (int) cells(hiZ - loZ, size);
        int cellCount = nx * ny * nz;
        int[] range = new int[6 * faces];
        int[] start = new int[cellCount + 1];
        for (int f = 0; f < faces; f++) {
            int o = 9 * f;
            int r = 6 * f;
            range[r] = cellX(Math.min(corners[o], Math.min(corners[o + 3], corners[o + 6])));
            range[r + 1] = cellX(Math.max(corners[o], Math.max(corners[o + 3], corners[o + 6])));
            range[r + 2] = cellY(Math.min(corners[o + 1], Math.min(corners[o + 4], corners[o + 7])));
            range[r + 3] = cellY(Math.max(corners[o + 1], Math.max(corners[o + 4], corners[o + 7])));
            range[r + 4] = cellZ(Math.min(corners[o + 2], Math.min(corners[o + 5], corners[o + 8])));
            range[r + 5] = cellZ(Math.max(corners[o + 2], Math.max(corners[o + 5], corners[o + 8])));
            for (int k = range[r + 4]; k <= range[r + 5]; k++) {
                for (int j = range[r + 2]; j <= range[r + 3]; j++) {
                    for (int i = range[r]; i <= range[r + 1]; i++) {
                        start[(k * ny + j) * nx + i + 1]++;
                    }
                }
            }
        }
        for (int c = 0; c < cellCount; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = start.clone();
        cellTriangles = new int[start[cellCount]];
        for (int f = 0; f < faces; f++) {
            int r = 6 * f;
            for (int k = range[r + 4]; k <= range[r + 5]; k++) {
                for (int j = range[r + 2]; j <= range[r + 3]; j++) {
                    for (int i = range[r]; i <= range[r + 1]; i++) {
                        cellTriangles[fill[(k * ny + j) * nx + i]++] = f;
                    }
                }
            }
        }
        cellStart = start;
        seen = new int[faces];
    }

    private static long cells(double extent, double size) {
        return Math.max(1, (long) Math.ceil(extent / size));
    }

    private int cellX(double x) {
        return clamp((int) Math.floor((x - minX) / cell), nx);
    }

    private int cellY(double y) {
        return clamp((int) Math.floor((y - minY) / cell), ny);
    }

    private int cellZ(double z) {
        return clamp((int) Math.floor((z - minZ) / cell), nz);
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }

    /** Finds the closest triangle to (x, y, z); the answer is in the {@code nearest*} fields. */
    void nearest(double x, double y, double z) {
        query++;
        nearestTriangle = -1;
        nearestDistanceSquared = Double.POSITIVE_INFINITY;
        int ci = cellX(x);
        int cj = cellY(y);
        int ck = cellZ(z);
        int maxShell = Math.max(nx, Math.max(ny, nz));
        for (int shell = 0; shell <= maxShell; shell++) {
            for (int k = Math.max(0, ck - shell); k <= Math.min(nz - 1, ck + shell); k++) {
                boolean kEdge = k == ck - shell || k == ck + shell;
                for (int j = Math.max(0, cj - shell); j <= Math.min(ny - 1, cj + shell); j++) {
                    boolean jEdge = j == cj - shell || j == cj + shell;
                    if (kEdge || jEdge) {
                        for (int i = Math.max(0, ci - shell); i <= Math.min(nx - 1, ci + shell); i++) {
                            visit(i, j, k, x, y, z);
                        }
                    } else {
                        // inside the shell's cube only its two x faces are new
                        if (ci - shell >= 0) {
                            visit(ci - shell, j, k, x, y, z);
                        }
                        if (shell > 0 && ci + shell < nx) {
                            visit(ci + shell, j, k, x, y, z);
                        }
                    }
                }
            }
            // Cells outside this shell are at least shell * cell away from the point (its own cell
            // contains it, or it lies outside the grid and is farther still); a small margin absorbs rounding.
            double bound = shell * cell * (1 - 1e-9);
            if (nearestDistanceSquared < bound * bound) {
                return;
            }
        }
    }

    private void visit(int i, int j, int k, double x, double y, double z) {
        double gx = gap(x, minX + i * cell);
        double gy = gap(y, minY + j * cell);
        double gz = gap(z, minZ + k * cell);
        if (gx * gx + gy * gy + gz * gz > nearestDistanceSquared * (1 + 1e-9)) {
            return;
        }
        int c = (k * ny + j) * nx + i;
        for (int e = cellStart[c]; e < cellStart[c + 1]; e++) {
            int f = cellTriangles[e];
            if (seen[f] == query) {
                continue;
            }
            seen[f] = query;
            double d = ClosestPointOnTriangle.project(x, y, z, corners, 9 * f, scratchWeights);
            if (d < nearestDistanceSquared || (d == nearestDistanceSquared && f < nearestTriangle)) {
                nearestDistanceSquared = d;
                nearestTriangle = f;
                System.arraycopy(scratchWeights, 0, nearestWeights, 0, 3);
            }
        }
    }

    /** Distance along one axis from coordinate p to the cell [lo, lo + cell]. */
    private double gap(double p, double lo) {
        if (p < lo) {
            return lo - p;
        }
        double hi = lo + cell;
        return p > hi ? p - hi : 0;
    }
}
