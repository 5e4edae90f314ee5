package org.ftgan.records.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.names.Status;

/** Status history (the events table) of an experiment or a run, oldest first. */
final class Events {
    /** More would make a detail response unbounded for experiments of many runs; the newest are kept. */
    static final int MAX_EVENTS = 1000;

    private Events() {
    }

    /** @param column experiment_id or run_id (fixed by the callers, never from a request) */
    static List<Event> list(Connection c, String column, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(column))) {
            ps.setString(1, id);
            ps.setInt(2, MAX_EVENTS);
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs);
            }
        }
    }

    /**
     * The query, parameters: the id, then {@link #MAX_EVENTS}.
     *
     * @param column experiment_id or run_id (fixed by the callers, never from a request)
     */
    static String sql(String column) {
        return "SELECT * FROM (SELECT id, run_id, status, reason, attempt, worker,"
                + " created_at FROM events WHERE " + column + " = ? ORDER BY id DESC LIMIT ?) e ORDER BY id";
    }

    static List<Event> read(ResultSet rs) throws SQLException {
        List<Event> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new Event(rs.getLong("id"), rs.getString("run_id"),
                    Status.ofEvent(rs.getString("run_id") != null, rs.getString("status")), rs.getString("reason"),
                    Columns.nullableLong(rs, "attempt"), rs.getString("worker"), Columns.time(rs, "created_at")));
        }
        return out;
    }
}
