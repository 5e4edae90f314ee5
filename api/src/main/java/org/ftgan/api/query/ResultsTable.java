package org.ftgan.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ftgan.api.ApiError;
import org.ftgan.records.Database;
import org.ftgan.records.ResultRow;

/**
 * Every run of an experiment with its swept config keys (flattened, e.g. {@code loss.lambda_srec})
 * and every overall figure, in one answer: what the dashboard's runs table shows. The run list
 * route gives one metric per request; a table of 10,000 runs needs all of them at once.
 *
 * <p>Built by one statement (experiments LEFT JOIN runs LEFT JOIN results) so that an unknown
 * experiment (no row) and an experiment without runs (one row of nulls) are told apart without a
 * second query. Figures are the FaceTuneGAN overall means under their metric's name; the
 * blendshape baseline's under {@code <metric>_blendshape}.
 */
public final class ResultsTable {
    /** Suffix of the blendshape baseline's figures. */
    public static final String BASELINE_SUFFIX = "_blendshape";

    private static final String STATEMENT = "SELECT r.id, r.run_key, r.status, r.overrides::text AS overrides, r.last_step,"
            + " r.total_steps, r.started_at, r.finished_at, res.metric, res.method, res.mean"
            + " FROM experiments e"
            + " LEFT JOIN runs r ON r.experiment_id = e.id"
            + " LEFT JOIN results res ON res.run_id = r.id AND res.expression = ''"
            + " WHERE e.id = ?"
            + " ORDER BY r.run_index, res.metric, res.method";

    private final Database db;

    public ResultsTable(Database db) {
        this.db = db;
    }

    /**
     * {@code {experiment_id, config_keys[], metrics[], runs:[{id, run_key, status, overrides{flat},
     * last_step, total_steps, started_at, finished_at, metrics{}}]}}, runs in sweep order.
     *
     * @throws ApiError 404 not_found for an unknown experiment
     */
    public ObjectNode table(String experimentId) {
        return db.inTransaction(c -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("experiment_id", experimentId);
            ArrayNode configKeys = out.putArray("config_keys");
            ArrayNode metrics = out.putArray("metrics");
            ArrayNode runs = out.putArray("runs");
            TreeSet<String> keys = new TreeSet<>();
            TreeSet<String> figures = new TreeSet<>();
            boolean found = false;
            try (PreparedStatement ps = c.prepareStatement(STATEMENT)) {
                ps.setString(1, experimentId);
                ps.setFetchSize(2_000);
                try (ResultSet rs = ps.executeQuery()) {
                    ObjectNode run = null;
                    while (rs.next()) {
                        found = true;
                        String id = rs.getString("id");
                        if (id == null) {
                            continue; // the experiment has no runs
                        }
                        if (run == null || !id.equals(run.get("id").asText())) {
                            run = runs.addObject();
                            run.put("id", id);
                            run.put("run_key", rs.getString("run_key"));
                            run.put("status", rs.getString("status"));
                            ObjectNode flat = run.putObject("overrides");
                            flatten("", Json.parse(rs.getString("overrides"), "runs.overrides"), flat);
                            flat.fieldNames().forEachRemaining(keys::add);
                            Json.putLong(run, "last_step", rs, "last_step");
                            Json.putLong(run, "total_steps", rs, "total_steps");
                            Json.putTime(run, "started_at", rs, "started_at");
                            Json.putTime(run, "finished_at", rs, "finished_at");
                            run.putObject("metrics");
                        }
                        String metric = rs.getString("metric");
                        if (metric != null) {
                            String name = "blendshape".equals(rs.getString("method")) ? metric + BASELINE_SUFFIX : metric;
                            figures.add(name);
                            Json.putDouble((ObjectNode) run.get("metrics"), name, rs, "mean");
                        }
                    }
                }
            }
            if (!found) {
                throw new ApiError(404, "not_found", "no experiment with id '" + experimentId + "'");
            }
            keys.forEach(configKeys::add);
            metricOrder(figures).forEach(metrics::add);
            return out;
        });
    }

    /** The figures present, in the paper's order (e_rec, e_id_decomp, e_neu, e_transfer), each before its baseline. */
    static List<String> metricOrder(TreeSet<String> present) {
        List<String> ordered = new ArrayList<>();
        for (String m : ResultRow.METRICS) {
            for (String name : List.of(m, m + BASELINE_SUFFIX)) {
                if (present.contains(name)) {
                    ordered.add(name);
                }
            }
        }
        return ordered;
    }

    /** Nested objects become dotted keys; arrays and scalars are kept as they are. */
    static void flatten(String prefix, JsonNode node, ObjectNode out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            out.set(prefix, node);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
        }
    }
}
