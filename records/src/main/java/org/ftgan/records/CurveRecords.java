package org.ftgan.records;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** Training curves: one row per (run, logged step). */
public final class CurveRecords {
    private static final String UPSERT;
    private static final String SELECT_POINTS;

    static {
        List<String> valueColumns = new ArrayList<>(List.of("epoch", "samples_per_s", "elapsed_s"));
        valueColumns.addAll(CurveColumns.COLUMNS);
        String arrays = "?::bigint[], ?::integer[]" + ", ?::float8[]".repeat(2 + CurveColumns.COLUMNS.size());
        // The WHERE makes a repeated write of the same values touch nothing (recorded_at stays), so a
        // retried activity leaves the table exactly as the first attempt did.
        UPSERT = "INSERT INTO curves (run_id, step, " + String.join(", ", valueColumns) + ")"
                + " SELECT ?, u.* FROM unnest(" + arrays + ") AS u"
                + " ON CONFLICT (run_id, step) DO UPDATE SET "
                + valueColumns.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + ", recorded_at = now()"
                + " WHERE (" + valueColumns.stream().map(c -> "curves." + c).collect(Collectors.joining(", ")) + ")"
                + " IS DISTINCT FROM (" + valueColumns.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", ")) + ")";
        SELECT_POINTS = "SELECT step, " + String.join(", ", valueColumns) + " FROM curves WHERE run_id = ? ORDER BY step";
    }

    private final Database db;

    public CurveRecords(Database db) {
        this.db = db;
    }

    /**
     * Inserts the points or replaces the values stored at their steps, in one statement. Steps must
     * be distinct within one call.
     *
     * @return how many rows were inserted or changed (0 when the same points are written again)
     */
    public int upsert(String runId, List<CurvePoint> points) {
        if (points.isEmpty()) {
            return 0;
        }
        int n = points.size();
        Long[] steps = new Long[n];
        Integer[] epochs = new Integer[n];
        Double[] rates = new Double[n];
        Double[] elapsed = new Double[n];
        Double[][] terms = new Double[CurveColumns.TERMS.size()][n];
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            CurvePoint p = points.get(i);
            if (!seen.add(p.step())) {
                throw new IllegalArgumentException("curve points for run " + runId + " contain step " + p.step()
                        + " twice (index " + i + ")");
            }
            steps[i] = p.step();
            epochs[i] = p.epoch();
            rates[i] = p.samplesPerSecond();
            elapsed[i] = p.elapsedSeconds();
            for (int t = 0; t < terms.length; t++) {
                terms[t][i] = p.terms().get(CurveColumns.TERMS.get(t));
            }
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                int i = 1;
                ps.setString(i++, runId);
                ps.setArray(i++, c.createArrayOf("bigint", steps));
                ps.setArray(i++, c.createArrayOf("integer", epochs));
                ps.setArray(i++, c.createArrayOf("float8", rates));
                ps.setArray(i++, c.createArrayOf("float8", elapsed));
                for (Double[] column : terms) {
                    ps.setArray(i++, c.createArrayOf("float8", column));
                }
                return ps.executeUpdate();
            }
        });
    }

    /** The highest logged step of the run, empty if none. */
    public OptionalLong lastStep(String runId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT max(step) FROM curves WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
                }
            }
        });
    }

    public long count(String runId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM curves WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Every point of the run in step order (whole curve in memory: for tests and small runs). */
    public List<CurvePoint> points(String runId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_POINTS)) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<CurvePoint> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(point(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static CurvePoint point(ResultSet rs) throws SQLException {
        Map<String, Double> terms = new LinkedHashMap<>();
        for (int t = 0; t < CurveColumns.TERMS.size(); t++) {
            Double v = Rows.nullableDouble(rs, CurveColumns.COLUMNS.get(t));
            if (v != null) {
                terms.put(CurveColumns.TERMS.get(t), v);
            }
        }
        return new CurvePoint(rs.getLong("step"), rs.getInt("epoch"), rs.getDouble("samples_per_s"),
                rs.getDouble("elapsed_s"), terms);
    }
}
