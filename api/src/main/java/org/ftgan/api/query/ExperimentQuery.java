package org.ftgan.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.ftgan.api.ApiError;
import org.ftgan.records.Database;
import org.ftgan.records.ExperimentStatus;
import org.ftgan.records.RunStatus;

/**
 * Lists experiments (filtered by status, tag and a text search over name and description, sorted by
 * {@code created_at}, {@code name} or {@code status}, in keyset pages) and describes one.
 */
public final class ExperimentQuery {
    public static final List<String> SORTS = List.of("created_at", "name", "status");
    private static final String COLUMNS = "q.id, q.name, q.description, q.tags, q.status, q.run_count, q.definition_hash,"
            + " q.dataset_hash, q.created_at, q.started_at, q.finished_at, q.run_counts";

    private final Database db;

    public ExperimentQuery(Database db) {
        this.db = db;
    }

    /**
     * @param statuses empty for any
     * @param tag      null for any
     * @param text     null for any; matched case-insensitively as a substring (no wildcards)
     */
    public record Request(List<ExperimentStatus> statuses, String tag, String text, PageRequest page) {
    }

    /** @return {@code {experiments: [...], next_cursor, sort, order, limit}} */
    public ObjectNode list(Request request) {
        PageRequest page = request.page();
        SortKey sort = switch (page.sort()) {
            case "created_at" -> SortKey.column("created_at", "created_at", "timestamptz");
            case "name" -> SortKey.column("name", "name", "text");
            case "status" -> SortKey.column("status", "status", "text");
            default -> throw new ApiError(400, "invalid_parameter", "sort: '" + page.sort() + "' is not one of " + SORTS);
        };
        Sql inner = new Sql().add("SELECT e.id, e.name, e.description, e.tags, e.status, e.run_count, e.definition_hash,"
                + " e.dataset_hash, e.created_at, e.started_at, e.finished_at,"
                + " (SELECT jsonb_object_agg(s.status, s.n) FROM (SELECT status, count(*) AS n FROM runs"
                + " WHERE experiment_id = e.id GROUP BY status) s)::text AS run_counts FROM experiments e WHERE TRUE");
        if (!request.statuses().isEmpty()) {
            inner.add(" AND e.status = ANY(?::text[])",
                    (Object) request.statuses().stream().map(ExperimentStatus::dbName).toArray(String[]::new));
        }
        if (request.tag() != null) {
            inner.add(" AND e.tags @> ARRAY[?]::text[]", request.tag());
        }
        if (request.text() != null) {
            String pattern = "%" + request.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            inner.add(" AND (e.name ILIKE ? OR e.description ILIKE ? OR e.id ILIKE ?)", pattern, pattern, pattern);
        }
        Sql sql = KeysetPage.wrap(COLUMNS, inner, sort, page);
        return Queries.run(db, page.cursor() != null, c -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode list = out.putArray("experiments");
            String lastSort = null;
            String lastId = null;
            boolean more = false;
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (list.size() == page.limit()) {
                        more = true;
                        break;
                    }
                    ObjectNode x = list.addObject();
                    summary(x, rs);
                    lastSort = rs.getString("sort_text");
                    lastId = rs.getString("id");
                }
            }
            out.put("next_cursor", more ? KeysetPage.nextCursor(sort, page, lastSort, lastId) : null);
            out.put("sort", page.sort());
            out.put("order", page.order());
            out.put("limit", page.limit());
            return out;
        });
    }

    /**
     * One experiment: its definition (parsed and as written), status, hashes, runs counted by status
     * (every status present) and its events, oldest first.
     *
     * @throws ApiError 404 not_found
     */
    public ObjectNode detail(String id) {
        return db.inTransaction(c -> {
            ObjectNode x = Json.MAPPER.createObjectNode();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.*, e.definition::text AS definition_text,"
                    + " (SELECT jsonb_object_agg(s.status, s.n) FROM (SELECT status, count(*) AS n FROM runs"
                    + " WHERE experiment_id = e.id GROUP BY status) s)::text AS run_counts FROM experiments e WHERE e.id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiError(404, "not_found", "no experiment with id '" + id + "'");
                    }
                    summary(x, rs);
                    x.put("submitter", rs.getString("submitter"));
                    Json.putTime(x, "updated_at", rs, "updated_at");
                    x.set("definition", Json.parse(rs.getString("definition_text"), "experiments.definition"));
                    x.put("definition_yaml", rs.getString("definition_yaml"));
                }
            }
            x.set("events", Events.list(c, "experiment_id", id));
            return x;
        });
    }

    private static void summary(ObjectNode x, ResultSet rs) throws SQLException {
        x.put("id", rs.getString("id"));
        x.put("name", rs.getString("name"));
        x.put("description", rs.getString("description"));
        Array tags = rs.getArray("tags");
        ArrayNode t = x.putArray("tags");
        for (String tag : (String[]) tags.getArray()) {
            t.add(tag);
        }
        x.put("status", rs.getString("status"));
        x.put("run_count", rs.getInt("run_count"));
        x.put("definition_hash", rs.getString("definition_hash"));
        x.put("dataset_hash", rs.getString("dataset_hash"));
        Json.putTime(x, "created_at", rs, "created_at");
        Json.putTime(x, "started_at", rs, "started_at");
        Json.putTime(x, "finished_at", rs, "finished_at");
        ObjectNode counts = x.putObject("runs_by_status");
        JsonNode stored = Json.parse(rs.getString("run_counts"), "run counts");
        for (RunStatus s : RunStatus.values()) {
            counts.put(s.dbName(), stored.path(s.dbName()).asInt(0));
        }
    }

    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM experiments WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
