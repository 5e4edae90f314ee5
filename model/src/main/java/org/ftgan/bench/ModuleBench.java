package org.ftgan.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ftgan.nn.Discriminator;
import org.ftgan.nn.FaceTuneGanNetworks;
import org.ftgan.nn.ModelConfig;
import org.ftgan.nn.Parallel;
import org.ftgan.nn.Profiler;
import org.ftgan.nn.RandomTopology;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times forward + backward of each FaceTuneGAN network in float on a random topology of a config
 * (default coma, batch 8), reports medians after warm-up, then a per-module profile.
 *
 * <p>Usage: {@code OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE java -cp ... org.ftgan.bench.ModuleBench [config] [batch]
 * [iterations] [warmup]}. Without {@code OMP_WAIT_POLICY=PASSIVE}, ND4J's OpenMP threads spin after each
 * op and slow the next BLAS call or Java loop, badly so on a 2-core machine.
 */
public final class ModuleBench {
    private ModuleBench() {
    }

    public static void main(String[] args) {
        ModelConfig config = ModelConfig.preset(args.length > 0 ? args[0] : "coma");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        FaceTuneGanNetworks nets = FaceTuneGanNetworks.create(config, RandomTopology.generate(config, 0), 0);
        SplittableRandom rng = new SplittableRandom(1);
        INDArray meshes = random(rng, batch, config.vertices(0), 3);
        INDArray content = random(rng, batch, config.contentDim());
        INDArray style = random(rng, batch, config.styleDim());
        INDArray gradContent = random(rng, batch, config.contentDim());
        INDArray gradStyle = random(rng, batch, config.styleDim());
        INDArray gradMeshes = random(rng, batch, config.vertices(0), 3);
        INDArray gradLogits = random(rng, batch, config.classes());
        INDArray gradFeatures = random(rng, batch, (long) config.lastVertices() * config.lastChannels());

        List<String> names = List.of("content_encoder", "style_encoder", "decoder_with_mapping", "discriminator");
        List<Runnable> steps = List.of(
                () -> {
                    nets.contentEncoder().forward(meshes);
                    nets.contentEncoder().backward(gradContent);
                },
                () -> {
                    nets.styleEncoder().forward(meshes);
                    nets.styleEncoder().backward(gradStyle);
                },
                () -> {
                    nets.decoder().forward(content, style);
                    nets.decoder().backward(gradMeshes);
                },
                () -> {
                    Discriminator d = nets.discriminator();
                    d.forward(meshes);
                    d.backward(gradLogits, gradFeatures);
                });
        System.out.printf("config %s, batch %d, float, %d Java threads, OMP_NUM_THREADS=%s, %d iterations after %d warm-up%n",
                config.name(), batch, Parallel.threads(), System.getenv("OMP_NUM_THREADS"), iterations, warmup);
        double total = 0;
        for (int n = 0; n < steps.size(); n++) {
            long cpu0 = processCpuNanos();
            double[] ms = time(steps.get(n), iterations, warmup);
            double cpuPerIteration = (processCpuNanos() - cpu0) / 1e6 / (iterations + warmup);
            double median = median(ms);
            total += median;
            System.out.printf("  %-22s forward+backward median %8.2f ms  (min %.2f, max %.2f; process CPU %.2f ms)%n",
                    names.get(n), median, Arrays.stream(ms).min().orElse(0), Arrays.stream(ms).max().orElse(0),
                    cpuPerIteration);
        }
        System.out.printf("  %-22s %8.2f ms%n", "sum of medians", total);

        Profiler.reset();
        Profiler.enable(true);
        for (int i = 0; i < iterations; i++) {
            steps.forEach(Runnable::run);
        }
        Profiler.enable(false);
        System.out.printf("per-module profile (ms per iteration of all four networks; gather/gemm/scatter are parts of SpiralConv):%n");
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(Profiler.snapshot().entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        for (Map.Entry<String, long[]> e : rows) {
            System.out.printf("  %-26s %8.2f ms  (%d calls)%n", e.getKey(), e.getValue()[0] / 1e6 / iterations,
                    e.getValue()[1] / iterations);
        }
    }

    /** CPU time of the whole process (all threads, BLAS included): steadier than wall time on a shared machine. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    private static double[] time(Runnable step, int iterations, int warmup) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static INDArray random(SplittableRandom rng, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return Nd4j.create(v, shape, 'c');
    }
}
