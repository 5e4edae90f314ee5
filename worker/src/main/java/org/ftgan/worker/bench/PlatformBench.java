package org.ftgan.worker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ftgan.names.RunStatus;
import org.ftgan.records.EventRow;
import org.ftgan.records.RunRow;
import org.ftgan.worker.experiment.ExperimentWorkflowImpl;
import org.ftgan.worker.run.RunIds;
import org.ftgan.workflows.PlatformDefaults;
import org.ftgan.workflows.experiment.WorkflowIds;

/**
 * Platform overhead and sweep throughput (issue 5), on the real stack started in a temporary
 * directory ({@link BenchPlatform}): embedded PostgreSQL, the Temporal dev server, one worker in
 * this JVM. Run it from inside the project (the Temporal CLI is found from the project root).
 *
 * <p>Usage: {@code PlatformBench [runs [sweep [max_parallel]]]}, defaults 20, 1000 and 4.
 *
 * <p>Part 1 submits {@code runs} tiny one-run experiments one after another (after one unmeasured
 * warm-up experiment, which prepares the shared synthetic dataset and warms the JVM) and splits
 * each run's timeline, taken from the records' timestamps and the Temporal histories, into:
 * submit to first training step stored, and last step stored to results stored (the succeeded
 * event), each broken down by stage. Part 2 runs one experiment with a {@code sweep}-run grid of
 * one-step runs, {@code max_parallel} at a time, and reports its wall time, the workflow history
 * length of every experiment-workflow execution across continue-as-new and of the run workflows,
 * and checks that every run succeeded with results. {@code sweep} 0 skips part 2.
 */
public final class PlatformBench {
    /** Steps of each run of part 1: long enough that the end is not the beginning. */
    static final int OVERHEAD_STEPS = 20;

