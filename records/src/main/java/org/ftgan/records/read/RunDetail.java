package org.ftgan.records.read;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.names.RunStatus;
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

    /**
     * One run's record.
     *
     * @param configJson    its config as PostgreSQL prints jsonb
     * @param overridesJson its overrides as PostgreSQL prints jsonb
     */
    public record Run(String id, String experimentId, int runIndex, String runKey, RunStatus status, int attempt, String worker,
                      Long lastStep, Long totalSteps, String lastCheckpoint, String failureReason, long seed, String codeVersion,
                      String definitionHash, String datasetHash, String configHash, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Instant updatedAt, String configJson, String overridesJson) {
    }

    /**
     * Evaluation results: per metric, per method ({@code facetunegan}, {@code blendshape}); overall and per expression.
     * Maps keep the order read (expression, metric, method).
     */
    public record Results(Map<String, Map<String, Figure>> overall, Map<String, Map<String, Map<String, Figure>>> byExpression) {
    }

    /** A stored artifact of the run. */
    public record Artifact(String kind, String path, String sha256, long sizeBytes, Instant createdAt) {
    }

    /** One evaluation during training; a metric without items is null. */
    public record EvaluationPoint(long step, Double eRec, Double eIdDecomp, Double eNeu, Double eTransfer, Double blendshape,
                                  int triplets, double seconds) {
    }

    /**
     * The evaluation during training.
     *
     * @param best the point with the lowest finite e_transfer (earliest of equals), null if none has one
     * @param last the newest point, null if there is none
     */
    public record EvaluationCurve(List<EvaluationPoint> points, EvaluationPoint best, EvaluationPoint last) {
    }

    /** Everything about one run. */
    public record View(Run run, List<Event> events, Results results, List<Artifact> artifacts, EvaluationCurve evaluationCurve,
                       CurveDownsampler.Curve curve) {
    }

    /**
     * @throws NotFoundException for an unknown run
     * @throws InvalidQueryException naming points, for a bad {@code points}
     */
    public View describe(String runId, int points) {
        CurveDownsampler.checkPoints(points);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, runId);
                ps.setString(2, runId);
                ps.setInt(3, Events.MAX_EVENTS);
                ps.setString(4, runId);
                ps.setString(5, runId);
                ps.setString(6, runId);
                CurveDownsampler.bind(ps, 7, runId, points);
                ps.execute();
                Run run;
                try (ResultSet rs = ps.getResultSet()) {
                    if (!rs.next()) {
                        throw NotFoundException.run(runId);
                    }
                    run = run(rs);
                }
                List<Event> events;
                try (ResultSet rs = next(ps)) {
                    events = Events.read(rs);
                }
                Results results = results(next(ps));
                List<Artifact> artifacts = artifacts(next(ps));
                EvaluationCurve evaluation = evaluationCurve(next(ps));
                CurveDownsampler.Curve curve;
                try (ResultSet rs = next(ps)) {
                    curve = CurveDownsampler.read(rs, points);
                }
                return new View(run, events, results, artifacts, evaluation, curve);
            }
        });
    }

    /** The statement's next result, which must be rows. */
    private static ResultSet next(PreparedStatement ps) throws SQLException {
        if (!ps.getMoreResults()) {
            throw new SQLException("run detail: a statement of the batch returned no rows");
        }
        return ps.getResultSet();
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(rs.getString("id"), rs.getString("experiment_id"), rs.getInt("run_index"), rs.getString("run_key"),
                RunStatus.fromDb(rs.getString("status")), rs.getInt("attempt"), rs.getString("worker"), Columns.nullableLong(rs, "last_step"),
                Columns.nullableLong(rs, "total_steps"), rs.getString("last_checkpoint"), rs.getString("failure_reason"),
                rs.getLong("seed"), rs.getString("code_version"), rs.getString("definition_hash"), rs.getString("dataset_hash"),
                rs.getString("config_hash"), Columns.time(rs, "created_at"), Columns.time(rs, "started_at"),
                Columns.time(rs, "finished_at"), Columns.time(rs, "updated_at"), rs.getString("config_text"),
                rs.getString("overrides_text"));
    }

    private static Results results(ResultSet rs) throws SQLException {
        Map<String, Map<String, Figure>> overall = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Figure>>> byExpression = new LinkedHashMap<>();
        try (rs) {
            while (rs.next()) {
                String expression = rs.getString("expression");
                Map<String, Map<String, Figure>> scope = expression.isEmpty() ? overall
                        : byExpression.computeIfAbsent(expression, k -> new LinkedHashMap<>());
                scope.computeIfAbsent(rs.getString("metric"), k -> new LinkedHashMap<>()).put(rs.getString("method"), figure(rs));
            }
        }
        return new Results(overall, byExpression);
    }

    /** The mean, std, median and n columns of a results row. */
    static Figure figure(ResultSet rs) throws SQLException {
        return new Figure(Columns.nullableDouble(rs, "mean"), Columns.nullableDouble(rs, "std"), Columns.nullableDouble(rs, "median"),
                rs.getInt("n"));
    }

    private static EvaluationCurve evaluationCurve(ResultSet rs) throws SQLException {
        List<EvaluationPoint> points = new ArrayList<>();
        EvaluationPoint best = null;
        EvaluationPoint last = null;
        try (rs) {
            while (rs.next()) {
                EvaluationPoint p = new EvaluationPoint(rs.getLong("step"), Columns.nullableDouble(rs, "e_rec"),
                        Columns.nullableDouble(rs, "e_id_decomp"), Columns.nullableDouble(rs, "e_neu"),
                        Columns.nullableDouble(rs, "e_transfer"), Columns.nullableDouble(rs, "blendshape"), rs.getInt("triplets"),
                        rs.getDouble("seconds"));
                points.add(p);
                // NaN and infinities are no figure (the API writes them as null)
                if (p.eTransfer() != null && Double.isFinite(p.eTransfer())
                        && (best == null || p.eTransfer() < best.eTransfer())) {
                    best = p;
                }
                last = p;
            }
        }
        return new EvaluationCurve(points, best, last);
    }

    private static List<Artifact> artifacts(ResultSet rs) throws SQLException {
        List<Artifact> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(new Artifact(rs.getString("kind"), rs.getString("path"), rs.getString("sha256"), rs.getLong("size_bytes"),
                        Columns.time(rs, "created_at")));
            }
        }
        return out;
    }
}
