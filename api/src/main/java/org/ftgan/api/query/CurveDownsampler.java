package org.ftgan.api.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
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

    /** @return {@code {logged_points, points: [{step, epoch, samples_per_s, elapsed_s, n, l_rec, ...}]}} */
    static ObjectNode curve(Connection c, String runId, int points) throws SQLException {
        checkPoints(points);
        long logged;
        long first;
        long last;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), min(step), max(step) FROM curves WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                logged = rs.getLong(1);
                first = rs.getLong(2);
                last = rs.getLong(3);
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("logged_points", logged);
        out.put("reduction", logged <= points ? "none" : "mean per step bucket");
        ArrayNode list = out.putArray("points");
        if (logged == 0) {
            return out;
        }
        StringBuilder select = new StringBuilder();
        Map<String, String> terms = Metric.CURVE_TERMS;
        String sql;
        if (logged <= points) {
            for (String column : terms.values()) {
                select.append(", ").append(column);
            }
            sql = "SELECT step, epoch, samples_per_s, elapsed_s, 1 AS n" + select + " FROM curves WHERE run_id = ? ORDER BY step";
        } else {
            for (String column : terms.values()) {
                select.append(", avg(").append(column).append(") AS ").append(column);
            }
            // bucket = floor((step - first) * N / (last - first + 1)), in 0..N-1
            sql = "SELECT max(step) AS step, max(epoch) AS epoch, avg(samples_per_s) AS samples_per_s,"
                    + " max(elapsed_s) AS elapsed_s, count(*) AS n" + select
                    + " FROM curves WHERE run_id = ? GROUP BY ((step - ?) * ?) / ? ORDER BY 1";
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            if (logged > points) {
                ps.setLong(2, first);
                ps.setLong(3, points);
                ps.setLong(4, last - first + 1);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode p = list.addObject();
                    p.put("step", rs.getLong("step"));
                    p.put("epoch", rs.getInt("epoch"));
                    Json.putDouble(p, "samples_per_s", rs, "samples_per_s");
                    Json.putDouble(p, "elapsed_s", rs, "elapsed_s");
                    p.put("n", rs.getLong("n"));
                    for (String column : terms.values()) {
                        Json.putDouble(p, column, rs, column);
                    }
                }
            }
        }
        return out;
    }
}
