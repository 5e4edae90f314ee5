package org.ftgan.train;

import java.util.Arrays;
import org.ftgan.nn.HostArray;
import org.ftgan.topology.Spirals;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Uniform Laplacian smoothing loss L_lap: the mean, over the batch and all V vertices, of
 * ||x_v - mean_{u in N(v)} x_u||, the distance of each vertex from the centroid of its 1-ring.
 *
 * <p>The 1-rings come in CSR form: the neighbours of v are
 * {@code indices[offsets[v] .. offsets[v + 1] - 1]}. A vertex without neighbours contributes 0 but
 * still counts in the mean over V. Where a vertex sits exactly at its centroid the norm has no
 * gradient; 0 is used there, as for {@link AverageVertexDistance}.
 */
public final class LaplacianSmoothingLoss {
    private final int vertexCount;
    private final int[] offsets;
    private final int[] indices;

    /**
     * @param offsets V + 1 non-decreasing offsets into {@code indices}, starting at 0 and ending at
     *                {@code indices.length}
     * @param indices the neighbours of every vertex, each in 0..V-1 and never the vertex itself
     */
    public LaplacianSmoothingLoss(int[] offsets, int[] indices) {
        if (offsets == null || offsets.length < 2) {
            throw new IllegalArgumentException("neighbour offsets: expected V + 1 >= 2 entries, got "
                    + (offsets == null ? "null" : offsets.length));
        }
        if (indices == null) {
            throw new IllegalArgumentException("neighbour indices: array is null");
        }
        int v = offsets.length - 1;
        if (offsets[0] != 0 || offsets[v] != indices.length) {
            throw new IllegalArgumentException("neighbour offsets: expected to start at 0 and end at " + indices.length
                    + " (the number of indices), got " + offsets[0] + " .. " + offsets[v]);
        }
        for (int i = 0; i < v; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("neighbour offsets: offsets[" + (i + 1) + "] = " + offsets[i + 1]
                        + " is below offsets[" + i + "] = " + offsets[i]);
            }
        }
        for (int i = 0; i < v; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                if (indices[k] < 0 || indices[k] >= v) {
                    throw new IllegalArgumentException("neighbour indices[" + k + "] = " + indices[k] + " (a neighbour of vertex "
                            + i + ") outside 0.." + (v - 1));
                }
                if (indices[k] == i) {
                    throw new IllegalArgumentException("neighbour indices[" + k + "]: vertex " + i + " is listed as its own neighbour");
                }
            }
        }
        this.vertexCount = v;
        this.offsets = offsets.clone();
        this.indices = indices.clone();
    }

    /**
     * The Laplacian the PyTorch reference uses on its synthetic topology: the neighbours of v are the
     * entries 1..6 of its level-0 spiral ({@code spiral[:, 1:7]}), less v itself, which this loss does
     * not accept (the reference's centroid would count it; the check exports these neighbours, so both
     * sides use the same ones). For topologies without a mesh ({@code RandomTopology}).
     */
    public static LaplacianSmoothingLoss fromSpirals(Spirals spirals) {
        final int ring = 6;
        int v = spirals.vertexCount();
        int[] offsets = new int[v + 1];
        int[] indices = new int[v * ring];
        int n = 0;
        for (int i = 0; i < v; i++) {
            for (int k = 1; k <= ring && k < spirals.length(); k++) {
                int u = spirals.indices()[i * spirals.length() + k];
                if (u != i) {
                    indices[n++] = u;
                }
            }
            offsets[i + 1] = n;
        }
        return new LaplacianSmoothingLoss(offsets, Arrays.copyOf(indices, n));
    }

    /** CSR offsets of the 1-rings, V + 1 entries (a copy). */
    public int[] offsets() {
        return offsets.clone();
    }

    /** The neighbours of all vertices, CSR order (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    public int vertexCount() {
        return vertexCount;
    }

    /** L_lap of a mesh batch [batch, V, 3]. */
    public double value(INDArray x) {
        return valueAndGradient(x, 0.0, null);
    }

    /** Returns L_lap(x) and adds {@code weight * dL_lap/dx} into {@code gradX} (null for none). */
    public double valueAndGradient(INDArray x, double weight, INDArray gradX) {
        ShapeChecks.requireMeshBatch(x, "Laplacian loss input");
        if (x.size(1) != vertexCount) {
            throw new IllegalArgumentException("Laplacian loss input: expected " + vertexCount + " vertices (the topology's), got " + x.size(1));
        }
        if (gradX != null) {
            ShapeChecks.requireSameShape(gradX, "Laplacian loss gradient", x, "its input");
        }
        HostArray ex = HostArray.of(x, "Laplacian loss input");
        HostArray gx = gradX == null ? null : HostArray.of(gradX, "Laplacian loss gradient");
        int batch = (int) x.size(0);
        double scale = weight / ((double) batch * vertexCount);
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            int base = 3 * b * vertexCount;
            for (int v = 0; v < vertexCount; v++) {
                int first = offsets[v];
                int end = offsets[v + 1];
                if (first == end) {
                    continue;
                }
                double inverseCount = 1.0 / (end - first);
                double cx = 0, cy = 0, cz = 0;
                for (int k = first; k < end; k++) {
                    int j = base + 3 * indices[k];
                    cx += ex.get(j);
                    cy += ex.get(j + 1);
                    cz += ex.get(j + 2);
                }
                int i = base + 3 * v;
                double rx = ex.get(i) - cx * inverseCount;
                double ry = ex.get(i + 1) - cy * inverseCount;
                double rz = ex.get(i + 2) - cz * inverseCount;
                double norm = Math.sqrt(rx * rx + ry * ry + rz * rz);
                sum += norm;
                if (gx != null && norm > 0) {
                    double f = scale / norm;
                    double gxv = f * rx, gyv = f * ry, gzv = f * rz;
                    gx.add(i, gxv);
                    gx.add(i + 1, gyv);
                    gx.add(i + 2, gzv);
                    // each neighbour entered the centroid with weight 1/|N(v)|
                    double nx = -gxv * inverseCount, ny = -gyv * inverseCount, nz = -gzv * inverseCount;
                    for (int k = first; k < end; k++) {
                        int j = base + 3 * indices[k];
                        gx.add(j, nx);
                        gx.add(j + 1, ny);
                        gx.add(j + 2, nz);
                    }
                }
            }
        }
        return sum / ((double) batch * vertexCount);
    }
}
