package org.ftgan.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.topology.HierarchyBuilder;
import org.ftgan.topology.HierarchyCache;
import org.ftgan.topology.MeshHierarchy;
import org.ftgan.topology.QuadricSimplifier;
import org.ftgan.topology.Simplification;
import org.ftgan.topology.UpSamplingBuilder;

/**
 * Times {@link HierarchyBuilder#build} (factors 4, 4, 4, 4) on face-sized meshes: a curved, bumpy grid
 * plus two small spheres as eyeballs, 69 x 69 + 2 x 162 = 5,085 vertices (CoMA's template has 5,023) and
 * 159 x 159 + 2 x 642 = 26,565 (FaceScape's has about 26,317). Reports the first call in this JVM (cold)
 * and the medians of the warm repetitions, in wall-clock and in this thread's CPU time (the machine may
 * be shared), the split between decimation and up-sampling, and the time to load the result from a
 * {@link HierarchyCache}.
 *
 * <p>Usage: {@code HierarchyBench [repetitions] [small|large ...]}, default 15 repetitions, both sizes.
 */
public final class HierarchyBench {
    private static final int[] FACTORS = {4, 4, 4, 4};

    private HierarchyBench() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String[] sizes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"small", "large"};
        System.out.printf("java %s, %d processors, factors %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Arrays.toString(FACTORS));
        for (String size : sizes) {
            switch (size) {
                case "small" -> run(faceLike(69, 2), repetitions);
                case "large" -> run(faceLike(159, 3), repetitions);
                default -> throw new IllegalArgumentException("size must be small or large, got " + size);
            }
        }
    }

    private static void run(Mesh mesh, int repetitions) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        MeshHierarchy h = HierarchyBuilder.build(mesh, FACTORS);
        double cold = ms(System.nanoTime() - t0);
        double coldCpu = ms(threads.getCurrentThreadCpuTime() - c0);
        double[] build = new double[repetitions];
        double[] buildCpu = new double[repetitions];
        double[] decimate = new double[repetitions];
        double[] upsample = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long s = System.nanoTime();
            long cs = threads.getCurrentThreadCpuTime();
            HierarchyBuilder.build(mesh, FACTORS);
            build[r] = ms(System.nanoTime() - s);
            buildCpu[r] = ms(threads.getCurrentThreadCpuTime() - cs);
            // the same work step by step, to see where the (CPU) time goes
            Mesh fine = mesh;
            for (int f : FACTORS) {
                long a = threads.getCurrentThreadCpuTime();
                Simplification simplified = QuadricSimplifier.simplify(fine, (fine.vertexCount() + f - 1) / f);
                long b = threads.getCurrentThreadCpuTime();
                UpSamplingBuilder.build(fine, simplified.coarse(), simplified.down());
                long c = threads.getCurrentThreadCpuTime();
                decimate[r] += ms(b - a);
                upsample[r] += ms(c - b);
                fine = simplified.coarse();
            }
        }
        Path dir = Files.createTempDirectory("hierarchy-bench");
        double[] load = new double[repetitions];
        try {
            HierarchyCache cache = new HierarchyCache(dir);
            cache.loadOrBuild(mesh, FACTORS);
            for (int r = 0; r < repetitions; r++) {
                long s = System.nanoTime();
                if (!cache.loadOrBuild(mesh, FACTORS).fromCache()) {
                    throw new IllegalStateException("the cache did not load its own file");
                }
                load[r] = ms(System.nanoTime() - s);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        System.out.printf("%,d vertices %s:%n  cold %.1f ms (cpu %.1f); warm median %.1f ms (cpu %.1f: decimation %.1f,"
                + " up-sampling %.1f); cache load median %.1f ms%n",
                mesh.vertexCount(), Arrays.toString(h.vertexCounts()), cold, coldCpu, median(build), median(buildCpu),
                median(decimate), median(upsample), median(load));
    }

    /** A bumpy dome of side x side vertices and two icospheres (eyeballs), separate components. */
    static Mesh faceLike(int side, int eyeSubdivisions) {
        Mesh eye = MeshShapes.icosphere(eyeSubdivisions);
        Mesh m = MeshShapes.union(bumpyGrid(side), MeshShapes.scaledAndMoved(eye, 0.12f, 0.35f, 0.3f, 0.6f));
        return MeshShapes.union(m, MeshShapes.scaledAndMoved(eye, 0.12f, -0.35f, 0.3f, 0.6f));
    }

    /** A side x side grid bent into a dome with bumps, so that edge costs differ as on a face. */
    static Mesh bumpyGrid(int side) {
        Mesh grid = MeshShapes.grid(side, side, 2f / (side - 1));
        float[] p = grid.positions().clone();
        for (int v = 0; v < grid.vertexCount(); v++) {
            double x = p[3 * v] - 1;
            double y = p[3 * v + 1] - 1;
            double z = 0.5 * Math.exp(-(x * x + y * y)) + 0.05 * Math.sin(7 * x) * Math.cos(5 * y)
                    + 0.1 * Math.exp(-((x - 0.3) * (x - 0.3) + y * y) * 30);
            p[3 * v] = (float) x;
            p[3 * v + 1] = (float) y;
            p[3 * v + 2] = (float) z;
        }
        return grid.withPositions(p);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
