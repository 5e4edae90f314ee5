package org.ftgan.worker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import io.temporal.api.enums.v1.EventType;
import org.ftgan.names.RunStatus;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;
import org.ftgan.workflows.experiment.WorkflowIds;

/**
 * Early stopping against the full grid (issue 17): the same quickstart-sized sweep (the quickstart's
 * network, data, budget and 2 x 2 grid, with evaluation during training every 25 steps) run twice on
 * one real stack ({@link BenchPlatform}, platform defaults: 30 s heartbeat timeout, so a stop reaches
 * training within 24 s), once as the full grid and once with ASHA on E_transfer (first rung 50,
 * reduction factor 3). Prints each one's wall time, total steps trained, run statuses and the best final
 * E_transfer.
 *
 * <p>Usage: {@code EarlyStoppingBench [max_parallel [asha-first]]}, default 2 (the quickstart's), the full
 * grid first; {@code asha-first} swaps the order (the second experiment on a stack runs faster either way).
 *
 * <p>{@code EarlyStoppingBench benchmark STEPS [max_parallel [asha-first]]} runs the 27-run sweep instead:
 * {@code experiments/benchmark/transfer.yaml}'s data, network and losses with a 3 x 3 x 3 grid over
 * {@code loss.lambda_srec}, {@code training.lr} and the seed, each run trained STEPS steps (the definition's
 * 4,000 cost about 6 h of 2 cores for the grid alone), evaluated during training every STEPS / 8 steps, and
 * ASHA from rung STEPS / 8 with reduction factor 3.
 */
public final class EarlyStoppingBench {
    private EarlyStoppingBench() {
    }

    static String definition(String name, String earlyStopping, int maxParallel) {
        return """
                name: %s
                description: quickstart-sized sweep for the early-stopping benchmark
                tags: [bench]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                  seed: 1
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                loss: {lambda_srec: 0.4}
                training: {steps: 150, batch: 4, lr: 1.0e-3, seed: 1, log_every: 10, checkpoint_every_steps: 50, keep_last: 2}
                evaluation: {triplets: 200, seed: 1, pool: all, every_steps: 25, training_triplets: 50, keep_best: true}
                sweep:
                  grid:
                    loss: {lambda_srec: [0.4, 1.0]}
                    training: {seed: [1, 2]}
                  max_parallel: %d
                %s
                """.formatted(name, maxParallel, earlyStopping);
    }

