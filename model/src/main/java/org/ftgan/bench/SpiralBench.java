package org.ftgan.bench;

import java.util.Arrays;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.topology.MeshTopology;
import org.ftgan.topology.SpiralBuilder;
import org.ftgan.topology.Spirals;

/**
 * Times {@link MeshTopology#of} and {@link SpiralBuilder#build} (length 9, dilation 1) on grids
 * and icospheres around the template sizes (CoMA 5,023 vertices, 26,317 for the larger template),
 * and prints warm medians in milliseconds, with the first run of each mesh (the JVM warms up on
 * the first mesh, so only its first run is truly cold: the template pipeline builds once per JVM).
 *
 * <p>Usage: {@code SpiralBench [runs]} (default 30 timed runs per mesh, after as many warm-up runs).
 */
public final class SpiralBench {
    private SpiralBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        String[] names = {"grid 71x71", "icosphere(5)", "grid 163x163", "icosphere(6)"};
        Mesh[] meshes = {MeshShapes.grid(71, 71, 1f), MeshShapes.icosphere(5), MeshShapes.grid(163, 163, 1f),
                MeshShapes.icosphere(6)};
        System.out.printf("%-14s %8s %8s %12s %14s %12s %12s%n", "mesh", "vertices", "faces", "first run ms",
                "topology ms", "spirals ms", "total ms");
        for (int m = 0; m < meshes.length; m++) {
            Mesh mesh = meshes[m];
            long first = System.nanoTime();
            long checksum = SpiralBuilder.build(MeshTopology.of(mesh)).indices()[0];
            double firstMs = (System.nanoTime() - first) / 1e6;
            for (int i = 1; i < runs; i++) {
                checksum += SpiralBuilder.build(MeshTopology.of(mesh)).indices()[i % mesh.vertexCount()];
            }
            double[] topologyMs = new double[runs];
            double[] spiralMs = new double[runs];
            double[] totalMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                MeshTopology topology = MeshTopology.of(mesh);
                long t1 = System.nanoTime();
                Spirals spirals = SpiralBuilder.build(topology);
                long t2 = System.nanoTime();
                checksum += spirals.indices()[i % mesh.vertexCount()];
                topologyMs[i] = (t1 - t0) / 1e6;
                spiralMs[i] = (t2 - t1) / 1e6;
                totalMs[i] = (t2 - t0) / 1e6;
            }
            System.out.printf("%-14s %8d %8d %12.2f %14.2f %12.2f %12.2f%n", names[m], mesh.vertexCount(),
                    mesh.faceCount(), firstMs, median(topologyMs), median(spiralMs), median(totalMs));
            // keeps the JIT from discarding the work
            if (checksum == Long.MIN_VALUE) {
                System.out.println(checksum);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
