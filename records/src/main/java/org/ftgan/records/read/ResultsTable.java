package org.ftgan.records.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ftgan.names.RunStatus;
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
     * One run of the table.
     *
     * @param overrides its overrides flattened to dotted keys, in stored order
     * @param metrics   its overall figures by name (a baseline's with {@link #BASELINE_SUFFIX}), null for SQL NULL
     */
    public record Row(String id, String runKey, RunStatus status, Map<String, JsonNode> overrides, Long lastStep, Long totalSteps,
                      Instant startedAt, Instant finishedAt, Map<String, Double> metrics) {
    }

    /**
     * @param configKeys every flattened override key of any run, sorted
     * @param metrics    the figures present, in the paper's order, each before its baseline
     * @param runs       in sweep order
     */
    public record Table(String experimentId, List<String> configKeys, List<String> metrics, List<Row> runs) {
    }

    /** @throws NotFoundException for an unknown experiment */
    public Table table(String experimentId) {
        return db.inTransaction(c -> {
            List<Row> runs = new ArrayList<>();
            TreeSet<String> keys = new TreeSet<>();
            TreeSet<String> figures = new TreeSet<>();
            boolean found = false;
            try (PreparedStatement ps = c.prepareStatement(STATEMENT)) {
                ps.setString(1, experimentId);
                ps.setFetchSize(2_000);
                try (ResultSet rs = ps.executeQuery()) {
                    Row run = null;
                    while (rs.next()) {
                        found = true;
                        String id = rs.getString("id");
                        if (id == null) {
                            continue; // the experiment has no runs
                        }
                        if (run == null || !id.equals(run.id())) {
                            Map<String, JsonNode> flat = new LinkedHashMap<>();
                            flatten("", Columns.json(rs.getString("overrides"), "runs.overrides"), flat);
                            keys.addAll(flat.keySet());
                            run = new Row(id, rs.getString("run_key"), RunStatus.fromDb(rs.getString("status")), flat,
                                    Columns.nullableLong(rs, "last_step"), Columns.nullableLong(rs, "total_steps"),
                                    Columns.time(rs, "started_at"), Columns.time(rs, "finished_at"), new LinkedHashMap<>());
                            runs.add(run);
                        }
                        String metric = rs.getString("metric");
                        if (metric != null) {
                            String name = "blendshape".equals(rs.getString("method")) ? metric + BASELINE_SUFFIX : metric;
                            figures.add(name);
                            run.metrics().put(name, Columns.nullableDouble(rs, "mean"));
                        }
                    }
                }
            }
            if (!found) {
                throw NotFoundException.experiment(experimentId);
            }
            return new Table(experimentId, List.copyOf(keys), metricOrder(figures), runs);
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
    static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            out.put(prefix, node);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
        }
    }
}
