package org.ftgan.worker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;

/**
 * TPE against random search (issue 17, item 2): a quickstart-sized sweep (the quickstart's network, data
 * and 150-step budget) whose learning rate and style-reconstruction weight are searched, n points each, on
 * one real stack ({@link BenchPlatform}). Both methods share the seed, so TPE's first n_startup points are
 * random search's first points. Prints each one's points in order with their final E_transfer, the best,
 * and the wall time.
 *
 * <p>Usage: {@code SearchBench [n [seed [max_parallel]]]}, default 8 points, seed 1, max_parallel 2.
 */
public final class SearchBench {
    private SearchBench() {
    }

    static String definition(String name, String method, int n, long seed, int maxParallel) {
        return """
                name: %s
                description: quickstart-sized sweep for the search benchmark
                tags: [bench]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                  seed: 1
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: 150, batch: 4, lr: 1.0e-3, seed: 1, log_every: 10, checkpoint_every_steps: 50, keep_last: 2}
                evaluation: {triplets: 200, seed: 1, pool: all}
                sweep:
                  max_parallel: %d
                  search:
                    method: %s
                    n: %d
                    seed: %d
                    %s
                    space:
                      training: {lr: {log_uniform: [1.0e-5, 1.0e-2]}}
                      loss: {lambda_srec: {uniform: [0.1, 2.0]}}
                """.formatted(name, maxParallel, method, n, seed, method.equals("tpe") ? "n_startup: 3" : "");
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int maxParallel = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Files.createTempDirectory("ftgan-search-bench");
        System.out.println("load average at start: " + PlatformBench.loadAverage());
        try (BenchPlatform platform = BenchPlatform.start(dir, maxParallel)) {
            // warm-up: prepares the shared dataset and warms the JVM, unmeasured
            run(platform, definition("warm-up", "random", 1, seed, maxParallel).replace("steps: 150", "steps: 10"), false);
            for (String method : List.of("random", "tpe")) {
                run(platform, definition(method + "-search-" + seed, method, n, seed, maxParallel), true);
                System.out.println("load average: " + PlatformBench.loadAverage());
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(BenchPlatform platform, String yaml, boolean print) {
        long t0 = System.nanoTime();
        String id = platform.submitter.submit(yaml, "search bench", Map.of(), "bench").experimentId();
        String status = platform.submitter.awaitExperiment(id).dbName();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!print) {
            return;
        }
        List<RunRow> rows = new ArrayList<>(platform.records.runs().listByExperiment(id));
        rows.sort(Comparator.comparingInt(RunRow::runIndex));
        double best = Double.NaN;
        String bestRun = "-";
        StringBuilder points = new StringBuilder();
        for (RunRow r : rows) {
            double e = platform.records.results().list(r.id()).stream()
                    .filter(m -> m.metric().equals("e_transfer") && m.method().equals("facetunegan") && m.expression().equals(ResultRow.OVERALL))
                    .mapToDouble(ResultRow::mean).findFirst().orElse(Double.NaN);
            if (!Double.isNaN(e) && (Double.isNaN(best) || e < best)) {
                best = e;
                bestRun = r.runKey();
            }
            points.append(String.format(Locale.ROOT, "  %s lr %.3g lambda_srec %.3f: E_transfer %.3f mm%n", r.runKey(),
                    r.overrides().path("training").path("lr").asDouble(), r.overrides().path("loss").path("lambda_srec").asDouble(), e));
        }
        System.out.printf(Locale.ROOT, "%s: experiment %s, wall %.1f s, %d runs, best final E_transfer %.3f mm (%s)%n%s",
                id, status, wall, rows.size(), best, bestRun, points);
    }
}
