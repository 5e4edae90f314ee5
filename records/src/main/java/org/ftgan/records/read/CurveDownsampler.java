package org.ftgan.records.read;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** @throws InvalidQueryException naming points if {@code points} is outside 2..{@value #MAX_POINTS} */
    public static void checkPoints(int points) {
        if (points < 2 || points > MAX_POINTS) {
            throw new InvalidQueryException("points", points + " is not between 2 and " + MAX_POINTS);
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

    /**
     * A run's curve as read.
     *
     * @param loggedPoints how many points the run logged
     * @param reduced      true when the points are bucket means (more logged points than asked for)
     */
    public record Curve(long loggedPoints, boolean reduced, List<Point> points) {
    }

    /**
     * One point (or bucket) of a curve.
     *
     * @param terms every curve term by column name ({@link Metric#CURVE_TERMS} order), null where absent
     */
    public record Point(long step, int epoch, Double samplesPerS, Double elapsedS, long n, Map<String, Double> terms) {
    }

    static Curve read(ResultSet rs, int points) throws SQLException {
        long logged = 0;
        List<Point> list = new ArrayList<>();
        while (rs.next()) {
            logged = rs.getLong("logged");
            Map<String, Double> terms = new LinkedHashMap<>();
            for (String column : Metric.CURVE_TERMS.values()) {
                terms.put(column, Columns.nullableDouble(rs, column));
            }
            list.add(new Point(rs.getLong("step"), rs.getInt("epoch"), Columns.nullableDouble(rs, "samples_per_s"),
                    Columns.nullableDouble(rs, "elapsed_s"), rs.getLong("n"), terms));
        }
        return new Curve(logged, logged > points, list);
    }
}
