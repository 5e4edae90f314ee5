package org.ftgan.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ftgan.api.ApiError;
import org.ftgan.records.Database;

/**
 * Two to ten runs, of any experiments, side by side: only the config keys whose values differ
 * between them (a key missing from a run counts as differing, shown as null), then the overall
 * evaluation figures and the last logged value of every curve term.
 */
public final class RunComparison {
    public static final int MIN_RUNS = 2;
    public static final int MAX_RUNS = 10;

    private final Database db;

    public RunComparison(Database db) {
        this.db = db;
    }

    /** @throws ApiError 400 invalid_parameter for too few, too many or repeated ids; 404 not_found naming the missing runs */
    public ObjectNode compare(List<String> runIds) {
        if (runIds.size() < MIN_RUNS || runIds.size() > MAX_RUNS) {
            throw new ApiError(400, "invalid_parameter", "runs: " + runIds.size() + " run ids given; compare takes "
                    + MIN_RUNS + " to " + MAX_RUNS + ", comma-separated");
        }
        Set<String> unique = new LinkedHashSet<>(runIds);
        if (unique.size() != runIds.size()) {
            throw new ApiError(400, "invalid_parameter", "runs: a run id is repeated in " + runIds);
        }
        return db.inTransaction(c -> {
            Map<String, JsonNode> configs = new TreeMap<>();
            Map<String, ObjectNode> summaries = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, experiment_id, run_key, status, config::text AS config"
                    + " FROM runs WHERE id = ANY(?::text[])")) {
                ps.setArray(1, c.createArrayOf("text", runIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString("id");
                        configs.put(id, Json.parse(rs.getString("config"), "runs.config"));
                        ObjectNode s = Json.MAPPER.createObjectNode();
                        s.put("id", id);
                        s.put("experiment_id", rs.getString("experiment_id"));
                        s.put("run_key", rs.getString("run_key"));
                        s.put("status", rs.getString("status"));
                        summaries.put(id, s);
                    }
                }
            }
            List<String> missing = runIds.stream().filter(id -> !configs.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                throw new ApiError(404, "not_found", missing.stream().map(id -> "no run with id '" + id + "'").toList());
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode runs = out.putArray("runs");
            runIds.forEach(id -> runs.add(summaries.get(id)));
            out.set("config_differences", differences(runIds, configs));
            ObjectNode metrics = out.putObject("metrics");
            for (String id : runIds) {
                ObjectNode m = metrics.putObject(id);
                m.set("results", overall(c, id));
                m.set("last_curve_values", lastCurveValues(c, id));
            }
            return out;
        });
    }

    /** {@code {"loss.lambda_srec": {"run a": 0.4, "run b": 0.8}}}, keys sorted. */
    static ObjectNode differences(List<String> runIds, Map<String, JsonNode> configs) {
        Map<String, Map<String, JsonNode>> flat = new TreeMap<>();
        for (String id : runIds) {
            Map<String, JsonNode> leaves = new TreeMap<>();
            flatten("", configs.get(id), leaves);
            flat.put(id, leaves);
        }
        Set<String> keys = new TreeSet<>();
        flat.values().forEach(m -> keys.addAll(m.keySet()));
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String key : keys) {
            List<JsonNode> values = new ArrayList<>();
            for (String id : runIds) {
                values.add(flat.get(id).get(key));
            }
            boolean same = values.stream().allMatch(v -> Objects.equals(v, values.get(0)));
            if (!same) {
                ObjectNode byRun = out.putObject(key);
                for (int i = 0; i < runIds.size(); i++) {
                    byRun.set(runIds.get(i), values.get(i) == null ? Json.MAPPER.nullNode() : values.get(i));
                }
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

    private static ObjectNode overall(Connection c, String runId) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        try (PreparedStatement ps = c.prepareStatement("SELECT metric, method, mean, std, median, n FROM results"
                + " WHERE run_id = ? AND expression = '' ORDER BY metric, method")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode f = out.withObjectProperty(rs.getString("metric")).putObject(rs.getString("method"));
                    Json.putDouble(f, "mean", rs, "mean");
                    Json.putDouble(f, "std", rs, "std");
                    Json.putDouble(f, "median", rs, "median");
                    f.put("n", rs.getInt("n"));
                }
            }
        }
        return out;
    }

    /** The last non-null value of each term (terms are not logged at every step, so each has its own last step). */
    private static ObjectNode lastCurveValues(Connection c, String runId) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        StringBuilder sql = new StringBuilder("SELECT ");
        boolean first = true;
        for (String column : Metric.CURVE_TERMS.values()) {
            sql.append(first ? "" : ", ").append("(SELECT x.").append(column).append(" FROM curves x WHERE x.run_id = ? AND x.")
                    .append(column).append(" IS NOT NULL ORDER BY x.step DESC LIMIT 1) AS ").append(column);
            first = false;
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 1; i <= Metric.CURVE_TERMS.size(); i++) {
                ps.setString(i, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (String column : Metric.CURVE_TERMS.values()) {
                    Json.putDouble(out, column, rs, column);
                }
            }
        }
        return out;
    }
}
