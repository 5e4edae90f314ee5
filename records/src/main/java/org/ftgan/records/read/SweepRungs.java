package org.ftgan.records.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ftgan.names.FigureNames;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;

/**
 * What a sweep spent and what early stopping (sweep.early_stopping) decided, for the experiment page:
 * the rungs (which run stopped where, on what figure, against what cut-off, and which went on), the
 * best figure so far over wall time and over the steps spent, and the steps trained against the full
 * budget.
 *
 * <p>Read from what is stored, in one transaction: the rule from the experiment's definition, the
 * runs' figures at the judged steps from {@code evaluation_curves} (the figures training reported to
 * the experiment workflow, stored before they were sent), the stops from the runs'
 * {@code stopped_early} events (their reason names the step, the figure and the cut-off:
 * {@link StopReason}), the steps from {@code runs.last_step} and {@code runs.total_steps}. A judged step
 * is a column when a run has a figure there or was stopped there; a run that reached a step and was not
 * stopped there went on (the workflow records only stops).
 */
public final class SweepRungs {
    private static final String EXPERIMENT = "SELECT definition -> 'sweep' -> 'early_stopping' AS rule, created_at"
            + " FROM experiments WHERE id = ?";
    private static final String RUNS = "SELECT id, run_key, status, last_step, total_steps FROM runs"
            + " WHERE experiment_id = ? ORDER BY run_index";
    private static final String STOPS = "SELECT DISTINCT ON (run_id) run_id, reason, created_at FROM events"
            + " WHERE experiment_id = ? AND run_id IS NOT NULL AND status = 'stopped_early' ORDER BY run_id, id DESC";
    /** %s: the metric's column, one of {@link FigureNames#KEYS}. */
    private static final String POINTS = "SELECT c.run_id, c.step, c.%s AS value, c.recorded_at FROM evaluation_curves c"
            + " JOIN runs r ON r.id = c.run_id WHERE r.experiment_id = ? ORDER BY c.recorded_at, c.run_id, c.step";
    /** The figure of experiments without early stopping. */
    private static final String DEFAULT_METRIC = FigureNames.E_TRANSFER;

    private final Database db;

    public SweepRungs(Database db) {
        this.db = db;
    }

    /**
     * The sweep's early-stopping rule as submitted, defaults filled in.
     *
     * @param reductionFactor asha's, null for median
     * @param maxSteps        null when not given (every step from minSteps on is judged)
     */
    public record Rule(String method, String metric, String mode, long minSteps, Integer reductionFactor, Long maxSteps) {
        /** Whether a figure at {@code step} is judged (as {@code EarlyStopping.judges} of the definitions module). */
        boolean judges(long step) {
            if (step < minSteps || (maxSteps != null && step >= maxSteps)) {
                return false;
            }
            if (reductionFactor == null) {
                return true;
            }
            long rung = minSteps;
            while (rung < step) {
                rung = Math.multiplyExact(rung, reductionFactor);
            }
            return rung == step;
        }
    }

    /** A run's figure at a judged step (null for NaN), and whether it was stopped there. */
    public record Cell(long step, Double value, boolean stopped) {
    }

    /**
     * Where a run was stopped.
     *
     * @param value  its figure there (from its evaluation curve, else as the reason writes it; null for NaN)
     * @param cutoff what it lost against (asha: the kept-th best of the others there; median: their median), null where not recorded
     */
    public record Stop(long step, Double value, Double cutoff, String reason, Instant at) {
    }

    /** A run with its figures at the judged steps it reached, in step order, and its stop, if any. */
    public record Run(String id, String runKey, RunStatus status, Long lastStep, Long totalSteps, List<Cell> rungs, Stop stopped) {
    }

    /** A judged step: how many runs reached it, were stopped there, and went on. */
    public record Rung(long step, int reached, int stopped, int continued) {
    }

    /**
     * Steps: the full budget (sum of every run's total_steps), those trained (sum of last_step), those
     * saved by early stopping (sum over stopped runs of total_steps - last_step), and those still ahead
     * of the runs that have not ended.
     */
    public record Steps(long budget, long trained, long savedByStopping, long remaining, int runsStopped) {
    }

