package org.ftgan.api.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Status history (the events table) of an experiment or a run as JSON, oldest first. */
final class Events {
    /** More would make a detail response unbounded for experiments of many runs; the newest are kept. */
    static final int MAX_EVENTS = 1000;

    private Events() {
    }

    /** @param column experiment_id or run_id (fixed by the callers, never from a request) */
    static ArrayNode list(Connection c, String column, String id) throws SQLException {
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

    static ArrayNode read(ResultSet rs) throws SQLException {
        ArrayNode out = Json.MAPPER.createArrayNode();
        while (rs.next()) {
            ObjectNode e = out.addObject();
            e.put("id", rs.getLong("id"));
            e.put("run_id", rs.getString("run_id"));
            e.put("status", rs.getString("status"));
            e.put("reason", rs.getString("reason"));
            Json.putLong(e, "attempt", rs, "attempt");
            e.put("worker", rs.getString("worker"));
            Json.putTime(e, "created_at", rs, "created_at");
        }
        return out;
    }
}
