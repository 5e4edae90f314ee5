package org.ftgan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.mesh.MeshWithValues;
import org.ftgan.mesh.ObjReader;
import org.ftgan.mesh.ObjWriter;
import org.ftgan.mesh.PlyReader;
import org.ftgan.mesh.PlyWriter;

/**
 * Measures mesh file writing and reading on a face-sized mesh (5,041 vertices, 9,800 triangles, with
 * a per-vertex error value), in binary PLY (both byte orders), ASCII PLY and OBJ, and prints the median
 * time per file and the throughput.
 *
 * <p>Usage: {@code MeshIoBench [iterations, default 200] [directory, default a temporary one]}.
 */
public final class MeshIoBench {
    /** Warm-up per measured action, long enough for the JIT to compile the text parsers too. */
    private static final long WARMUP_NANOS = 2_000_000_000L;

    private MeshIoBench() {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("meshio-bench");
        Mesh mesh = noisyGrid(71, 71, new SplittableRandom(2024));
        float[] values = new float[mesh.vertexCount()];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.abs(random.nextGaussian());
        }
        System.out.printf("mesh: %d vertices, %d triangles; %d iterations after %d s warm-up; median per file%n",
                mesh.vertexCount(), mesh.faceCount(), iterations, WARMUP_NANOS / 1_000_000_000L);
        System.out.printf("%-28s %10s %10s %10s %10s %10s%n", "format", "bytes", "write ms", "write MB/s", "read ms", "read MB/s");

        long[] checksum = {0};
        for (PlyWriter.Encoding encoding : PlyWriter.Encoding.values()) {
            Path file = dir.resolve("bench_" + encoding.name().toLowerCase() + ".ply");
            measure("PLY " + encoding.name().toLowerCase(), file, iterations,
                    () -> PlyWriter.write(file, mesh, null, null, encoding),
                    () -> checksum[0] += PlyReader.read(file).faceCount());
            Path withValues = dir.resolve("bench_values_" + encoding.name().toLowerCase() + ".ply");
            measure("PLY " + encoding.name().toLowerCase() + " +error", withValues, iterations,
                    () -> PlyWriter.write(withValues, mesh, "error", values, encoding),
                    () -> {
                        MeshWithValues read = PlyReader.readWithProperty(withValues, "error");
                        checksum[0] += read.values().length;
                    });
        }
        Path obj = dir.resolve("bench.obj");
        measure("OBJ", obj, iterations, () -> ObjWriter.write(obj, mesh), () -> checksum[0] += ObjReader.read(obj).faceCount());
        Path objValues = dir.resolve("bench_values.obj");
        measure("OBJ +error (vt)", objValues, iterations, () -> ObjWriter.write(objValues, mesh, values),
                () -> checksum[0] += ObjReader.readWithValues(objValues).values().length);
        System.out.println("checksum " + checksum[0]);
        if (args.length <= 1) {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void measure(String name, Path file, int iterations, Action write, Action read) throws IOException {
        double writeMs = medianMs(write, iterations);
        double readMs = medianMs(read, iterations);
        long bytes = Files.size(file);
        System.out.printf("%-28s %10d %10.3f %10.1f %10.3f %10.1f%n", name, bytes,
                writeMs, bytes / 1e3 / writeMs, readMs, bytes / 1e3 / readMs);
    }

    private static double medianMs(Action action, int iterations) throws IOException {
        long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < warmupEnd) {
            action.run();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            action.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[iterations / 2] / 1e6;
    }

    /** A grid with seeded noise, so coordinates have the many digits of real scans. */
    private static Mesh noisyGrid(int nx, int ny, SplittableRandom random) {
        Mesh grid = MeshShapes.grid(nx, ny, 0.0021f);
        float[] p = grid.positions().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (random.nextDouble() * 1e-3);
        }
        return grid.withPositions(p);
    }
}
