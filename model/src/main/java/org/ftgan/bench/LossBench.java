package org.ftgan.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.bytedeco.javacpp.Pointer;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.nn.Parameter;
import org.ftgan.train.Adam;
import org.ftgan.train.AverageVertexDistance;
import org.ftgan.train.GradientClipping;
import org.ftgan.train.LaplacianSmoothingLoss;
import org.ftgan.train.RandomStream;
import org.ftgan.train.RunRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the training losses and the optimizer at the sizes of the {@code coma} config: AVD and the
 * Laplacian loss (value and gradient) on a FLOAT batch of 8 meshes of 5023 vertices, and an Adam step
 * plus the global gradient norm over the coma networks' 2,924,108 parameters. Prints medians in ms,
 * and the process's native memory before and after many Adam steps (it must not grow).
 *
 * <p>Usage: {@code LossBench [repetitions] [adamMemorySteps]} (defaults 50 and 2000).
 */
public final class LossBench {
    private static final int VERTICES = 5023;
    private static final int BATCH = 8;
    /** Content encoder + style encoder + decoder with mapping + discriminator of the coma config (MODEL.md). */
    private static final long COMA_PARAMETERS = 1_487_812L + 257_860L + 894_067L + 284_369L;

    private LossBench() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int memorySteps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        RandomStream random = new RunRandom(1).stream("bench");

        INDArray a = Nd4j.create(DataType.FLOAT, BATCH, VERTICES, 3);
        INDArray b = Nd4j.create(DataType.FLOAT, BATCH, VERTICES, 3);
        INDArray grad = Nd4j.create(DataType.FLOAT, BATCH, VERTICES, 3);
        random.fillGaussian(a, 0, 1);
        random.fillGaussian(b, 0, 1);
        LaplacianSmoothingLoss laplacian = gridLaplacian(VERTICES);

        System.out.printf("AVD value+grad  [%d, %d, 3] float: median %.3f ms%n", BATCH, VERTICES,
                medianMillis(repetitions, () -> AverageVertexDistance.valueAndGradient(a, b, 1.0, grad, null)));
        System.out.printf("AVD value only  [%d, %d, 3] float: median %.3f ms%n", BATCH, VERTICES,
                medianMillis(repetitions, () -> AverageVertexDistance.value(a, b)));
        System.out.printf("Laplacian value+grad [%d, %d, 3] float: median %.3f ms%n", BATCH, VERTICES,
                medianMillis(repetitions, () -> laplacian.valueAndGradient(a, 1.0, grad)));

        List<Parameter> parameters = parameters(COMA_PARAMETERS, 40, random);
        Adam adam = new Adam(parameters, Adam.Settings.defaults());
        System.out.printf("Adam step over %,d float parameters (%d tensors): median %.3f ms%n", COMA_PARAMETERS, parameters.size(),
                medianMillis(repetitions, adam::step));
        System.out.printf("global gradient norm over the same: median %.3f ms%n",
                medianMillis(repetitions, () -> GradientClipping.globalNorm(parameters)));

        System.gc();
        long before = Pointer.physicalBytes();
        for (int i = 0; i < memorySteps; i++) {
            adam.step();
        }
        System.gc();
        long after = Pointer.physicalBytes();
        System.out.printf("process resident memory around %d more Adam steps: %.1f MB -> %.1f MB%n", memorySteps,
                before / 1e6, after / 1e6);
    }

    private static double medianMillis(int repetitions, Runnable work) {
        for (int i = 0; i < Math.max(5, repetitions / 5); i++) {
            work.run(); // warm-up for the JIT
        }
        double[] times = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[repetitions / 2];
    }

    /** {@code total} parameters split into {@code tensors} FLOAT tensors with random values and gradients. */
    private static List<Parameter> parameters(long total, int tensors, RandomStream random) {
        List<Parameter> out = new ArrayList<>();
        long remaining = total;
        for (int k = 0; k < tensors; k++) {
            long size = k == tensors - 1 ? remaining : total / tensors;
            remaining -= size;
            INDArray value = Nd4j.create(DataType.FLOAT, size);
            random.fillGaussian(value, 0, 0.05);
            Parameter p = new Parameter("bench.p" + k, value);
            random.fillGaussian(p.grad(), 0, 1e-3);
            out.add(p);
        }
        return out;
    }

    /**
     * The 1-rings of the first {@code vertices} vertices of a triangulated square grid large enough to
     * hold them (degree 6 inside, as on a face template), links to the cut-off vertices dropped.
     */
    private static LaplacianSmoothingLoss gridLaplacian(int vertices) {
        int side = (int) Math.ceil(Math.sqrt(vertices));
        Mesh grid = MeshShapes.grid(side, side, 1f);
        List<TreeSet<Integer>> rings = new ArrayList<>();
        for (int v = 0; v < vertices; v++) {
            rings.add(new TreeSet<>());
        }
        int[] t = grid.triangles();
        for (int f = 0; f < t.length; f += 3) {
            for (int k = 0; k < 3; k++) {
                int p = t[f + k];
                int q = t[f + (k + 1) % 3];
                if (p < vertices && q < vertices) {
                    rings.get(p).add(q);
                    rings.get(q).add(p);
                }
            }
        }
        int[] offsets = new int[vertices + 1];
        for (int v = 0; v < vertices; v++) {
            offsets[v + 1] = offsets[v] + rings.get(v).size();
        }
        int[] indices = new int[offsets[vertices]];
        int i = 0;
        for (TreeSet<Integer> ring : rings) {
            for (int n : ring) {
                indices[i++] = n;
            }
        }
        return new LaplacianSmoothingLoss(offsets, indices);
    }
}
