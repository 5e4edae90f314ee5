package org.ftgan.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ftgan.nn.BlasLibrary;
import org.ftgan.nn.Parallel;
import org.ftgan.nn.Profiler;

/**
 * Times one FaceTuneGAN training iteration (generator step + discriminator step) of a config (coma by default),
 * batch 8, float, against the PyTorch reference of the same step, alternately in one session so both
 * see the same machine load: each round runs N Java iterations, then the reference as a subprocess
 * ({@code --config coma --batch 8 --threads T --steps N --warmup 1}), which prints a JSON line with its
 * {@code median_s_per_iter}. Reports the medians, their ratio (target, issue 15: Java at most 0.3x the
 * reference) and a per-module profile of the Java step.
 *
 * <p>Usage: {@code OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE java -cp ... org.ftgan.bench.TrainStepBench
 * [rounds=5] [iterations per round=3] [python=/usr/bin/python3] [script=/work/shared/peer/ftgan_ref.py] [config=coma]}
 * ({@code coma}, {@code facescape} or {@code tiny}, as the reference's {@code --config}).
 * The reference gets the same thread count as the Java loops ({@link Parallel#threads()}).
 */
public final class TrainStepBench {
    private static final Pattern MEDIAN = Pattern.compile("\"median_s_per_iter\"\\s*:\\s*([0-9.eE+-]+)");
    private static final int JAVA_WARMUP = 2;
    private static final int PROFILED_ITERATIONS = 2;

    private TrainStepBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        BlasLibrary.choose();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String python = args.length > 2 ? args[2] : "/usr/bin/python3";
        String script = args.length > 3 ? args[3] : "/work/shared/peer/ftgan_ref.py";
        String config = args.length > 4 ? args[4] : "coma";
        if (rounds < 1 || perRound < 1) {
            throw new IllegalArgumentException("rounds and iterations per round must be >= 1, got " + rounds + " and " + perRound);
        }
        int threads = Parallel.threads();
        TrainBenchSetup setup = new TrainBenchSetup(config, 8);
        System.out.printf("%s, batch 8, float, %d Java threads, OMP_NUM_THREADS=%s, BLAS %s; %d rounds of %d Java iterations"
                + " then the reference (%s %s --config %s --threads %d --steps %d)%n", config, threads, System.getenv("OMP_NUM_THREADS"),
                BlasLibrary.describe(), rounds, perRound, python, script, config, threads, perRound);
        for (int i = 0; i < JAVA_WARMUP; i++) {
            setup.iterate();
        }
        List<Double> javaSeconds = new ArrayList<>();
        double[] referenceSeconds = new double[rounds];
        long cpuStart = processCpuNanos();
        for (int r = 0; r < rounds; r++) {
            double[] round = new double[perRound];
            for (int i = 0; i < perRound; i++) {
                long t = System.nanoTime();
                setup.iterate();
                round[i] = (System.nanoTime() - t) / 1e9;
                javaSeconds.add(round[i]);
            }
            referenceSeconds[r] = runReference(python, script, config, threads, perRound);
            System.out.printf("  round %d: Java median %.3f s/iter, reference median %.3f s/iter%n", r + 1,
                    TrainBenchSetup.median(round), referenceSeconds[r]);
        }
        double javaMedian = TrainBenchSetup.median(javaSeconds.stream().mapToDouble(Double::doubleValue).toArray());
        double referenceMedian = TrainBenchSetup.median(referenceSeconds);
        System.out.printf("Java      median %.3f s per iteration (%d iterations)%n", javaMedian, javaSeconds.size());
        System.out.printf("reference median %.3f s per iteration (median of %d runs' medians)%n", referenceMedian, rounds);
        System.out.printf("ratio Java / reference %.2fx (target <= 0.30x)%n", javaMedian / referenceMedian);
        System.out.printf("Java process CPU during the rounds, reference runs excluded: %.3f s per iteration%n",
                (processCpuNanos() - cpuStart) / 1e9 / javaSeconds.size());
        profile(setup);
    }

    static void profile(TrainBenchSetup setup) {
        Profiler.reset();
        Profiler.enable(true);
        long t = System.nanoTime();
        for (int i = 0; i < PROFILED_ITERATIONS; i++) {
            setup.iterate();
        }
        double totalMs = (System.nanoTime() - t) / 1e6 / PROFILED_ITERATIONS;
        Profiler.enable(false);
        System.out.printf("per-module profile of the Java step (ms per iteration, %d iterations, wall %.1f ms per iteration;"
                + " gather/gemm/scatter are parts of SpiralConv):%n", PROFILED_ITERATIONS, totalMs);
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(Profiler.snapshot().entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[1] == 0 ? 0 : b.getValue()[0], a.getValue()[0]));
        double modules = 0;
        for (Map.Entry<String, long[]> e : rows) {
            double ms = e.getValue()[0] / 1e6 / PROFILED_ITERATIONS;
            if (e.getKey().endsWith(".forward") || e.getKey().endsWith(".backward")) {
                modules += ms;
            }
            System.out.printf("  %-26s %9.2f ms  (%d calls)%n", e.getKey(), ms, e.getValue()[1] / PROFILED_ITERATIONS);
        }
        System.out.printf("  %-26s %9.2f ms  (losses, batch copies, Adam, random batches)%n", "outside the modules",
                totalMs - modules);
    }

    /** Runs the reference for {@code steps} timed steps and returns its median seconds per iteration. */
    private static double runReference(String python, String script, String config, int threads, int steps)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(python, script, "--device", "cpu", "--config", config, "--batch", "8",
                "--threads", Integer.toString(threads), "--steps", Integer.toString(steps), "--warmup", "1");
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        Double median = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                Matcher m = MEDIAN.matcher(line);
                if (m.find()) {
                    median = Double.parseDouble(m.group(1));
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || median == null) {
            throw new IOException("reference " + script + " exited with " + exit + " without a median_s_per_iter line; output:\n"
                    + output);
        }
        return median;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }
}
