package org.ftgan.records.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.ftgan.records.Database;

/**
 * The bulk data of the API benchmark ({@code ftgan bench api}), written in PostgreSQL itself: a
 * million curve points go in one statement rather than through the repositories one by one.
 */
public final class BenchData {
    private BenchData() {
    }

    /**
     * Gives every run a status (a tenth failed, a tenth running, the rest succeeded), {@code perRun}
     * curve points, the overall figures and per-expression E_transfer of each succeeded run, and 4
     * events; then {@code VACUUM ANALYZE}.
     */
    public static void fill(Database db, long perRun) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE runs SET status = CASE WHEN run_index % 10 = 0 THEN 'failed' WHEN run_index % 10 = 1"
                        + " THEN 'running' ELSE 'succeeded' END, attempt = 1, last_step = 20000");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO curves (run_id, step, epoch, samples_per_s, elapsed_s,"
                    + " l_rec, l_cycle, l_srec, l_adv, l_feat, l_lap, l_g, d_real, d_fake, r1, l_d)"
                    + " SELECT r.id, s * 50, s / 20, 120.0, s * 0.4,"
                    + " 1.0 / (1 + s * 0.05) + (r.run_index % 97) / 1000.0, 0.5 / (1 + s * 0.01), 0.3 / (1 + s * 0.02),"
                    + " 0.69 + sin(s) * 0.01, 0.2, 0.01, 1.5 - s * 0.001, 0.6, 0.4, 0.05, 1.3"
                    + " FROM runs r CROSS JOIN generate_series(0, ? - 1) s")) {
                ps.setLong(1, perRun);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO results (run_id, metric, method, expression, mean, std, median, n)"
                        + " SELECT r.id, m.metric, m.method, x.expression,"
                        + " 1.0 + (r.run_index % 101) / 100.0 + m.shift, 0.3, 1.0 + (r.run_index % 101) / 100.0, 1000"
                        + " FROM runs r CROSS JOIN (VALUES ('e_rec', 'facetunegan', 0.0), ('e_id_decomp', 'facetunegan', 0.2),"
                        + " ('e_neu', 'facetunegan', 0.4), ('e_transfer', 'facetunegan', 0.6), ('e_transfer', 'blendshape', 1.6))"
                        + " AS m (metric, method, shift)"
                        + " CROSS JOIN (SELECT '' AS expression UNION ALL SELECT 'expr' || g FROM generate_series(1, 12) g) x"
                        + " WHERE r.status = 'succeeded' AND (x.expression = '' OR m.metric = 'e_transfer')");
                s.execute("INSERT INTO events (experiment_id, run_id, status, reason, attempt, worker, dedupe_key)"
                        + " SELECT r.experiment_id, r.id, e.status, NULL, 1, 'bench-worker', 'run:' || r.id || ':' || e.status"
                        + " FROM runs r CROSS JOIN (VALUES ('running'), ('evaluating'), ('succeeded'), ('failed')) AS e (status)");
            }
            return null;
        });
        // VACUUM cannot run in a transaction block
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        } catch (java.sql.SQLException ex) {
            throw new IllegalStateException("VACUUM ANALYZE failed: " + ex.getMessage(), ex);
        }
    }

    /** How many curve points are stored. */
    public static long curvePoints(Database db) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM curves")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
