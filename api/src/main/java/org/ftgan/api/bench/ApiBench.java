package org.ftgan.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ftgan.api.ApiContext;
import org.ftgan.api.ApiServer;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.PoolSettings;
import org.ftgan.records.bench.BenchData;
import org.ftgan.workflows.PlatformRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Latency of the HTTP API's reads at scale. Loads an embedded PostgreSQL (temporary directory)
 * with {@code --runs} runs in experiments of 1,000, {@code --points} curve points spread evenly
 * over the runs, evaluation results (overall and 12 expressions) and 4 status events per run;
 * starts the API in this JVM (records pool of {@code --db-pool} connections, as {@code ftgan api});
 * then drives it from a SECOND process, one scenario at a time, for each client count of
 * {@code --clients}: run lists (filtered, sorted, by metric), run detail with {@code ?points=200}
 * and compare of 3 runs. Prints p50/p90/p99/max latency and requests/s per scenario (issue 6
 * target: p99 &lt; 50 ms at 100 clients), once per {@code --read-cache-mb} size: 0 (every read goes
 * to PostgreSQL) and the default 64 (repeated reads answered from memory,
 * {@link org.ftgan.api.cache.ReadCache}), with the share of each scenario's timed requests that
 * the cache answered. The data does not change during the benchmark, so after the warm-up that
 * share is close to 100 %: the cached figures are those of pages many people look at (or poll)
 * between changes, the uncached ones those of the first look after a change.
 *
 * <p>The load comes from {@code wrk} when it is on the PATH (closed loop, one thread: light enough
 * to leave the 2 cores of a small machine to the server), else from {@link ApiLoadGenerator}
 * (java.net.http, closed loop). {@code --rate R} adds an open-loop pass: the Java generator sends R
 * requests/s in all whatever comes back, and latency counts from when each request was due.
 *
 * <p>Usage: {@code ftgan bench api [--runs 10000] [--points 1000000] [--clients 1,100]
 * [--seconds 10] [--warmup-seconds 3] [--load auto|wrk|java] [--rate 0] [--db-pool 16] [--read-cache-mb 0,64] [--live-writes 0] [--hold]}.
 * {@code --live-writes W}: a simulated worker logs W steps per second to random runs during every
 * pass, so cached answers go stale as they would while experiments train.
 * {@code --hold} loads the data, starts the API, prints its address and the JDBC URL and waits
 * until killed (to profile requests or EXPLAIN queries by hand). Runs and experiments are written
 * through the repositories; curves, results, statuses and events in bulk SQL (one statement each),
 * since a million points one run at a time would take most of the benchmark's time and is
 * measured by the records benchmark already.
 */
@Command(name = "api", mixinStandardHelpOptions = true, description = "HTTP API read latency at 10,000 runs / 1,000,000 curve points")
public final class ApiBench implements Callable<Integer> {
    private static final int RUNS_PER_EXPERIMENT = 1000;
    private static final double[] SREC = {0.2, 0.4, 0.8};
    private static final double[] ADV = {0.5, 1.0, 2.0};
    private static final int[] CONTENT = {4, 8, 16};

    @Option(names = "--runs", defaultValue = "10000", description = "runs to load (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--points", defaultValue = "1000000", description = "curve points in all (default ${DEFAULT-VALUE})")
    long points;

