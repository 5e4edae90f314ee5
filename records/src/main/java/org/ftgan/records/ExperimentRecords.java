package org.ftgan.records;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ftgan.names.ExperimentStatus;

/** The experiments table. */
public final class ExperimentRecords {
    private static final String COLUMNS = "id, name, description, tags, definition::text AS definition, definition_yaml,"
            + " definition_hash, status, submitter, run_count, dataset_hash, created_at, started_at, finished_at, updated_at";

    private final Database db;

    public ExperimentRecords(Database db) {
        this.db = db;
    }

    /** Inserts the experiment with status submitted; false if one with this id exists (it is left as it is). */
    public boolean insertIfAbsent(NewExperiment e) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO experiments"
                    + " (id, name, description, tags, definition, definition_yaml, definition_hash, submitter)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, e.id());
                ps.setString(2, e.name());
                ps.setString(3, e.description());
                ps.setArray(4, c.createArrayOf("text", e.tags().toArray()));
                ps.setString(5, Json.write(e.definition(), "experiment " + e.id() + " definition"));
                ps.setString(6, e.definitionYaml());
                ps.setString(7, e.definitionHash());
                ps.setString(8, e.submitter());
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<ExperimentRow> find(String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM experiments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The most recently created experiments, newest first. */
    public List<ExperimentRow> listRecent(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM experiments ORDER BY created_at DESC, id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ExperimentRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Sets the status and records the change as an event, in one transaction. The event's dedupe
     * key is {@code experiment:<id>:<status>}, so an experiment records entering each status once:
     * repeating the call (a retried activity) changes nothing.
     */
    public EventRow setStatus(String id, ExperimentStatus status, String reason) {
        return setStatus(id, status, reason, null);
    }

    /**
     * {@link #setStatus(String, ExperimentStatus, String)} once per {@code occasion}: the event's dedupe key
     * is {@code experiment:<id>:<status>:<occasion>}, so an experiment that enters a status again (its
     * workflow runs again for a retry, a continuation or a late request) records it again, with its new
     * reason, while a retried call of the same occasion changes nothing.
     *
     * @param occasion what makes this entry into the status one of its own (null: none, the status once)
     */
    public EventRow setStatus(String id, ExperimentStatus status, String reason, String occasion) {
        return db.inTransaction(c -> {
            changeStatus(c, id, status);
            return EventRecords.append(c, new NewEvent(id, null, status, reason, null, null,
                    "experiment:" + id + ":" + status.dbName() + (occasion == null ? "" : ":" + occasion)));
        });
    }

    /** Records when the experiment started; the first call wins, so retries keep the original time. */
    public void markStarted(String id) {
        db.inTransaction(c -> updateOne(c, id,
                "UPDATE experiments SET started_at = coalesce(started_at, now()), updated_at = now() WHERE id = ?"));
    }

    /** Records when the experiment finished; the first call wins. */
    public void markFinished(String id) {
        db.inTransaction(c -> updateOne(c, id,
                "UPDATE experiments SET finished_at = coalesce(finished_at, now()), updated_at = now() WHERE id = ?"));
    }

    public void setDatasetHash(String id, String datasetHash) {
        Rows.requireText(datasetHash, "experiment " + id + " datasetHash");
        db.inTransaction(c -> updateOne(c, id,
                "UPDATE experiments SET dataset_hash = ?, updated_at = now() WHERE id = ?", datasetHash));
    }

    public void setRunCount(String id, int runCount) {
        if (runCount < 0) {
            throw new IllegalArgumentException("experiment " + id + " run count must be >= 0, got " + runCount);
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE experiments SET run_count = ?, updated_at = now() WHERE id = ?")) {
                ps.setInt(1, runCount);
                ps.setString(2, id);
                requireFound(ps.executeUpdate(), id);
            }
            return null;
        });
    }

    /** Runs an UPDATE whose parameters are {@code leading..., id}; fails clearly if there is no such experiment. */
    private static Void updateOne(Connection c, String id, String sql, String... leading) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String p : leading) {
                ps.setString(i++, p);
            }
            ps.setString(i, id);
            requireFound(ps.executeUpdate(), id);
        }
        return null;
    }

    /** Updates the status only when it differs, so a repeat leaves updated_at alone; fails if there is no such experiment. */
    private static void changeStatus(Connection c, String id, ExperimentStatus status) throws SQLException {
        // an experiment that runs again (a retry, a continuation, a late request) is no longer finished:
        // its end time is cleared, and set again when it ends again (markFinished)
        try (PreparedStatement ps = c.prepareStatement("UPDATE experiments SET status = ?, updated_at = now(),"
                + " finished_at = CASE WHEN ? THEN finished_at ELSE NULL END WHERE id = ? AND status <> ?")) {
            ps.setString(1, status.dbName());
            ps.setBoolean(2, status.isTerminal());
            ps.setString(3, id);
            ps.setString(4, status.dbName());
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM experiments WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                requireFound(rs.next() ? 1 : 0, id);
            }
        }
    }

    private static void requireFound(int updated, String id) {
        if (updated == 0) {
            throw new RecordsException("no experiment with id '" + id + "'");
        }
    }

    private static ExperimentRow row(ResultSet rs) throws SQLException {
        Array tags = rs.getArray("tags");
        return new ExperimentRow(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                List.copyOf(Arrays.asList((String[]) tags.getArray())),
                Json.read(rs.getString("definition"), "experiments.definition"), rs.getString("definition_yaml"),
                rs.getString("definition_hash"), ExperimentStatus.fromDb(rs.getString("status")), rs.getString("submitter"),
                rs.getInt("run_count"), rs.getString("dataset_hash"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"), Rows.instant(rs, "updated_at"));
    }
}
