package org.ftgan.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ftgan.nn.BlasLibrary;
import org.ftgan.nn.Gemm;
import org.ftgan.nn.Parallel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where one training iteration stands against the machine's limit. Counts the matrix products of
 * one iteration exactly (every product goes through {@link Gemm}; 2 m n k each), measures the
 * machine's sgemm peak on square products, times every counted shape alone, and times the whole
 * iteration, then prints:
 * <ul>
 * <li>the step's floating-point work and its compute-bound limit (work / peak);</li>
 * <li>the step's median time as a multiple of that limit;</li>
 * <li>per shape: calls, work, time alone and the rate the BLAS reaches on it;</li>
 * <li>the per-kernel profile of the step ({@link TrainStepBench#profile}).</li>
 * </ul>
 * Operations other than matrix products (gathers, scatter sums, element-wise passes, Adam) are
 * memory-bound and left out of the work: their arithmetic is below 2% of the products' (a scatter
 * sum adds B rows L in numbers for the 2 B rows L in out of its product, out >= 16).
 *
 * <p>Usage: {@code ftgan bench roofline [config=coma] [batch=8] [iterations=7] [repeats per shape=9]};
 * threads as {@link Parallel#threads()} and {@code OMP_NUM_THREADS}.
 */
public final class RooflineBench {
    private static final int PEAK_SIZE = 2048;

    private RooflineBench() {
    }

    public static void main(String[] args) {
        BlasLibrary.choose();
        String config = args.length > 0 ? args[0] : "coma";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        if (batch < 1 || iterations < 1 || repeats < 1) {
            throw new IllegalArgumentException("batch, iterations and repeats must be >= 1, got " + batch + ", " + iterations
                    + ", " + repeats);
        }
        TrainBenchSetup setup = new TrainBenchSetup(config, batch);
        System.out.printf("%s, batch %d, float, %d Java threads, OMP_NUM_THREADS=%s, BLAS: %s%n", config, batch,
                Parallel.threads(), System.getenv("OMP_NUM_THREADS"), BlasLibrary.describe());
        setup.iterate();
        setup.iterate();

        Gemm.count(true);
        setup.iterate();
        Gemm.count(false);
        Map<Gemm.Shape, Long> shapes = Gemm.counted();

        double[] seconds = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            setup.iterate();
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        double step = TrainBenchSetup.median(seconds);

        double peak = squareRate(repeats);
        System.out.printf("sgemm peak: [%d, %d] x [%d, %d] at %.1f GFLOP/s (median of %d)%n", PEAK_SIZE, PEAK_SIZE,
                PEAK_SIZE, PEAK_SIZE, peak / 1e9, repeats);

        double work = 0;
        double alone = 0;
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Gemm.Shape, Long> e : shapes.entrySet()) {
            Gemm.Shape s = e.getKey();
            long calls = e.getValue();
            double t = shapeSeconds(s, repeats);
            work += calls * s.flops();
            alone += calls * t;
            lines.add(String.format("  %-40s %4d calls %8.3f GFLOP %8.2f ms alone %6.1f GFLOP/s", s, calls,
                    calls * s.flops() / 1e9, calls * t * 1e3, s.flops() / t / 1e9));
        }
        double limit = work / peak;
        System.out.printf("matrix products per iteration: %d shapes, %d calls, %.3f GFLOP%n", shapes.size(),
                shapes.values().stream().mapToLong(Long::longValue).sum(), work / 1e9);
        lines.forEach(System.out::println);
        System.out.printf("the products alone: %.1f ms per iteration (%.1f GFLOP/s, %.0f%% of peak)%n", alone * 1e3,
                work / alone / 1e9, 100 * work / alone / peak);
        System.out.printf("step: median %.3f s per iteration over %d (range %.3f-%.3f)%n", step, iterations,
                Arrays.stream(seconds).min().orElse(0), Arrays.stream(seconds).max().orElse(0));
        System.out.printf("compute-bound limit: %.3f s per iteration; the step takes %.2fx it (target <= 2x)%n", limit,
                step / limit);
        TrainStepBench.profile(setup);
    }

    private static double squareRate(int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, PEAK_SIZE, PEAK_SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, PEAK_SIZE, PEAK_SIZE);
        INDArray c = Nd4j.create(DataType.FLOAT, PEAK_SIZE, PEAK_SIZE);
        Gemm.Shape s = new Gemm.Shape(PEAK_SIZE, PEAK_SIZE, PEAK_SIZE, false, false, false, DataType.FLOAT);
        return s.flops() / time(a, b, c, s, repeats);
    }

    /** Median seconds of one product of this shape on fresh operands. */
    private static double shapeSeconds(Gemm.Shape s, int repeats) {
        INDArray a = s.transposeA() ? Nd4j.rand(s.type(), s.k(), s.m()) : Nd4j.rand(s.type(), s.m(), s.k());
        INDArray b = s.transposeB() ? Nd4j.rand(s.type(), s.n(), s.k()) : Nd4j.rand(s.type(), s.k(), s.n());
        INDArray c = Nd4j.create(s.type(), s.m(), s.n());
        return time(a, b, c, s, repeats);
    }

    private static double time(INDArray a, INDArray b, INDArray c, Gemm.Shape s, int repeats) {
        double beta = s.accumulate() ? 1.0 : 0.0;
        Gemm.multiply(a, b, c, s.transposeA(), s.transposeB(), 1.0, beta);
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            Gemm.multiply(a, b, c, s.transposeA(), s.transposeB(), 1.0, beta);
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        a.close();
        b.close();
        c.close();
        return TrainBenchSetup.median(t);
    }
}