    /** The 27-run sweep of the benchmark definition at {@code steps} steps a run (see the class comment). */
    static String benchmarkDefinition(String name, String earlyStopping, int maxParallel, int steps) {
        int every = Math.max(1, steps / 8);
        return """
                name: %s
                description: 27-run sweep of the benchmark definition (experiments/benchmark/transfer.yaml) for the early-stopping benchmark
                tags: [bench]
                dataset:
                  kind: synthetic
                  synth: {preset: calibrated, subjects: 12, expressions: 12, vertices: 1000, seed: 1}
                  seed: 1
                model: {preset: tiny, content_dim: 20, style_dim: 5}
                topology: {factors: [4, 4]}
                loss: {lambda_adv: 1.0, lambda_feat: 1.0, lambda_srec: 0.4, lambda_lap: 1.0, gamma_r1: 10}
                training: {steps: %d, batch: 8, lr: 5.0e-4, seed: 1, log_every: %d, checkpoint_every_steps: %d, keep_last: 2}
                evaluation: {triplets: 400, seed: 1, pool: test, every_steps: %d, training_triplets: 200, keep_best: true}
                sweep:
                  grid:
                    loss: {lambda_srec: [0.1, 0.4, 1.0]}
                    training: {lr: [2.0e-4, 5.0e-4, 1.0e-3], seed: [1, 2, 3]}
                  max_parallel: %d
                %s
                """.formatted(name, steps, Math.max(1, every / 2), every, every, maxParallel, earlyStopping);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("benchmark")) {
            benchmark(args);
            return;
        }
        int maxParallel = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        compare(maxParallel, args.length > 1 && args[1].equals("asha-first"),
                // the warm-up prepares the shared dataset and warms the JVM, unmeasured
                definition("warm-up", "", maxParallel).replace("seed: [1, 2]", "seed: [1]")
                        .replace("lambda_srec: [0.4, 1.0]", "lambda_srec: [0.4]").replace("steps: 150", "steps: 10"),
                definition("full-grid", "", maxParallel),
                definition("asha", "  early_stopping: {method: asha, metric: E_transfer, min_steps: 50,"
                        + " reduction_factor: 3, max_steps: 150}", maxParallel));
    }

    private static void benchmark(String[] args) throws Exception {
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int maxParallel = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        compare(maxParallel, args.length > 3 && args[3].equals("asha-first"),
                // the warm-up prepares the benchmark's dataset and warms the JVM, unmeasured
                benchmarkDefinition("warm-up", "", maxParallel, 10)
                        .replace("lambda_srec: [0.1, 0.4, 1.0]", "lambda_srec: [0.4]")
                        .replace("lr: [2.0e-4, 5.0e-4, 1.0e-3], seed: [1, 2, 3]", "seed: [1]"),
                benchmarkDefinition("full-grid-27", "", maxParallel, steps),
                benchmarkDefinition("asha-27", "  early_stopping: {method: asha, metric: E_transfer, min_steps: "
                        + Math.max(1, steps / 8) + ", reduction_factor: 3, max_steps: " + steps + "}", maxParallel, steps));
    }

    /** One stack: the warm-up unmeasured, then the full grid and the ASHA sweep (in that order unless ashaFirst). */
    private static void compare(int maxParallel, boolean ashaFirst, String warmUp, String full, String asha) throws Exception {
        Path dir = Files.createTempDirectory("ftgan-early-stopping-bench");
        System.out.println("load average at start: " + PlatformBench.loadAverage());
        try (BenchPlatform platform = BenchPlatform.start(dir, maxParallel)) {
            run(platform, warmUp, false);
            run(platform, ashaFirst ? asha : full, true);
            System.out.println("load average: " + PlatformBench.loadAverage());
            run(platform, ashaFirst ? full : asha, true);
            System.out.println("load average at end: " + PlatformBench.loadAverage());
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(BenchPlatform platform, String yaml, boolean print) {
        long t0 = System.nanoTime();
        String id = platform.submitter.submit(yaml, "early-stopping bench", Map.of(), "bench").experimentId();
        String status = platform.submitter.awaitExperiment(id).dbName();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!print) {
            return;
        }
        List<RunRow> rows = platform.records.runs().listByExperiment(id);
        long steps = rows.stream().mapToLong(r -> r.lastStep() == null ? 0 : r.lastStep()).sum();
        long budget = rows.stream().mapToLong(r -> r.config().path("training").path("steps").asLong()).sum();
        double best = Double.NaN;
        String bestRun = "-";
        for (RunRow r : rows) {
            for (ResultRow m : platform.records.results().list(r.id())) {
                if (m.metric().equals("e_transfer") && m.method().equals("facetunegan") && m.expression().isEmpty()
                        && (Double.isNaN(best) || m.mean() < best)) {
                    best = m.mean();
                    bestRun = r.runKey();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: experiment %s, wall %.1f s, %d steps trained in all (grid budget %d), statuses %s,"
                        + " best final E_transfer %.3f mm (%s)%n", id, status, wall, steps, budget,
                rows.stream().map(r -> r.runKey() + "=" + r.status() + "@" + r.lastStep()).toList(), best, bestRun);
        long stopped = rows.stream().filter(r -> r.status() == RunStatus.STOPPED_EARLY).count();
        long reports = platform.client.client().fetchHistory(WorkflowIds.experiment(id)).getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
                        && e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("reportRung")).count();
        System.out.printf(Locale.ROOT, "  %d of %d runs stopped early; %d figures reported to the experiment workflow%n",
                stopped, rows.size(), reports);
        for (RunRow r : rows) {
            StringBuilder curve = new StringBuilder();
            for (EvaluationCurveRecords.Point p : platform.records.evaluationCurves().points(r.id())) {
                curve.append(String.format(Locale.ROOT, " %d:%.3f", p.step(), p.transfer()));
            }
            String why = platform.records.events().listByRun(r.id()).stream()
                    .filter(e -> e.status() == RunStatus.STOPPED_EARLY).map(e -> " -- " + e.reason()).findFirst().orElse("");
            System.out.printf(Locale.ROOT, "  %s %s, E_transfer during training (step:mm)%s%s%n", r.runKey(), r.status(), curve, why);
        }
    }
}
