package org.ftgan.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.names.Status;

/** The history of status changes, appended once per dedupe key. */
public final class EventRecords {
    private static final String COLUMNS = "id, experiment_id, run_id, status, reason, attempt, worker, created_at, dedupe_key";

    private final Database db;

    public EventRecords(Database db) {
        this.db = db;
    }

    /** Appends the event unless one with the same dedupe key exists; returns the stored row either way. */
    public EventRow append(NewEvent event) {
        return db.inTransaction(c -> append(c, event));
    }

    /** As {@link #append(NewEvent)}, inside the caller's transaction (a status update and its event commit together). */
    static EventRow append(Connection c, NewEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (experiment_id, run_id, status, reason, attempt, worker, dedupe_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING " + COLUMNS)) {
            ps.setString(1, e.experimentId());
            ps.setString(2, e.runId());
            ps.setString(3, e.status().dbName());
            ps.setString(4, e.reason());
            Rows.setInt(ps, 5, e.attempt());
            ps.setString(6, e.worker());
            ps.setString(7, e.dedupeKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return row(rs);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE dedupe_key = ?")) {
            ps.setString(1, e.dedupeKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RecordsException("event '" + e.dedupeKey() + "' conflicted on insert but cannot be read back");
                }
                return row(rs);
            }
        }
    }

    public List<EventRow> listByRun(String runId) {
        return list("SELECT " + COLUMNS + " FROM events WHERE run_id = ? ORDER BY id", runId);
    }

    /** Every event of the experiment, its runs' included, oldest first. */
    public List<EventRow> listByExperiment(String experimentId) {
        return list("SELECT " + COLUMNS + " FROM events WHERE experiment_id = ? ORDER BY id", experimentId);
    }

    private List<EventRow> list(String sql, String key) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    List<EventRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static EventRow row(ResultSet rs) throws SQLException {
        String runId = rs.getString("run_id");
        return new EventRow(rs.getLong("id"), rs.getString("experiment_id"), runId, Status.ofEvent(runId != null, rs.getString("status")),
                rs.getString("reason"), Rows.nullableInt(rs, "attempt"), rs.getString("worker"), Rows.instant(rs, "created_at"),
                rs.getString("dedupe_key"));
    }
}
