package org.ftgan.api.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.ftgan.api.ApiError;
import org.ftgan.records.Database;

/**
 * Everything about one run in one response: config and overrides, status and progress, its status
 * history, evaluation results (overall and per expression, FaceTuneGAN beside the blendshape
 * baseline), artifacts, the hashes that identify what it ran on, and its curve downsampled
 * server-side ({@link CurveDownsampler}).
 */
public final class RunDetail {
    private final Database db;

    public RunDetail(Database db) {
        this.db = db;
    }

    /**
     * The run, its events, results, artifacts and curve: five statements sent in ONE round trip
     * (the driver pipelines them), read in order. Six round trips were most of a detail request's
     * time in PostgreSQL, each query being an index lookup of well under a millisecond.
     */
    private static final String SQL = "SELECT r.*, r.config::text AS config_text, r.overrides::text AS overrides_text"
            + " FROM runs r WHERE r.id = ?; "
            + Events.sql("run_id") + "; "
            + "SELECT metric, method, expression, mean, std, median, n FROM results WHERE run_id = ?"
            + " ORDER BY expression, metric, method; "
            + "SELECT kind, path, sha256, size_bytes, created_at FROM artifacts WHERE run_id = ? ORDER BY kind, path; "
            + "SELECT step, e_rec, e_id_decomp, e_neu, e_transfer, blendshape, triplets, seconds FROM evaluation_curves"
            + " WHERE run_id = ? ORDER BY step; "
            + CurveDownsampler.SQL;

    /** @throws ApiError 404 not_found, 400 invalid_parameter for a bad {@code points} */
    public ObjectNode describe(String runId, int points) {
        CurveDownsampler.checkPoints(points);
        return db.inTransaction(c -> {
            ObjectNode x = Json.MAPPER.createObjectNode();
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, runId);
                ps.setString(2, runId);
                ps.setInt(3, Events.MAX_EVENTS);
                ps.setString(4, runId);
                ps.setString(5, runId);
                ps.setString(6, runId);
                CurveDownsampler.bind(ps, 7, runId, points);
                ps.execute();
                try (ResultSet rs = ps.getResultSet()) {
                    if (!rs.next()) {
                        throw new ApiError(404, "not_found", "no run with id '" + runId + "'");
                    }
                    run(x, rs);
                }
                x.set("events", Events.read(next(ps)));
                x.set("results", results(next(ps)));
                x.set("artifacts", artifacts(next(ps)));
                x.set("evaluation_curve", evaluationCurve(next(ps)));
                x.set("curve", CurveDownsampler.read(next(ps), points));
            }
            return x;
        });
    }

    /** The statement's next result, which must be rows. */
    private static ResultSet next(PreparedStatement ps) throws SQLException {
        if (!ps.getMoreResults()) {
            throw new SQLException("run detail: a statement of the batch returned no rows");
        }
        return ps.getResultSet();
    }

    private static void run(ObjectNode x, ResultSet rs) throws SQLException {
        x.put("id", rs.getString("id"));
        x.put("experiment_id", rs.getString("experiment_id"));
        x.put("run_index", rs.getInt("run_index"));
        x.put("run_key", rs.getString("run_key"));
        x.put("status", rs.getString("status"));
        x.put("attempt", rs.getInt("attempt"));
        x.put("worker", rs.getString("worker"));
        Json.putLong(x, "last_step", rs, "last_step");
        Json.putLong(x, "total_steps", rs, "total_steps");
        x.put("last_checkpoint", rs.getString("last_checkpoint"));
        x.put("failure_reason", rs.getString("failure_reason"));
        x.put("seed", rs.getLong("seed"));
        x.put("code_version", rs.getString("code_version"));
        ObjectNode hashes = x.putObject("hashes");
        hashes.put("definition", rs.getString("definition_hash"));
        hashes.put("dataset", rs.getString("dataset_hash"));
        hashes.put("config", rs.getString("config_hash"));
        Json.putTime(x, "created_at", rs, "created_at");
        Json.putTime(x, "started_at", rs, "started_at");
        Json.putTime(x, "finished_at", rs, "finished_at");
        Json.putTime(x, "updated_at", rs, "updated_at");
        Json.putRaw(x, "config", rs.getString("config_text"));
        Json.putRaw(x, "overrides", rs.getString("overrides_text"));
    }

    /** {@code {overall: {metric: {facetunegan: {...}, blendshape: {...}}}, by_expression: {expr: {metric: {...}}}}} */
    private static ObjectNode results(ResultSet rs) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode overall = out.putObject("overall");
        ObjectNode byExpression = out.putObject("by_expression");
        try (rs) {
            while (rs.next()) {
                String expression = rs.getString("expression");
                ObjectNode scope = expression.isEmpty() ? overall : byExpression.withObjectProperty(expression);
                ObjectNode f = scope.withObjectProperty(rs.getString("metric")).putObject(rs.getString("method"));
                Json.putDouble(f, "mean", rs, "mean");
                Json.putDouble(f, "std", rs, "std");
                Json.putDouble(f, "median", rs, "median");
                f.put("n", rs.getInt("n"));
            }
        }
        return out;
    }

    private static final String[] EVALUATION_METRICS = {"e_rec", "e_id_decomp", "e_neu", "e_transfer", "blendshape"};

    /**
     * The evaluation during training: {@code {points: [{step, e_rec, e_id_decomp, e_neu, e_transfer,
     * blendshape, triplets, seconds}], best: point with the lowest e_transfer (earliest of equals) or
     * null, last: newest point or null}}; a metric without items is null.
     */
    private static ObjectNode evaluationCurve(ResultSet rs) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode points = out.putArray("points");
        ObjectNode best = null;
        ObjectNode last = null;
        try (rs) {
            while (rs.next()) {
                ObjectNode p = points.addObject();
                p.put("step", rs.getLong("step"));
                for (String m : EVALUATION_METRICS) {
                    Json.putDouble(p, m, rs, m);
                }
                p.put("triplets", rs.getInt("triplets"));
                p.put("seconds", rs.getDouble("seconds"));
                if (p.hasNonNull("e_transfer")
                        && (best == null || p.get("e_transfer").asDouble() < best.get("e_transfer").asDouble())) {
                    best = p;
                }
                last = p;
            }
        }
        out.set("best", best == null ? null : best.deepCopy());
        out.set("last", last == null ? null : last.deepCopy());
        return out;
    }

    private static ArrayNode artifacts(ResultSet rs) throws SQLException {
        ArrayNode out = Json.MAPPER.createArrayNode();
        try (rs) {
            while (rs.next()) {
                ObjectNode a = out.addObject();
                a.put("kind", rs.getString("kind"));
                a.put("path", rs.getString("path"));
                a.put("url", "/api/artifacts/" + rs.getString("path"));
                a.put("sha256", rs.getString("sha256"));
                a.put("size_bytes", rs.getLong("size_bytes"));
                Json.putTime(a, "created_at", rs, "created_at");
            }
        }
        return out;
    }
}
