package org.ftgan.bench;

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
 * Times {@link HierarchyBuilder#build} (factors 4, 4, 4, 4) on face-sized meshes: a curved, bumpy grid of
 * 71 x 71 = 5,041 vertices (CoMA's template has 5,023) and of 163 x 163 = 26,569 (FaceScape's has about
 * 26,317). Reports the first call in this JVM (cold) and the median of the warm repetitions, the split
 * between decimation and up-sampling, and the time to load the result from a {@link HierarchyCache}.
 *
 * <p>Usage: {@code HierarchyBench [repetitions] [side ...]}, default 15 repetitions, sides 71 and 163.
 */
public final class HierarchyBench {
    private static final int[] FACTORS = {4, 4, 4, 4};

    private HierarchyBench() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int[] sides = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {71, 163};
        System.out.printf("java %s, %d processors, factors %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Arrays.toString(FACTORS));
        for (int side : sides) {
            run(side, repetitions);
        }
    }

    private static void run(int side, int repetitions) throws Exception {
        Mesh mesh = bumpyGrid(side);
        long t0 = System.nanoTime();
        MeshHierarchy h = HierarchyBuilder.build(mesh, FACTORS);
        double cold = ms(System.nanoTime() - t0);
        double[] build = new double[repetitions];
        double[] decimate = new double[repetitions];
        double[] upsample = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long s = System.nanoTime();
            HierarchyBuilder.build(mesh, FACTORS);
            build[r] = ms(System.nanoTime() - s);
            // the same work step by step, to see where the time goes
            Mesh fine = mesh;
            for (int f : FACTORS) {
                long a = System.nanoTime();
                Simplification simplified = QuadricSimplifier.simplify(fine, (fine.vertexCount() + f - 1) / f);
                long b = System.nanoTime();
                UpSamplingBuilder.build(fine, simplified.coarse(), simplified.down());
                long c = System.nanoTime();
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
        System.out.printf("%,d vertices %s: cold %.1f ms, warm median %.1f ms (decimation %.1f, up-sampling %.1f), cache load %.1f ms%n",
                mesh.vertexCount(), Arrays.toString(h.vertexCounts()), cold, median(build), median(decimate),
                median(upsample), median(load));
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
