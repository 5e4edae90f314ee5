package org.ftgan.records.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;

/**
 * Two to ten runs, of any experiments, side by side: only the config keys whose values differ
 * between them (a key missing from a run counts as differing, shown as null), then the overall
 * evaluation figures and the last logged value of every curve term.
 */
public final class RunComparison {
    public static final int MIN_RUNS = 2;
    public static final int MAX_RUNS = 10;

    /**
     * The runs; their overall results; the last logged value of each curve term per run (terms are
     * not logged at every step, so each has its own last step). Three statements, each taking the
     * id array, sent in one round trip; a run that does not exist only misses from the first.
     */
    private static final String SQL;

    static {
        StringBuilder last = new StringBuilder("SELECT u.id");
        for (String column : Metric.CURVE_TERMS.values()) {
            // column names come from Metric.CURVE_TERMS, never from a request
            last.append(", (SELECT x.").append(column).append(" FROM curves x WHERE x.run_id = u.id AND x.").append(column)
                    .append(" IS NOT NULL ORDER BY x.step DESC LIMIT 1) AS ").append(column);
        }
        last.append(" FROM unnest(?::text[]) AS u (id)");
        SQL = "SELECT id, experiment_id, run_key, status, config::text AS config FROM runs WHERE id = ANY(?::text[]); "
                + "SELECT run_id, metric, method, mean, std, median, n FROM results WHERE run_id = ANY(?::text[])"
                + " AND expression = '' ORDER BY run_id, metric, method; "
                + last;
    }

    private final Database db;

    public RunComparison(Database db) {
        this.db = db;
    }

    /** A compared run. */
    public record Run(String id, String experimentId, String runKey, RunStatus status) {
    }

    /**
     * One run's figures.
     *
     * @param results         overall evaluation results, per metric, per method
     * @param lastCurveValues the last logged value of each curve term by column name ({@link Metric#CURVE_TERMS} order), null if never logged
     */
    public record RunMetrics(Map<String, Map<String, Figure>> results, Map<String, Double> lastCurveValues) {
    }

    /**
     * The comparison.
     *
     * @param runs              in the order asked for
     * @param configDifferences per differing config key (sorted), each run's value in the order asked for (JSON null where missing)
     * @param metrics           per run, in the order asked for
     */
    public record Comparison(List<Run> runs, Map<String, Map<String, JsonNode>> configDifferences, Map<String, RunMetrics> metrics) {
    }

    /**
     * @throws InvalidQueryException naming runs, for too few, too many or repeated ids
     * @throws NotFoundException naming every missing run
     */
    public Comparison compare(List<String> runIds) {
        if (runIds.size() < MIN_RUNS || runIds.size() > MAX_RUNS) {
            throw new InvalidQueryException("runs", runIds.size() + " run ids given; compare takes "
                    + MIN_RUNS + " to " + MAX_RUNS + ", comma-separated");
        }
        Set<String> unique = new LinkedHashSet<>(runIds);
        if (unique.size() != runIds.size()) {
            throw new InvalidQueryException("runs", "a run id is repeated in " + runIds);
        }
        return db.inTransaction(c -> {
            Map<String, JsonNode> configs = new TreeMap<>();
            Map<String, Run> summaries = new TreeMap<>();
            Map<String, Map<String, Map<String, Figure>>> results = new TreeMap<>();
            Map<String, Map<String, Double>> lastValues = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                for (int i = 1; i <= 3; i++) {
                    ps.setArray(i, c.createArrayOf("text", runIds.toArray()));
                }
                ps.execute();
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        String id = rs.getString("id");
                        configs.put(id, Columns.json(rs.getString("config"), "runs.config"));
                        summaries.put(id, new Run(id, rs.getString("experiment_id"), rs.getString("run_key"),
                                RunStatus.fromDb(rs.getString("status"))));
                    }
                }
                try (ResultSet rs = next(ps)) {
                    while (rs.next()) {
                        results.computeIfAbsent(rs.getString("run_id"), id -> new LinkedHashMap<>())
                                .computeIfAbsent(rs.getString("metric"), m -> new LinkedHashMap<>())
                                .put(rs.getString("method"), RunDetail.figure(rs));
                    }
                }
                try (ResultSet rs = next(ps)) {
                    while (rs.next()) {
                        Map<String, Double> last = new LinkedHashMap<>();
                        for (String column : Metric.CURVE_TERMS.values()) {
                            last.put(column, Columns.nullableDouble(rs, column));
                        }
                        lastValues.put(rs.getString("id"), last);
                    }
                }
            }
            List<String> missing = runIds.stream().filter(id -> !configs.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                throw new NotFoundException(missing.stream().map(id -> "no run with id '" + id + "'").toList());
            }
            List<Run> runs = runIds.stream().map(summaries::get).toList();
            Map<String, RunMetrics> metrics = new LinkedHashMap<>();
            for (String id : runIds) {
                metrics.put(id, new RunMetrics(results.getOrDefault(id, Map.of()), lastValues.get(id)));
            }
            return new Comparison(runs, differences(runIds, configs), metrics);
        });
    }

    /** The statement's next result, which must be rows. */
    private static ResultSet next(PreparedStatement ps) throws SQLException {
        if (!ps.getMoreResults()) {
            throw new SQLException("compare: a statement of the batch returned no rows");
        }
        return ps.getResultSet();
    }

    /** {@code {"loss.lambda_srec": {"run a": 0.4, "run b": 0.8}}}, keys sorted. */
    static Map<String, Map<String, JsonNode>> differences(List<String> runIds, Map<String, JsonNode> configs) {
        Map<String, Map<String, JsonNode>> flat = new TreeMap<>();
        for (String id : runIds) {
            Map<String, JsonNode> leaves = new TreeMap<>();
            flatten("", configs.get(id), leaves);
            flat.put(id, leaves);
        }
        Set<String> keys = new TreeSet<>();
        flat.values().forEach(m -> keys.addAll(m.keySet()));
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        for (String key : keys) {
            List<JsonNode> values = new ArrayList<>();
            for (String id : runIds) {
                values.add(flat.get(id).get(key));
            }
            boolean same = values.stream().allMatch(v -> Objects.equals(v, values.get(0)));
            if (!same) {
                Map<String, JsonNode> byRun = new LinkedHashMap<>();
                for (int i = 0; i < runIds.size(); i++) {
                    byRun.put(runIds.get(i), values.get(i) == null ? Columns.MAPPER.nullNode() : values.get(i));
                }
                out.put(key, byRun);
            }
        }
        return out;
    }

    /** Objects are walked into dotted keys; arrays and scalars are leaves (a list differs as a whole). */
    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node);
        }
    }
}
