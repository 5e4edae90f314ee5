package org.ftgan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a training loop: the process RSS (VmRSS of /proc/self/status) every 100
 * training iterations of a config (default coma, batch 8, float, random batches); passes when the RSS
 * after the last iteration is within 10% of the RSS after iteration 100, i.e. the step's buffers are
 * reused and nothing grows per iteration.
 *
 * <p>Usage: {@code OMP_NUM_THREADS=2 java -cp ... org.ftgan.bench.TrainMemoryBench [config] [batch] [iterations]}
 * (default coma 8 1000). The RSS also counts Java heap pages as the collector first touches them; run
 * with {@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch} (a fixed, pre-touched heap) to see native growth alone.
 */
public final class TrainMemoryBench {
    private static final int REPORT_EVERY = 100;
    private static final double TOLERANCE = 0.10;

    private TrainMemoryBench() {
    }

    public static void main(String[] args) throws IOException {
        String config = args.length > 0 ? args[0] : "coma";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        if (iterations < 2 * REPORT_EVERY) {
            throw new IllegalArgumentException("iterations: expected at least " + 2 * REPORT_EVERY + ", got " + iterations);
        }
        TrainBenchSetup setup = new TrainBenchSetup(config, batch);
        System.out.printf("config %s, batch %d, float, %d iterations; in MB: process RSS, Java heap used and committed,"
                + " RSS minus committed heap (native memory, JIT code, metaspace)%n", config, batch, iterations);
        long start = System.nanoTime();
        long rssAt100 = 0;
        long rss = 0;
        for (int i = 1; i <= iterations; i++) {
            setup.iterate();
            if (i % REPORT_EVERY == 0) {
                rss = residentBytes();
                if (i == REPORT_EVERY) {
                    rssAt100 = rss;
                }
                Runtime rt = Runtime.getRuntime();
                System.out.printf("  iteration %5d: RSS %8.1f, heap used %7.1f, committed %7.1f, RSS - committed %8.1f, %.1f s%n",
                        i, rss / 1e6, (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.totalMemory() / 1e6,
                        (rss - rt.totalMemory()) / 1e6, (System.nanoTime() - start) / 1e9);
            }
        }
        double growth = (double) (rss - rssAt100) / rssAt100;
        System.out.printf("RSS after %d: %.1f MB, after %d: %.1f MB, growth %+.1f%% (limit %.0f%%): %s%n", REPORT_EVERY,
                rssAt100 / 1e6, iterations, rss / 1e6, 100 * growth, 100 * TOLERANCE,
                Math.abs(growth) <= TOLERANCE ? "PASS" : "FAIL");
    }

    /** VmRSS of this process, in bytes. */
    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024L;
            }
        }
        throw new IOException("/proc/self/status: no VmRSS line");
    }
}
