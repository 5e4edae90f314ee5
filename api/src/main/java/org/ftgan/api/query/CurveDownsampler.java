package org.ftgan.api.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.ftgan.api.ApiError;

/**
 * A run's training curve reduced to at most N points in PostgreSQL, every term included. The step
 * range [first, last] is cut into N buckets of equal width; each bucket becomes one point holding
 * the MEAN of each term over the bucket's logged steps (a term absent from all of them stays null),
 * at the bucket's LAST step and epoch, with the bucket's point count. A curve of at most N points
 * comes back as logged. Means rather than picked points: GAN losses are noisy, and a mean keeps a
 * bucket's level where any single point may be a spike.
 */
public final class CurveDownsampler {
    public static final int DEFAULT_POINTS = 500;
    public static final int MAX_POINTS = 2000;

    private CurveDownsampler() {
    }

    /** @throws ApiError 400 invalid_parameter if {@code points} is outside 2..{@value #MAX_POINTS} */
    public static void checkPoints(int points) {
        if (points < 2 || points > MAX_POINTS) {
            throw new ApiError(400, "invalid_parameter", "points: " + points + " is not between 2 and " + MAX_POINTS);
        }
    }

    /**
     * One statement, parameters: run id, run id, points, points. Every bucket is a GROUP BY key: the
     * step itself when the curve has at most N points (each group one logged point, as logged),
     * else floor((step - first) * N / (last - first + 1)), in 0..N-1. Each row carries the logged
     * point count; a curve with no points gives no rows.
     */
    static final String SQL;

    static {
        StringBuilder select = new StringBuilder();
        for (String column : Metric.CURVE_TERMS.values()) {
            select.append(", avg(c.").append(column).append(") AS ").append(column);
        }
        // column names come from Metric.CURVE_TERMS, never from a request
        SQL = "SELECT s.logged, max(c.step) AS step, max(c.epoch) AS epoch, avg(c.samples_per_s) AS samples_per_s,"
                + " max(c.elapsed_s) AS elapsed_s, count(*) AS n" + select
                + " FROM curves c CROSS JOIN (SELECT count(*) AS logged, min(step) AS first, max(step) AS last"
                + " FROM curves WHERE run_id = ?) s WHERE c.run_id = ?"
                + " GROUP BY s.logged, CASE WHEN s.logged <= ? THEN c.step ELSE ((c.step - s.first) * ?) / (s.last - s.first + 1) END"
                + " ORDER BY 2";
    }

    /** Binds {@link #SQL}'s parameters from {@code first} on; returns the next free index. */
    static int bind(PreparedStatement ps, int first, String runId, int points) throws SQLException {
        checkPoints(points);
        ps.setString(first, runId);
        ps.setString(first + 1, runId);
        ps.setLong(first + 2, points);
        ps.setLong(first + 3, points);
        return first + 4;
    }

    /** @return {@code {logged_points, reduction, points: [{step, epoch, samples_per_s, elapsed_s, n, l_rec, ...}]}} */
    static ObjectNode read(ResultSet rs, int points) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        long logged = 0;
        ArrayNode list = Json.MAPPER.createArrayNode();
        while (rs.next()) {
            logged = rs.getLong("logged");
            ObjectNode p = list.addObject();
            p.put("step", rs.getLong("step"));
            p.put("epoch", rs.getInt("epoch"));
            Json.putDouble(p, "samples_per_s", rs, "samples_per_s");
            Json.putDouble(p, "elapsed_s", rs, "elapsed_s");
            p.put("n", rs.getLong("n"));
            for (String column : Metric.CURVE_TERMS.values()) {
                Json.putDouble(p, column, rs, column);
            }
        }
        out.put("logged_points", logged);
        out.put("reduction", logged <= points ? "none" : "mean per step bucket");
        out.set("points", list);
        return out;
    }
}
