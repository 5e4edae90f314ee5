package org.ftgan.records;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Evaluation results of runs. */
public final class ResultRecords {
    private final Database db;

    public ResultRecords(Database db) {
        this.db = db;
    }

    /**
     * Makes {@code rows} the run's results, dropping any it had, in one transaction: an evaluation
     * repeated by a retry leaves exactly its own figures.
     */
    public void replaceAll(String runId, List<ResultRow> rows) {
        Set<List<String>> keys = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            ResultRow r = rows.get(i);
            if (!keys.add(List.of(r.metric(), r.method(), r.expression()))) {
                throw new IllegalArgumentException("results for run " + runId + " contain " + r.metric() + "/" + r.method()
                        + "/'" + r.expression() + "' twice (index " + i + ")");
            }
        }
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM results WHERE run_id = ?")) {
                del.setString(1, runId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO results"
                    + " (run_id, metric, method, expression, mean, std, median, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ResultRow r : rows) {
                    ps.setString(1, runId);
                    ps.setString(2, r.metric());
                    ps.setString(3, r.method());
                    ps.setString(4, r.expression());
                    ps.setDouble(5, r.mean());
                    ps.setDouble(6, r.std());
                    ps.setDouble(7, r.median());
                    ps.setInt(8, r.n());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The run's results ordered by metric, method, expression (overall first). */
    public List<ResultRow> list(String runId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT metric, method, expression, mean, std, median, n"
                    + " FROM results WHERE run_id = ? ORDER BY metric, method, expression")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ResultRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new ResultRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getInt(7)));
                    }
                    return out;
                }
            }
        });
    }
}