    /**
     * A point of the best-so-far line: at {@code at} ({@code elapsedSeconds} after the experiment was
     * submitted), with {@code stepsSpent} steps evaluated over all runs (each run's latest evaluated step,
     * summed), the best figure so far was {@code value}, of run {@code runId} at {@code step}.
     */
    public record BestPoint(Instant at, double elapsedSeconds, long stepsSpent, double value, String runId, long step) {
    }

    /**
     * @param rule       null when the sweep has no early stopping (then no rungs)
     * @param metric     the figure judged and followed ({@code E_transfer} without early stopping)
     * @param mode       min or max
     * @param rungs      the judged steps that runs reached, in order
     * @param runs       in sweep order
     * @param bestSoFar  the best figure's improvements in the order recorded, then the latest point
     */
    public record Answer(String experimentId, Rule rule, String metric, String mode, List<Rung> rungs, List<Run> runs, Steps steps,
                         List<BestPoint> bestSoFar) {
    }

    /** @throws NotFoundException for an unknown experiment */
    public Answer read(String experimentId) {
        return db.inTransaction(c -> {
            Rule rule;
            Instant created;
            try (PreparedStatement ps = c.prepareStatement(EXPERIMENT)) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw NotFoundException.experiment(experimentId);
                    }
                    rule = rule(Columns.json(rs.getString("rule"), "experiments.definition"));
                    created = Columns.time(rs, "created_at");
                }
            }
            String metric = rule == null ? DEFAULT_METRIC : rule.metric();
            String mode = rule == null ? "min" : rule.mode();
            String key = FigureNames.key(metric);
            if (!FigureNames.KEYS.contains(key)) {
                throw new IllegalStateException("experiment " + experimentId + " judges an unknown figure " + metric);
            }
            Map<String, Stop> stops = stops(c, experimentId);
            return build(c, experimentId, rule, metric, mode, key, created, stops);
        });
    }

    private Answer build(Connection c, String experimentId, Rule rule, String metric, String mode, String key, Instant created,
                         Map<String, Stop> stops) throws SQLException {
        boolean max = mode.equals("max");
        // runs in sweep order
        Map<String, Run> runs = new LinkedHashMap<>();
        long budget = 0;
        long trained = 0;
        long saved = 0;
        long remaining = 0;
        int stoppedRuns = 0;
        try (PreparedStatement ps = c.prepareStatement(RUNS)) {
            ps.setString(1, experimentId);
            ps.setFetchSize(2_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    RunStatus status = RunStatus.fromDb(rs.getString("status"));
                    Long last = Columns.nullableLong(rs, "last_step");
                    Long total = Columns.nullableLong(rs, "total_steps");
                    long l = last == null ? 0 : last;
                    long t = total == null ? l : Math.max(total, l);
                    budget += t;
                    trained += l;
                    if (status == RunStatus.STOPPED_EARLY) {
                        saved += t - l;
                        stoppedRuns++;
                    } else if (!status.isTerminal()) {
                        remaining += t - l;
                    }
                    runs.put(id, new Run(id, rs.getString("run_key"), status, last, total, new ArrayList<>(),
                            status == RunStatus.STOPPED_EARLY ? stops.get(id) : null));
                }
            }
        }

        // every evaluation point, in the order recorded: the cells at judged steps and the best-so-far line
        Map<String, TreeMap<Long, Double>> judged = new HashMap<>();
        Map<String, Long> latestStep = new HashMap<>();
        List<BestPoint> best = new ArrayList<>();
        long spent = 0;
        Double bestValue = null;
        String bestRun = null;
        long bestStep = 0;
        Instant lastAt = null;
        try (PreparedStatement ps = c.prepareStatement(POINTS.formatted(key))) {
            ps.setString(1, experimentId);
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String runId = rs.getString("run_id");
                    long step = rs.getLong("step");
                    Double value = Columns.nullableDouble(rs, "value");
                    Instant at = Columns.time(rs, "recorded_at");
                    if (rule != null && rule.judges(step)) {
                        judged.computeIfAbsent(runId, r -> new TreeMap<>()).put(step, value);
                    }
                    long before = latestStep.getOrDefault(runId, 0L);
                    if (step > before) {
                        spent += step - before;
                        latestStep.put(runId, step);
                    }
                    lastAt = at;
                    if (value != null && (bestValue == null || (max ? value > bestValue : value < bestValue))) {
                        bestValue = value;
                        bestRun = runId;
                        bestStep = step;
                        best.add(new BestPoint(at, seconds(created, at), spent, value, runId, step));
                    }
                }
            }
        }
        if (bestValue != null) {
            BestPoint end = best.get(best.size() - 1);
            if (!end.at().equals(lastAt) || end.stepsSpent() != spent) {
                best.add(new BestPoint(lastAt, seconds(created, lastAt), spent, bestValue, bestRun, bestStep));
            }
        }

        // the rungs: the judged steps reached (a figure there) or stopped at
        TreeSet<Long> steps = new TreeSet<>();
        judged.values().forEach(m -> steps.addAll(m.keySet()));
        if (rule != null) {
            for (Run r : runs.values()) {
                if (r.stopped() != null) {
                    steps.add(r.stopped().step());
                }
            }
        }
        Map<Long, int[]> counts = new TreeMap<>();
        steps.forEach(s -> counts.put(s, new int[3]));
        List<Run> out = new ArrayList<>(runs.size());
        for (Run r : runs.values()) {
            TreeMap<Long, Double> figures = judged.getOrDefault(r.id(), new TreeMap<>());
            Stop stop = r.stopped();
            if (stop != null && figures.containsKey(stop.step())) {
                stop = new Stop(stop.step(), figures.get(stop.step()), stop.cutoff(), stop.reason(), stop.at());
            }
            if (stop != null && rule != null) {
                figures.putIfAbsent(stop.step(), stop.value());
            }
            for (Map.Entry<Long, Double> f : figures.entrySet()) {
                boolean stoppedHere = stop != null && stop.step() == f.getKey();
                // a run's figures after its stop (reported before the stop reached its training) are not judged
                if (stop != null && f.getKey() > stop.step()) {
                    continue;
                }
                r.rungs().add(new Cell(f.getKey(), f.getValue(), stoppedHere));
                int[] n = counts.get(f.getKey());
                n[0]++;
                n[stoppedHere ? 1 : 2]++;
            }
            out.add(new Run(r.id(), r.runKey(), r.status(), r.lastStep(), r.totalSteps(), r.rungs(), stop));
        }
        List<Rung> rungs = new ArrayList<>();
        counts.forEach((s, n) -> rungs.add(new Rung(s, n[0], n[1], n[2])));
        return new Answer(experimentId, rule, metric, mode, rungs, out, new Steps(budget, trained, saved, remaining, stoppedRuns), best);
    }

    private static Map<String, Stop> stops(Connection c, String experimentId) throws SQLException {
        Map<String, Stop> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(STOPS)) {
            ps.setString(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String reason = rs.getString("reason");
                    Optional<StopReason> parsed = StopReason.parse(reason);
                    if (parsed.isPresent()) {
                        StopReason p = parsed.get();
                        out.put(rs.getString("run_id"), new Stop(p.step(), Double.isNaN(p.value()) ? null : p.value(), p.cutoff(), reason,
                                Columns.time(rs, "created_at")));
                    }
                }
            }
        }
        return out;
    }

    /** The definition's sweep.early_stopping with its defaults (as the definitions module's SweepSection), or null. */
    static Rule rule(JsonNode n) {
        if (n == null || !n.isObject() || !n.hasNonNull("method") || !n.hasNonNull("metric") || !n.hasNonNull("min_steps")) {
            return null;
        }
        String method = n.get("method").asText();
        boolean asha = method.equals("asha");
        return new Rule(method, n.get("metric").asText(), n.path("mode").asText("min"), n.get("min_steps").asLong(),
                asha ? n.path("reduction_factor").asInt(3) : null,
                n.hasNonNull("max_steps") ? n.get("max_steps").asLong() : null);
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
