package org.ftgan.topology;

import org.ftgan.mesh.Mesh;

/**
 * Builds the up-sampling U of one hierarchy step (as CoMA's {@code setup_deformation_transfer}): a fine
 * vertex kept by the down-sampling takes its coarse copy with weight exactly 1; any other fine vertex
 * takes the barycentric weights of its closest point on the closest coarse triangle.
 */
public final class UpSamplingBuilder {
    private UpSamplingBuilder() {
    }

    /**
     * @param fine   the finer level
     * @param coarse the coarser level, whose vertex c sits at fine vertex {@code down.keptFineVertex()[c]}
     * @param down   the selection from fine to coarse
     */
    public static UpSampling build(Mesh fine, Mesh coarse, DownSampling down) {
        if (down.fineCount() != fine.vertexCount() || down.coarseCount() != coarse.vertexCount()) {
            throw new IllegalArgumentException("down-sampling " + down.fineCount() + " -> " + down.coarseCount()
                    + " does not match meshes of " + fine.vertexCount() + " and " + coarse.vertexCount() + " vertices");
        }
        int n = fine.vertexCount();
        int[] coarseOf = new int[n];
        java.util.Arrays.fill(coarseOf, -1);
        int[] kept = down.keptFineVertex();
        for (int c = 0; c < kept.length; c++) {
            coarseOf[kept[c]] = c;
        }
        int[] index = new int[3 * n];
        float[] weight = new float[3 * n];
        TriangleBvh tree = null;
        int previous = -1;
        int[] coarseTriangles = coarse.triangles();
        float[] p = fine.positions();
        for (int v = 0; v < n; v++) {
            if (coarseOf[v] >= 0) {
                index[3 * v] = coarseOf[v];
                index[3 * v + 1] = coarseOf[v];
                index[3 * v + 2] = coarseOf[v];
                weight[3 * v] = 1f;
                continue;
            }
            if (tree == null) {
                tree = new TriangleBvh(coarse);
            }
            // consecutive vertices are usually close, so the last answer is a good first bound
            tree.nearest(p[3 * v], p[3 * v + 1], p[3 * v + 2], previous);
            int f = tree.nearestTriangle;
            previous = f;
            for (int k = 0; k < 3; k++) {
                index[3 * v + k] = coarseTriangles[3 * f + k];
                weight[3 * v + k] = (float) tree.nearestWeights[k];
            }
        }
        return new UpSampling(coarse.vertexCount(), index, weight);
    }
}
