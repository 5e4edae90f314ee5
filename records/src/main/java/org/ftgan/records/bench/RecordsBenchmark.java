package org.ftgan.records.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ftgan.records.CurvePoint;
import org.ftgan.records.CurveRecords;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.ExperimentRecords;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.RunRecords;
import org.ftgan.names.LossTermNames;

/**
 * Times the records at the API's scale on a real embedded PostgreSQL in a temporary directory:
 * planning many runs, writing a million curve points in trainer-sized batches, reading one run's
 * curve, and a server restart. Usage: {@code RecordsBenchmark [runs] [pointsPerRun] [batch]}
 * (defaults 100, 10000, 500). Prints medians over the repetitions it makes (the reads include
 * JIT warm-up).
 */
public final class RecordsBenchmark {
    private RecordsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runCount = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int pointsPerRun = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path dir = Files.createTempDirectory("ftgan-records-bench");
        ObjectMapper json = new ObjectMapper();
        SplittableRandom random = new SplittableRandom(42);
        EmbeddedDatabase pg = null;
        try {
            long t0 = System.nanoTime();
            pg = EmbeddedDatabase.start(dir, 0);
            System.out.printf("first start (unpack + initdb): %.2f s%n", seconds(t0));
            try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password())) {
                t0 = System.nanoTime();
                db.migrate();
                System.out.printf("migrate: %.2f s%n", seconds(t0));
                ExperimentRecords experiments = new ExperimentRecords(db);
                RunRecords runs = new RunRecords(db);
                CurveRecords curves = new CurveRecords(db);
                experiments.insertIfAbsent(new NewExperiment("bench", "bench", "", List.of("bench"),
                        json.readTree("{}"), "", "h", "bench"));

                List<PlannedRun> planned = new ArrayList<>();
                for (int i = 0; i < runCount; i++) {
                    ObjectNode config = json.createObjectNode().put("lr", 1e-4 * (1 + i % 7)).put("seed", i);
                    planned.add(new PlannedRun("bench-r" + i, "bench", i, "seed=" + i, config,
                            json.createObjectNode().put("seed", i), "c" + i, "h", null, "bench", i, (long) pointsPerRun));
                }
                t0 = System.nanoTime();
                runs.insertIfAbsent(planned);
                System.out.printf("plan %d runs in one batch: %.3f s%n", runCount, seconds(t0));

                List<Double> batchMs = new ArrayList<>();
                t0 = System.nanoTime();
                for (PlannedRun run : planned) {
                    for (int start = 0; start < pointsPerRun; start += batch) {
                        List<CurvePoint> points = new ArrayList<>(batch);
                        for (int s = start; s < Math.min(start + batch, pointsPerRun); s++) {
                            points.add(point(s, random));
                        }
                        long b = System.nanoTime();
                        curves.upsert(run.id(), points);
                        batchMs.add((System.nanoTime() - b) / 1e6);
                    }
                }
                double total = seconds(t0);
                long n = (long) runCount * pointsPerRun;
                System.out.printf("write %d curve points in batches of %d: %.1f s, %.0f points/s, median batch %.1f ms%n",
                        n, batch, total, n / total, median(batchMs));

                List<Double> rewriteMs = new ArrayList<>();
                List<Double> readMs = new ArrayList<>();
                for (int rep = 0; rep < 15; rep++) {
                    String runId = planned.get(random.nextInt(runCount)).id();
                    long r = System.nanoTime();
                    List<CurvePoint> all = curves.points(runId);
                    readMs.add((System.nanoTime() - r) / 1e6);
                    List<CurvePoint> again = all.subList(0, Math.min(batch, all.size()));
                    r = System.nanoTime();
                    curves.upsert(runId, again);
                    rewriteMs.add((System.nanoTime() - r) / 1e6);
                }
                System.out.printf("read one run's %d points: median %.1f ms; rewrite a batch unchanged (retry): median %.1f ms%n",
                        pointsPerRun, median(readMs), median(rewriteMs));
                notificationCost(db, curves, runs, planned.get(0).id(), pointsPerRun, random);
                // as autovacuum would by now: plans on a freshly filled table without statistics mislead
                db.inTransaction(c -> c.createStatement().execute("ANALYZE"));
                printPlan(db, "EXPLAIN SELECT id FROM runs WHERE config @> '{\"seed\": 3}'");
                printPlan(db, "EXPLAIN SELECT step, l_rec FROM curves WHERE run_id = 'bench-r3' ORDER BY step");
            }
            List<Double> restart = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                int port = pg.port();
                long r = System.nanoTime();
                pg.stop();
                pg = EmbeddedDatabase.start(dir, port);
                restart.add(seconds(r));
            }
            System.out.printf("stop + start on the persistent data dir: median %.2f s%n", median(restart));
        } finally {
            if (pg != null) {
                pg.stop();
            }
            deleteTree(dir);
        }
    }

    /**
     * What migration V4's change notifications cost a worker: single-point curve upserts and
     * progress updates (a trainer's writes at each logged step), in rounds alternating the
     * triggers on and off (ALTER TABLE ... DISABLE TRIGGER USER), median per round.
     */
    private static void notificationCost(Database db, CurveRecords curves, RunRecords runs, String runId, int fromStep,
            SplittableRandom random) {
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        int step = fromStep;
        for (int round = 0; round < 10; round++) {
            boolean enabled = round % 2 == 1;
            String toggle = enabled ? "ENABLE" : "DISABLE";
            db.inTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.execute("ALTER TABLE curves " + toggle + " TRIGGER USER");
                    s.execute("ALTER TABLE runs " + toggle + " TRIGGER USER");
                }
                return null;
            });
            long t = System.nanoTime();
            for (int i = 0; i < 200; i++, step++) {
                curves.upsert(runId, List.of(point(step, random)));
                runs.updateProgress(runId, step, null, null);
            }
            (enabled ? on : off).add((System.nanoTime() - t) / 1e3 / 400);
        }
        System.out.printf("a logged step's writes (1 curve point + 1 progress update), per statement: change"
                + " notifications on %.0f us, off %.0f us (medians of 5 rounds of 400 statements each, alternating)%n",
                median(on), median(off));
    }

    private static CurvePoint point(int step, SplittableRandom random) {
        Map<String, Double> terms = new LinkedHashMap<>();
        for (String name : LossTermNames.NAMES) {
            terms.put(name, random.nextDouble());
        }
        return new CurvePoint(step, step / 1000, 900 + random.nextDouble() * 100, step * 0.05, terms);
    }

    private static void printPlan(Database db, String explain) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(explain); ResultSet rs = ps.executeQuery()) {
                System.out.println(explain);
                while (rs.next()) {
                    System.out.println("  " + rs.getString(1));
                }
            }
            return null;
        });
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
