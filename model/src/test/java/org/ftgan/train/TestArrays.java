package org.ftgan.train;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.ftgan.mesh.Mesh;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inputs for the loss tests: seeded random arrays and mesh batches with their 1-rings. */
final class TestArrays {
    private TestArrays() {
    }

    static INDArray gaussian(long seed, DataType type, long... shape) {
        INDArray a = Nd4j.create(type, shape);
        new RandomStream("test", seed).fillGaussian(a, 0, 1);
        return a;
    }

    /** [batch, V, 3] with every sample a copy of the mesh's positions. */
    static INDArray batchOf(Mesh mesh, int batch, DataType type) {
        int v = mesh.vertexCount();
        INDArray a = Nd4j.create(type, batch, v, 3);
        float[] p = mesh.positions();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < 3 * v; i++) {
                a.putScalar((long) b * 3 * v + i, p[i]);
            }
        }
        return a;
    }

    /** CSR 1-rings from the mesh's triangles: {offsets, indices}, neighbours sorted. */
    static int[][] oneRings(Mesh mesh) {
        int v = mesh.vertexCount();
        List<TreeSet<Integer>> rings = new ArrayList<>();
        for (int i = 0; i < v; i++) {
            rings.add(new TreeSet<>());
        }
        int[] t = mesh.triangles();
        for (int f = 0; f < t.length; f += 3) {
            for (int k = 0; k < 3; k++) {
                rings.get(t[f + k]).add(t[f + (k + 1) % 3]);
                rings.get(t[f + (k + 1) % 3]).add(t[f + k]);
            }
        }
        int[] offsets = new int[v + 1];
        for (int i = 0; i < v; i++) {
            offsets[i + 1] = offsets[i] + rings.get(i).size();
        }
        int[] indices = new int[offsets[v]];
        int k = 0;
        for (TreeSet<Integer> ring : rings) {
            for (int n : ring) {
                indices[k++] = n;
            }
        }
        return new int[][] {offsets, indices};
    }
}