    @Option(names = "--clients", split = ",", defaultValue = "1,100", description = "concurrent clients, one pass each (default ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Option(names = "--seconds", defaultValue = "10", description = "timed seconds per scenario and pass (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "untimed seconds first (default ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--load", defaultValue = "auto", description = "wrk, java, or auto: wrk if on the PATH (default ${DEFAULT-VALUE})")
    String load;

    @Option(names = "--rate", defaultValue = "0", description = "requests/s in all for an extra open-loop pass at the largest client count; 0: none")
    double rate;

    @Option(names = "--db-pool", defaultValue = "16", description = "the API's PostgreSQL connections (default ${DEFAULT-VALUE})")
    int dbPool;

    @Option(names = "--read-cache-mb", split = ",", defaultValue = "0,64",
            description = "the API's read cache in MB, one pass of every scenario each; 0: every read goes to PostgreSQL (default ${DEFAULT-VALUE})")
    List<Long> readCacheMb;

    @Option(names = "--live-writes", defaultValue = "0",
            description = "writes per second by a simulated worker during every pass: a curve point and the progress of a"
                    + " random run, as a trainer logs a step; 0: the data does not change (default ${DEFAULT-VALUE})")
    double liveWrites;

    @Option(names = "--hold", description = "load, start the API, print its address and wait until killed")
    boolean hold;

    public static void main(String[] args) {
        int exit = new CommandLine(new ApiBench()).execute(args);
        if (exit != 0) {
            throw new IllegalStateException("ftgan bench api failed (exit " + exit + ")");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || points < runs || clients.stream().anyMatch(c -> c < 1) || seconds <= 0 || warmupSeconds < 0 || rate < 0
                || readCacheMb.stream().anyMatch(m -> m < 0) || liveWrites < 0) {
            throw new IllegalArgumentException("need --runs >= 1, --points >= runs, --clients >= 1, --seconds > 0,"
                    + " --warmup-seconds >= 0, --rate >= 0, --read-cache-mb >= 0, --live-writes >= 0");
        }
        boolean wrk = switch (load) {
            case "wrk" -> true;
            case "java" -> false;
            case "auto" -> wrkInstalled();
            default -> throw new IllegalArgumentException("--load: '" + load + "' is not one of auto, wrk, java");
        };
        Path dir = Files.createTempDirectory("ftgan-api-bench");
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password(),
                new PoolSettings(dbPool, PoolSettings.API.connectionWait()))) {
            db.migrate();
            PlatformRecords records = PlatformRecords.of(db, new ArtifactStore(dir.resolve("artifacts")));
            long t0 = System.nanoTime();
            List<String> experimentIds = seed(records, db, runs, points);
            System.out.printf(Locale.ROOT, "loaded %d runs in %d experiments, %d curve points in %.1f s%n", runs,
                    experimentIds.size(), BenchData.curvePoints(db), (System.nanoTime() - t0) / 1e9);
            Map<String, Path> scenarios = writeScenarios(dir, paths(experimentIds, runs, new SplittableRandom(7)));
            Path script = dir.resolve("rotate-paths.lua");
            try (InputStream in = ApiBench.class.getResourceAsStream("rotate-paths.lua")) {
                Files.copy(Objects.requireNonNull(in, "rotate-paths.lua missing from the classpath"), script);
            }
            try (LiveWriter writer = liveWrites > 0 ? LiveWriter.start(records, runs, liveWrites) : null) {
                if (writer != null) {
                    System.out.printf(Locale.ROOT, "a simulated worker writes %.0f logged steps/s (a curve point and the run's"
                            + " progress, 2 commits each) to random runs throughout%n", liveWrites);
                }
                for (long cacheMb : readCacheMb) {
                    try (ApiServer server = ApiServer.start(new ApiContext(records, null, false, cacheMb << 20), "127.0.0.1", 0)) {
                        String base = "http://127.0.0.1:" + server.port();
                        if (hold) {
                            System.out.println("holding: API " + base + " (read cache " + cacheMb + " MB), PostgreSQL " + pg.jdbcUrl()
                                    + " (user " + pg.user() + "); stop with SIGTERM");
                            Thread.currentThread().join();
                        }
                        System.out.printf(Locale.ROOT, "%n## read cache %d MB%s; API pool %d connections; load from %s,"
                                        + " %.0f s warm-up + %.0f s timed per scenario%n", cacheMb,
                                cacheMb == 0 ? " (every read goes to PostgreSQL)" : "", dbPool,
                                wrk ? "wrk (1 thread, closed loop)" : "the Java generator (closed loop)", warmupSeconds, seconds);
                        for (int c : clients) {
                            printHeader(c + " clients, closed loop");
                            for (Map.Entry<String, Path> s : scenarios.entrySet()) {
                                Path paths = s.getValue();
                                System.out.println(measure(server, s.getKey(), c, warm -> wrk ? runWrk(base, script, paths, c, warm)
                                        : runJava(base, paths, c, 0, warm)));
                            }
                        }
                        if (rate > 0) {
                            int c = clients.get(clients.size() - 1);
                            printHeader(String.format(Locale.ROOT, "%d clients, OPEN loop at %.0f requests/s in all (Java generator;"
                                    + " latency from when each request was due)", c, rate));
                            for (Map.Entry<String, Path> s : scenarios.entrySet()) {
                                Path paths = s.getValue();
                                System.out.println(measure(server, s.getKey(), c, warm -> runJava(base, paths, c, rate, warm)));
                            }
                        }
                    }
                }
                if (writer != null) {
                    System.out.printf(Locale.ROOT, "%nthe simulated worker wrote %d logged steps%n", writer.written());
                }
            }
        } finally {
            pg.close();
            deleteTree(dir);
        }
        return 0;
    }

    private static List<String> seed(PlatformRecords records, Database db, int runs, long points) {
        ObjectMapper json = new ObjectMapper();
        List<String> experimentIds = new ArrayList<>();
        for (int start = 0, e = 0; start < runs; start += RUNS_PER_EXPERIMENT, e++) {
            String experimentId = String.format(Locale.ROOT, "bench-%03d", e);
            experimentIds.add(experimentId);
            records.experiments().insertIfAbsent(new NewExperiment(experimentId, "bench " + e, "API benchmark",
                    List.of("bench"), json.createObjectNode().put("name", "bench " + e), "name: bench\n", "def-" + e, "bench"));
            List<PlannedRun> planned = new ArrayList<>();
            for (int i = 0; i < Math.min(RUNS_PER_EXPERIMENT, runs - start); i++) {
                ObjectNode config = json.createObjectNode();
                config.putObject("model").put("preset", "coma").put("content_dim", CONTENT[i % 3]);
                config.putObject("loss").put("lambda_srec", SREC[(i / 3) % 3]).put("lambda_adv", ADV[(i / 9) % 3]).put("gamma_r1", 10);
                config.putObject("training").put("steps", 20000).put("lr", 1.0e-4).put("seed", i);
                ObjectNode overrides = json.createObjectNode();
                overrides.set("loss", config.get("loss").deepCopy());
                overrides.set("model", json.createObjectNode().put("content_dim", CONTENT[i % 3]));
                String runId = String.format(Locale.ROOT, "%s-r%04d", experimentId, i);
                planned.add(new PlannedRun(runId, experimentId, i, String.format(Locale.ROOT, "r%04d", i), config, overrides,
                        "cfg-" + runId, "def-" + e, "data-1", "bench", i, 20000L));
            }
            records.runs().insertIfAbsent(planned);
        }
        long perRun = points / runs;
        BenchData.fill(db, perRun);
        return experimentIds;
    }

    private static List<String> paths(List<String> experiments, int runs, SplittableRandom random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String e = experiments.get(random.nextInt(experiments.size()));
            switch (i % 4) {
                case 0 -> out.add("list_filtered\t/api/experiments/" + e + "/runs?limit=50&status=succeeded"
                        + "&where=config.loss.lambda_srec:gte:0.4");
                case 1 -> out.add("list_all_filtered\t/api/runs?limit=50&status=succeeded,failed&where=config.model.content_dim:eq:8");
                case 2 -> out.add("list_sort_config\t/api/experiments/" + e + "/runs?limit=50&sort=config.loss.lambda_adv&order=desc");
                default -> out.add("list_plain\t/api/runs?experiment=" + e + "&limit=50");
            }
        }
        for (int i = 0; i < 100; i++) {
            String e = experiments.get(random.nextInt(experiments.size()));
            out.add("list_runs_by_metric\t/api/experiments/" + e + "/runs?limit=50&metric=e_transfer&sort=metric");
        }
        for (int i = 0; i < 1000; i++) {
            out.add("run_detail\t/api/runs/" + runId(random.nextInt(runs)) + "?points=200");
        }
        for (int i = 0; i < 1000 && runs >= 3; i++) {
            // three different runs: compare refuses a repeated id
            int a = random.nextInt(runs);
            int b = (a + 1 + random.nextInt(runs - 1)) % runs;
            int c;
            do {
                c = random.nextInt(runs);
            } while (c == a || c == b);
            out.add("compare\t/api/compare?runs=" + runId(a) + "," + runId(b) + "," + runId(c));
        }
        return out;
    }

    /** A worker logging steps to random runs at a steady rate, on a thread of its own. */
    private static final class LiveWriter implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer;
        private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

        private LiveWriter(java.util.concurrent.ScheduledExecutorService timer) {
            this.timer = timer;
        }

        static LiveWriter start(PlatformRecords records, int runs, double perSecond) {
            LiveWriter w = new LiveWriter(java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-live-writer");
                t.setDaemon(true);
                return t;
            }));
            SplittableRandom random = new SplittableRandom(13);
            long periodMicros = Math.max(1, Math.round(1e6 / perSecond));
            w.timer.scheduleAtFixedRate(() -> {
                String runId = runId(random.nextInt(runs));
                // steps past the seeded ones (at most 100,000 points per run: steps 0..4,999,950)
                long step = 5_000_000L + w.written.incrementAndGet();
                records.curves().upsert(runId, List.of(new org.ftgan.records.CurvePoint(step, 1, 120.0, 1.0,
                        Map.of("L_rec", 0.5, "L_G", 1.2))));
                records.runs().updateProgress(runId, step, null, null);
            }, periodMicros, periodMicros, java.util.concurrent.TimeUnit.MICROSECONDS);
            return w;
        }

        long written() {
            return written.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private static String runId(int index) {
        return String.format(Locale.ROOT, "bench-%03d-r%04d", index / RUNS_PER_EXPERIMENT, index % RUNS_PER_EXPERIMENT);
    }

    private static boolean wrkInstalled() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One file of paths per scenario, in first-appearance order of the scenarios. */
    private static Map<String, Path> writeScenarios(Path dir, List<String> lines) throws IOException {
        Map<String, List<String>> byScenario = new LinkedHashMap<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            byScenario.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        SplittableRandom shuffle = new SplittableRandom(11);
        for (Map.Entry<String, List<String>> e : byScenario.entrySet()) {
            List<String> paths = new ArrayList<>(e.getValue());
            // wrk sends them in file order: a seeded shuffle, so that consecutive requests hit different runs
            for (int i = paths.size() - 1; i > 0; i--) {
                Collections.swap(paths, i, shuffle.nextInt(i + 1));
            }
            Path f = dir.resolve("paths-" + e.getKey() + ".txt");
            Files.write(f, paths);
            files.put(e.getKey(), f);
        }
        return files;
    }

    /** A load run whose output is wrk's or the generator's; warm-up first, then the timed run. */
    @FunctionalInterface
    private interface LoadRun {
        String run(boolean warmUp) throws IOException, InterruptedException;
    }

    /** One scenario's row, with the share of its timed requests the read cache answered. */
    private String measure(ApiServer server, String scenario, int clients, LoadRun load) throws IOException, InterruptedException {
        if (warmupSeconds > 0) {
            load.run(true);
        }
        long[] before = server.readCacheLookups();
        String result = load.run(false);
        long[] after = server.readCacheLookups();
        long hits = after[0] - before[0];
        long lookups = hits + after[1] - before[1];
        return row(scenario, clients, result, lookups == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * hits / lookups));
    }

    private void printHeader(String title) {
        System.out.println();
        System.out.println(title + ":");
        System.out.println("| scenario | clients | requests | errors | p50 ms | p90 ms | p99 ms | max ms | req/s | from memory |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    }

    private static String row(String scenario, int clients, String result, String fromMemory) {
        String[] lines = result.split("\n");
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("RESULT ")) {
                out.insert(0, "| " + scenario + " | " + clients + " | " + String.join(" | ", line.substring(7).trim().split(" "))
                        + " | " + fromMemory + " |");
            } else if (line.startsWith("ERROR ")) {
                out.append("\n  first error: ").append(line.substring(6));
            }
        }
        if (out.indexOf("| ") != 0) {
            throw new IllegalStateException("the load generator printed no RESULT for " + scenario + ":\n" + result);
        }
        return out.toString();
    }

    /** wrk for the warm-up or the timed seconds; its script prints the RESULT line. */
    private String runWrk(String base, Path script, Path paths, int clients, boolean warmUp) throws IOException, InterruptedException {
        return wrk(base, script, paths, clients, warmUp ? warmupSeconds : seconds);
    }

    private static String wrk(String base, Path script, Path paths, int clients, double seconds)
            throws IOException, InterruptedException {
        return runProcess(List.of("wrk", "-t1", "-c" + clients, "-d" + Math.max(1, Math.round(seconds)) + "s",
                "--timeout", "30s", "-s", script.toString(), base, "--", paths.toString()));
    }

    /**
     * The Java generator: nothing for the warm-up call, then its own warm-up and timed seconds in one
     * process (a generator JVM started cold for the timed seconds would add its own start-up to
     * the latencies), so the cache share counts its warm-up's requests too.
     */
    private String runJava(String base, Path paths, int clients, double rate, boolean warmUp) throws IOException, InterruptedException {
        if (warmUp) {
            return "";
        }
        return runProcess(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ApiLoadGenerator.class.getName(), base, paths.toString(),
                Integer.toString(clients), Double.toString(warmupSeconds), Double.toString(seconds), Double.toString(rate), "11"));
    }

    private static String runProcess(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(cmd.get(0) + " exited with " + exit + ":\n" + out);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
