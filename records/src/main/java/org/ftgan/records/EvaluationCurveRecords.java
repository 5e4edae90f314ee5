package org.ftgan.records;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Evaluation during training: one row per (run, evaluated step) of table evaluation_curves (V7). */
public final class EvaluationCurveRecords {
    private static final String UPSERT = "INSERT INTO evaluation_curves"
            + " (run_id, step, e_rec, e_id_decomp, e_neu, e_transfer, blendshape, triplets, seconds)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_id, step) DO UPDATE SET e_rec = EXCLUDED.e_rec, e_id_decomp = EXCLUDED.e_id_decomp,"
            + " e_neu = EXCLUDED.e_neu, e_transfer = EXCLUDED.e_transfer, blendshape = EXCLUDED.blendshape,"
            + " triplets = EXCLUDED.triplets, seconds = EXCLUDED.seconds, recorded_at = now()";
    private static final String SELECT = "SELECT step, e_rec, e_id_decomp, e_neu, e_transfer, blendshape, triplets, seconds"
            + " FROM evaluation_curves WHERE run_id = ? ORDER BY step";

    /**
     * One evaluation, means in millimetres; NaN for a metric without items (stored as NULL).
     */
    public record Point(long step, double reconstruction, double identityDecomposition, double neutralization,
                        double transfer, double blendshape, int triplets, double seconds) {
        /** The figure of this point by its key ({@code e_transfer}, as {@link org.ftgan.names.FigureNames} names them). */
        public double figure(String key) {
            return switch (key) {
                case "e_rec" -> reconstruction;
                case "e_id_decomp" -> identityDecomposition;
                case "e_neu" -> neutralization;
                case "e_transfer" -> transfer;
                default -> throw new IllegalArgumentException("no figure '" + key + "' in an evaluation point; expected one of "
                        + org.ftgan.names.FigureNames.KEYS);
            };
        }
    }

    private final Database db;

    public EvaluationCurveRecords(Database db) {
        this.db = db;
    }

    /** Inserts the point or replaces the one stored at its step. */
    public void upsert(String runId, Point p) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, runId);
                ps.setLong(2, p.step());
                double[] v = {p.reconstruction(), p.identityDecomposition(), p.neutralization(), p.transfer(), p.blendshape()};
                for (int i = 0; i < v.length; i++) {
                    if (Double.isFinite(v[i])) {
                        ps.setDouble(3 + i, v[i]);
                    } else {
                        ps.setNull(3 + i, Types.DOUBLE);
                    }
                }
                ps.setInt(8, p.triplets());
                ps.setDouble(9, p.seconds());
                return ps.executeUpdate();
            }
        });
    }

    /** The run's points in step order. */
    public List<Point> points(String runId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setString(1, runId);
                List<Point> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Point(rs.getLong(1), value(rs, 2), value(rs, 3), value(rs, 4), value(rs, 5), value(rs, 6),
                                rs.getInt(7), rs.getDouble(8)));
                    }
                }
                return out;
            }
        });
    }

    private static double value(ResultSet rs, int column) throws java.sql.SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