    private PlatformBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 3) {
            throw new IllegalArgumentException("usage: PlatformBench [runs [sweep [max_parallel]]], got " + List.of(args));
        }
        int runs = intArg(args, 0, "runs", 20, 1);
        int sweep = intArg(args, 1, "sweep", 1000, 0);
        int maxParallel = intArg(args, 2, "max_parallel", 4, 1);
        Path dir = Files.createTempDirectory("ftgan-platform-bench");
        System.out.printf(Locale.ROOT, "platform bench: %d overhead runs, sweep of %d, max_parallel %d, in %s%n",
                runs, sweep, maxParallel, dir);
        System.out.println("load average at start: " + loadAverage());
        try {
            long t = System.nanoTime();
            try (BenchPlatform platform = BenchPlatform.start(dir, maxParallel)) {
                System.out.printf(Locale.ROOT, "stack started in %.1f s (PostgreSQL, Temporal dev server, worker)%n",
                        (System.nanoTime() - t) / 1e9);
                WorkflowHistories histories = new WorkflowHistories(platform.client.service(), PlatformDefaults.NAMESPACE);
                overhead(platform, histories, runs);
                System.out.println("load average after part 1: " + loadAverage());
                if (sweep > 0) {
                    sweep(platform, histories, sweep, maxParallel);
                    System.out.println("load average after part 2: " + loadAverage());
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** A tiny experiment on the ~650-vertex 3x3 synthetic set of the platform tests. */
    static String definition(String name, String training, String sweep) {
        return """
                name: %s
                description: platform benchmark
                tags: [bench]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {%s}
                evaluation: {triplets: 20, seed: 1, pool: all}
                %s
                """.formatted(name, training, sweep);
    }

    // ---- part 1: overhead per run ----

    private static void overhead(BenchPlatform platform, WorkflowHistories histories, int runs) {
        String training = "steps: " + OVERHEAD_STEPS + ", batch: 4, seed: 1, log_every: 1";
        RunTimeline.measure(platform, histories, definition("overhead-warmup", training, ""));
        List<RunTimeline> timelines = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            timelines.add(RunTimeline.measure(platform, histories, definition("overhead-" + i, training, "")));
        }
        System.out.printf(Locale.ROOT, "%nPart 1: %d one-run experiments of %d steps (log_every 1), one after another%n",
                runs, OVERHEAD_STEPS);
        System.out.println("| span | median s | p90 s | min s | max s |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (Map.Entry<String, ToDoubleFunction<RunTimeline>> row : RunTimeline.SPANS.entrySet()) {
            double[] v = timelines.stream().mapToDouble(row.getValue()).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n",
                    row.getKey(), median(v), p90(v), v[0], v[v.length - 1]);
        }
        double start = median(timelines.stream().mapToDouble(RunTimeline::submitToFirstStep).sorted().toArray());
        double end = median(timelines.stream().mapToDouble(RunTimeline::lastStepToSucceeded).sorted().toArray());
        double startPlatform = median(timelines.stream().mapToDouble(RunTimeline::startOverhead).sorted().toArray());
        double endPlatform = median(timelines.stream().mapToDouble(RunTimeline::endOverhead).sorted().toArray());
        System.out.printf(Locale.ROOT, "targets (medians): submit to first step %.3f s %s 1 s; last step to results %.3f s %s 1 s;"
                        + " together %.3f s %s 1.2 s (2%% of a one-minute run)%n",
                start, start < 1 ? "<" : ">=", end, end < 1 ? "<" : ">=", start + end, start + end < 1.2 ? "<" : ">=");
        System.out.printf(Locale.ROOT, "without the first step's compute and the evaluation: %.3f s + %.3f s = %.3f s%n",
                startPlatform, endPlatform, startPlatform + endPlatform);
    }

    // ---- part 2: a large sweep ----

    private static void sweep(BenchPlatform platform, WorkflowHistories histories, int size, int maxParallel) {
        String seeds = IntStream.rangeClosed(1, size).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String yaml = definition("sweep-" + size, "steps: 1, batch: 4, seed: 1, log_every: 1",
                "sweep: {grid: {training: {seed: [" + seeds + "]}}, max_parallel: " + maxParallel + "}");
        long t0 = System.nanoTime();
        String id = platform.submitter.submit(yaml, "platform bench", Map.of(), "platform-bench").experimentId();
        String status = platform.submitter.awaitExperiment(id).dbName();
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%nPart 2: sweep of %d one-step runs, max_parallel %d: experiment %s%n",
                size, maxParallel, status);
        System.out.printf(Locale.ROOT, "wall time %.1f s (submit to workflow result), %.2f runs/s, %.3f s per run%n",
                wall, size / wall, wall / size);

        List<RunRow> rows = platform.records.runs().listByExperiment(id);
        long succeeded = rows.stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count();
        long withResults = runsWithResults(platform, id);
        long retried = rows.stream().filter(r -> r.attempt() > 1).count();
        System.out.printf(Locale.ROOT, "run rows: %d, succeeded: %d, with results: %d, trained in more than one attempt: %d%n",
                rows.size(), succeeded, withResults, retried);
        if (rows.size() != size || succeeded != size || withResults != size) {
            throw new IllegalStateException("sweep " + id + ": expected " + size + " succeeded runs with results, got "
                    + rows.size() + " rows, " + succeeded + " succeeded, " + withResults + " with results; statuses "
                    + platform.records.runs().countByStatus(id));
        }

        List<Integer> chain = histories.chainLengths(WorkflowIds.experiment(id));
        System.out.printf(Locale.ROOT, "experiment workflow: %d executions (continue-as-new every %d runs), history events each: %s%n",
                chain.size(), ExperimentWorkflowImpl.RUNS_PER_EXECUTION, chain);
        long[] lengths = IntStream.range(0, size)
                .mapToLong(i -> histories.historyLength(WorkflowIds.run(RunIds.of(id, i)))).toArray();
        double[] runLengths = Arrays.stream(lengths).asDoubleStream().sorted().toArray();
        System.out.printf(Locale.ROOT, "run workflows: history events median %.0f, min %.0f, max %.0f over %d%n",
                median(runLengths), runLengths[0], runLengths[runLengths.length - 1], runLengths.length);
        // what the longer histories hold beyond the shortest one (retries, timed-out workflow tasks)
        Map<String, Long> shortest = eventTypeCounts(histories, WorkflowIds.run(RunIds.of(id,
                IntStream.range(0, size).filter(i -> lengths[i] == (long) runLengths[0]).findFirst().orElseThrow())));
        Map<String, Long> extra = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            if (lengths[i] > runLengths[0]) {
                eventTypeCounts(histories, WorkflowIds.run(RunIds.of(id, i))).forEach((type, n) -> {
                    long more = n - shortest.getOrDefault(type, 0L);
                    if (more > 0) {
                        extra.merge(type, more, Long::sum);
                    }
                });
            }
        }
        long longer = Arrays.stream(lengths).filter(v -> v > runLengths[0]).count();
        System.out.printf(Locale.ROOT, "%d run histories longer than the shortest; their extra events: %s%n", longer, extra);
    }

    private static Map<String, Long> eventTypeCounts(WorkflowHistories histories, String workflowId) {
        return histories.events(workflowId, "").stream().collect(Collectors.groupingBy(
                e -> e.getEventType().name().replace("EVENT_TYPE_", ""), TreeMap::new, Collectors.counting()));
    }

    private static long runsWithResults(BenchPlatform platform, String experimentId) {
        return platform.db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(DISTINCT r.run_id) FROM results r"
                    + " JOIN runs u ON u.id = r.run_id WHERE u.experiment_id = ?")) {
                s.setString(1, experimentId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    // ---- helpers ----

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank 90th percentile. */
    static double p90(double[] sorted) {
        return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static int intArg(String[] args, int index, String name, int fallback, int min) {
        if (args.length <= index) {
            return fallback;
        }
        int v;
        try {
            v = Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " (argument " + (index + 1) + ") must be an integer, got '" + args[index] + "'");
        }
        if (v < min) {
            throw new IllegalArgumentException(name + " (argument " + (index + 1) + ") must be at least " + min + ", got " + v);
        }
        return v;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Events of a run by status, oldest first. */
    static List<EventRow> events(BenchPlatform platform, String runId, RunStatus status) {
        return platform.records.events().listByRun(runId).stream().filter(e -> e.status() == status).toList();
    }
}
