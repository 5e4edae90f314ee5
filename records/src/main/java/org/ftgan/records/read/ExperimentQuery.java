package org.ftgan.records.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;

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

    /**
     * What a listed experiment shows.
     *
     * @param runsByStatus how many of its runs have each status, every {@link RunStatus} present, in its order
     */
    public record Summary(String id, String name, String description, List<String> tags, ExperimentStatus status, int runCount,
                          String definitionHash, String datasetHash, Instant createdAt, Instant startedAt, Instant finishedAt,
                          Map<RunStatus, Integer> runsByStatus) {
    }

    /** A page of experiments; {@code next} is null on the last page. */
    public record Page(List<Summary> experiments, Position next) {
    }

    /**
     * One experiment in full.
     *
     * @param definition     the definition as stored (JSON)
     * @param definitionYaml the definition as written
     * @param events         its status history, oldest first
     */
    public record Detail(Summary summary, String submitter, Instant updatedAt, JsonNode definition, String definitionYaml,
                         List<Event> events) {
    }

    /** @throws InvalidQueryException naming sort, for a sort key an experiment list does not take */
    public static void requireSort(String sort) {
        if (!SORTS.contains(sort)) {
            throw new InvalidQueryException("sort", "'" + sort + "' is not one of " + SORTS);
        }
    }

    /**
     * @throws InvalidQueryException naming sort for an unknown sort key, naming cursor for a position that does not read back
     */
    public Page list(Request request) {
        PageRequest page = request.page();
        requireSort(page.sort());
        SortKey sort = SortKey.column(page.sort(), page.sort(), page.sort().equals("created_at") ? "timestamptz" : "text");
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
        return Queries.run(db, page.after() != null, c -> {
            List<Summary> list = new ArrayList<>();
            String lastSort = null;
            String lastId = null;
            boolean more = false;
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (list.size() == page.limit()) {
                        more = true;
                        break;
                    }
                    list.add(summary(rs));
                    lastSort = rs.getString("sort_text");
                    lastId = rs.getString("id");
                }
            }
            return new Page(list, more ? new Position(lastSort, lastId) : null);
        });
    }

    /**
     * One experiment: its definition (parsed and as written), status, hashes, runs counted by status
     * (every status present) and its events, oldest first.
     *
     * @throws NotFoundException for an unknown experiment
     */
    public Detail detail(String id) {
        return db.inTransaction(c -> {
            Summary summary;
            String submitter;
            Instant updatedAt;
            JsonNode definition;
            String yaml;
            try (PreparedStatement ps = c.prepareStatement("SELECT e.*, e.definition::text AS definition_text,"
                    + " (SELECT jsonb_object_agg(s.status, s.n) FROM (SELECT status, count(*) AS n FROM runs"
                    + " WHERE experiment_id = e.id GROUP BY status) s)::text AS run_counts FROM experiments e WHERE e.id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw NotFoundException.experiment(id);
                    }
                    summary = summary(rs);
                    submitter = rs.getString("submitter");
                    updatedAt = Columns.time(rs, "updated_at");
                    definition = Columns.json(rs.getString("definition_text"), "experiments.definition");
                    yaml = rs.getString("definition_yaml");
                }
            }
            return new Detail(summary, submitter, updatedAt, definition, yaml, Events.list(c, "experiment_id", id));
        });
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        Array tags = rs.getArray("tags");
        Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
        JsonNode stored = Columns.json(rs.getString("run_counts"), "run counts");
        for (RunStatus s : RunStatus.values()) {
            counts.put(s, stored.path(s.dbName()).asInt(0));
        }
        return new Summary(rs.getString("id"), rs.getString("name"), rs.getString("description"), Arrays.asList((String[]) tags.getArray()),
                ExperimentStatus.fromDb(rs.getString("status")), rs.getInt("run_count"), rs.getString("definition_hash"), rs.getString("dataset_hash"),
                Columns.time(rs, "created_at"), Columns.time(rs, "started_at"), Columns.time(rs, "finished_at"), counts);
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
