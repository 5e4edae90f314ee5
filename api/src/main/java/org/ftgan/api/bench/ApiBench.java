package org.ftgan.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ftgan.api.ApiContext;
import org.ftgan.api.ApiServer;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.worker.PlatformRecords;

/**
 * Latency of the HTTP API's reads at scale. Loads an embedded PostgreSQL (temporary directory)
 * with {@code runs} runs in experiments of 1,000, {@code points} curve points spread evenly over
 * the runs, evaluation results (overall and 12 expressions) and 4 status events per run; starts the
 * API; then runs {@link ApiLoadGenerator} in a SECOND JVM with {@code clients} concurrent closed-loop
 * clients against: a filtered run list, a run list sorted by a metric, run detail with
 * {@code ?points=200}, and compare of 3 runs. Prints p50/p90/p99 per scenario (target p99 &lt; 50 ms).
 *
 * <p>Usage: {@code ftgan bench api [runs=10000] [points=1000000] [clients=100] [requests=5000] [warmup=1000]}.
 * Runs and experiments are written through the repositories; curves, results, statuses and events
 * in bulk SQL (one statement each), since a million points one run at a time would take most of
 * the benchmark's time and is measured by the records benchmark already.
 */
public final class ApiBench {
    private static final int RUNS_PER_EXPERIMENT = 1000;
    private static final double[] SREC = {0.2, 0.4, 0.8};
    private static final double[] ADV = {0.5, 1.0, 2.0};
    private static final int[] CONTENT = {4, 8, 16};

    private ApiBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long points = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        if (runs < 1 || points < runs || clients < 1 || requests < 1 || warmup < 0) {
            throw new IllegalArgumentException("usage: ApiBench [runs>=1] [points>=runs] [clients>=1] [requests>=1] [warmup>=0]");
        }
        Path dir = Files.createTempDirectory("ftgan-api-bench");
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password())) {
            db.migrate();
            PlatformRecords records = PlatformRecords.of(db, new ArtifactStore(dir.resolve("artifacts")));
            long t0 = System.nanoTime();
            List<String> experimentIds = seed(records, db, runs, points);
            System.out.printf(Locale.ROOT, "loaded %d runs in %d experiments, %d curve points in %.1f s%n", runs,
                    experimentIds.size(), count(db, "curves"), (System.nanoTime() - t0) / 1e9);
            try (ApiServer server = ApiServer.start(new ApiContext(records, null, false), "127.0.0.1", 0)) {
                Path paths = dir.resolve("paths.tsv");
                Files.write(paths, paths(experimentIds, runs, new SplittableRandom(7)));
                runLoadGenerator("http://127.0.0.1:" + server.port(), paths, clients, warmup, requests);
            }
        } finally {
            pg.close();
            deleteTree(dir);
        }
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
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE runs SET status = CASE WHEN run_index % 10 = 0 THEN 'failed' WHEN run_index % 10 = 1"
                        + " THEN 'running' ELSE 'succeeded' END, attempt = 1, last_step = 20000");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO curves (run_id, step, epoch, samples_per_s, elapsed_s,"
                    + " l_rec, l_cycle, l_srec, l_adv, l_feat, l_lap, l_g, d_real, d_fake, r1, l_d)"
                    + " SELECT r.id, s * 50, s / 20, 120.0, s * 0.4,"
                    + " 1.0 / (1 + s * 0.05) + (r.run_index % 97) / 1000.0, 0.5 / (1 + s * 0.01), 0.3 / (1 + s * 0.02),"
                    + " 0.69 + sin(s) * 0.01, 0.2, 0.01, 1.5 - s * 0.001, 0.6, 0.4, 0.05, 1.3"
                    + " FROM runs r CROSS JOIN generate_series(0, ? - 1) s")) {
                ps.setLong(1, perRun);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO results (run_id, metric, method, expression, mean, std, median, n)"
                        + " SELECT r.id, m.metric, m.method, x.expression,"
                        + " 1.0 + (r.run_index % 101) / 100.0 + m.shift, 0.3, 1.0 + (r.run_index % 101) / 100.0, 1000"
                        + " FROM runs r CROSS JOIN (VALUES ('e_rec', 'facetunegan', 0.0), ('e_id_decomp', 'facetunegan', 0.2),"
                        + " ('e_neu', 'facetunegan', 0.4), ('e_transfer', 'facetunegan', 0.6), ('e_transfer', 'blendshape', 1.6))"
                        + " AS m (metric, method, shift)"
                        + " CROSS JOIN (SELECT '' AS expression UNION ALL SELECT 'expr' || g FROM generate_series(1, 12) g) x"
                        + " WHERE r.status = 'succeeded' AND (x.expression = '' OR m.metric = 'e_transfer')");
                s.execute("INSERT INTO events (experiment_id, run_id, status, reason, attempt, worker, dedupe_key)"
                        + " SELECT r.experiment_id, r.id, e.status, NULL, 1, 'bench-worker', 'run:' || r.id || ':' || e.status"
                        + " FROM runs r CROSS JOIN (VALUES ('running'), ('evaluating'), ('succeeded'), ('failed')) AS e (status)");
            }
            return null;
        });
        // VACUUM cannot run in a transaction block
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        } catch (java.sql.SQLException ex) {
            throw new IllegalStateException("VACUUM ANALYZE failed: " + ex.getMessage(), ex);
        }
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
        for (int i = 0; i < 1000; i++) {
            out.add("compare\t/api/compare?runs=" + runId(random.nextInt(runs)) + "," + runId(random.nextInt(runs)) + ","
                    + runId(random.nextInt(runs)));
        }
        return out;
    }

    private static String runId(int index) {
        return String.format(Locale.ROOT, "bench-%03d-r%04d", index / RUNS_PER_EXPERIMENT, index % RUNS_PER_EXPERIMENT);
    }

    private static void runLoadGenerator(String base, Path paths, int clients, int warmup, int requests) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), ApiLoadGenerator.class.getName(), base, paths.toString(),
                Integer.toString(clients), Integer.toString(warmup), Integer.toString(requests), "11");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        System.out.printf(Locale.ROOT, "load generator pid %d: %d clients, %d warm-up + %d timed requests per scenario%n",
                p.pid(), clients, warmup, requests);
        System.out.println("| scenario | requests | errors | p50 ms | p90 ms | p99 ms | max ms | req/s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    System.out.println("| " + String.join(" | ", line.substring(7).split(" ")) + " |");
                } else {
                    System.out.println(line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("load generator exited with " + exit);
        }
    }

    private static long count(Database db, String table) {
        // table is one of this class's constants
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
