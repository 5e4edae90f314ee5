package org.ftgan.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ftgan.names.RunStatus;

/** The runs table: planned runs, their attempts, status and progress. */
public final class RunRecords {
    private static final String COLUMNS = "id, experiment_id, run_index, run_key, config::text AS config,"
            + " overrides::text AS overrides, config_hash, definition_hash, dataset_hash, code_version, seed, status,"
            + " attempt, worker, last_step, total_steps, last_checkpoint, failure_reason, created_at, started_at,"
            + " finished_at, updated_at";

    private final Database db;

    public RunRecords(Database db) {
        this.db = db;
    }

    /**
     * Queues the planned runs that are not recorded yet, in one batch and one transaction; runs whose
     * id exists are left as they are. A different run id at an existing (experiment, index) is a
     * planning error and fails the whole batch.
     *
     * @return how many runs were inserted
     */
    public int insertIfAbsent(List<PlannedRun> runs) {
        if (runs.isEmpty()) {
            return 0;
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, experiment_id, run_index, run_key, config,"
                    + " overrides, config_hash, definition_hash, dataset_hash, code_version, seed, total_steps)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                for (PlannedRun r : runs) {
                    ps.setString(1, r.id());
                    ps.setString(2, r.experimentId());
                    ps.setInt(3, r.runIndex());
                    ps.setString(4, r.runKey());
                    ps.setString(5, Json.write(r.config(), "run " + r.id() + " config"));
                    ps.setString(6, Json.write(r.overrides(), "run " + r.id() + " overrides"));
                    ps.setString(7, r.configHash());
                    ps.setString(8, r.definitionHash());
                    ps.setString(9, r.datasetHash());
                    ps.setString(10, r.codeVersion());
                    ps.setLong(11, r.seed());
                    Rows.setLong(ps, 12, r.totalSteps());
                    ps.addBatch();
                }
                int inserted = 0;
                for (int n : ps.executeBatch()) {
                    inserted += Math.max(n, 0);
                }
                return inserted;
            }
        });
    }

    public Optional<RunRow> find(String runId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The experiment's runs in run-index order. */
    public List<RunRow> listByExperiment(String experimentId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM runs WHERE experiment_id = ? ORDER BY run_index")) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<RunRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * A worker took up attempt {@code attempt} of the run: status running, the worker's name, the
     * first start time kept. Recorded as event {@code run:<id>:attempt:<n>:started}, once.
     */
    public EventRow markAttemptStarted(String runId, int attempt, String worker) {
        requireAttempt(runId, attempt);
        Rows.requireText(worker, "run " + runId + " worker");
        return db.inTransaction(c -> {
            String experimentId;
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = 'running', attempt = ?, worker = ?,"
                    + " started_at = coalesce(started_at, now()), finished_at = NULL, failure_reason = NULL,"
                    + " updated_at = now() WHERE id = ? RETURNING experiment_id")) {
                ps.setInt(1, attempt);
                ps.setString(2, worker);
                ps.setString(3, runId);
                experimentId = experimentOf(ps, runId);
            }
            return EventRecords.append(c, new NewEvent(experimentId, runId, RunStatus.RUNNING, "attempt started",
                    attempt, worker, "run:" + runId + ":attempt:" + attempt + ":started"));
        });
    }

    /**
     * Sets the run's status for attempt {@code attempt} and records it as event
     * {@code run:<id>:attempt:<n>:<status>}, once. A failed or cancelled run keeps {@code reason} as
     * its failure reason; a terminal status stamps finished_at (first time wins), any other clears it.
     * Attempt 0 means that no attempt has started (a queued run cancelled, or a run that failed before
     * its first attempt could be marked): the event then has no attempt and is keyed
     * {@code run:<id>:no-attempt:<status>}.
     */
    public EventRow setStatus(String runId, RunStatus status, String reason, int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("run " + runId + " attempt must be >= 0 (0: none started), got " + attempt);
        }
        boolean failure = status == RunStatus.FAILED || status == RunStatus.CANCELLED;
        return db.inTransaction(c -> {
            String experimentId;
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = ?, attempt = ?, failure_reason = ?,"
                    + " finished_at = CASE WHEN ? THEN coalesce(finished_at, now()) ELSE NULL END,"
                    + " updated_at = now() WHERE id = ? RETURNING experiment_id")) {
                ps.setString(1, status.dbName());
                ps.setInt(2, attempt);
                ps.setString(3, failure ? reason : null);
                ps.setBoolean(4, status.isTerminal());
                ps.setString(5, runId);
                experimentId = experimentOf(ps, runId);
            }
            String dedupeKey = attempt == 0 ? "run:" + runId + ":no-attempt:" + status.dbName()
                    : "run:" + runId + ":attempt:" + attempt + ":" + status.dbName();
            return EventRecords.append(c, new NewEvent(experimentId, runId, status, reason,
                    attempt == 0 ? null : attempt, null, dedupeKey));
        });
    }

    /**
     * Queues an ended run again to train on from its last checkpoint to a budget of {@code steps}: its
     * config (with {@code training.steps} set) and config hash are replaced, its total steps set, its end
     * and failure reason cleared, and event {@code run:<id>:continued-to:<steps>} recorded once with
     * {@code reason}. Done again (a retried activity) it changes nothing. The run's results and curves
     * stay until the continued training and evaluation replace or extend them.
     *
     * @return the attempts the run had recorded before (its attempts go on from there)
     * @throws RecordsException when there is no such run
     */
    public int continueTo(String runId, JsonNode config, String configHash, long steps, String reason) {
        if (steps < 1) {
            throw new IllegalArgumentException("run " + runId + " budget must be >= 1 step, got " + steps);
        }
        Rows.requireText(configHash, "run " + runId + " configHash");
        return db.inTransaction(c -> {
            String experimentId;
            int attempt;
            try (PreparedStatement ps = c.prepareStatement("SELECT experiment_id, attempt FROM runs WHERE id = ? FOR UPDATE")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new RecordsException("no run with id '" + runId + "'");
                    }
                    experimentId = rs.getString(1);
                    attempt = rs.getInt(2);
                }
            }
            String dedupeKey = "run:" + runId + ":continued-to:" + steps;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM events WHERE dedupe_key = ?")) {
                ps.setString(1, dedupeKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        // done before (this is a retried call): the run may have started since
                        return attempt;
                    }
                }
            }
            EventRecords.append(c, new NewEvent(experimentId, runId, RunStatus.QUEUED, reason, null, null, dedupeKey));
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET config = ?::jsonb, config_hash = ?, total_steps = ?,"
                    + " status = 'queued', finished_at = NULL, failure_reason = NULL, updated_at = now() WHERE id = ?")) {
                ps.setString(1, Json.write(config, "run " + runId + " config"));
                ps.setString(2, configHash);
                ps.setLong(3, steps);
                ps.setString(4, runId);
                ps.executeUpdate();
            }
            return attempt;
        });
    }

    /**
     * Training progress. {@code lastStep} is set as given (a run resumed from an older checkpoint
     * goes back); a null {@code totalSteps} or {@code lastCheckpoint} keeps the stored value.
     */
    public void updateProgress(String runId, long lastStep, Long totalSteps, String lastCheckpoint) {
        if (lastStep < 0) {
            throw new IllegalArgumentException("run " + runId + " lastStep must be >= 0, got " + lastStep);
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET last_step = ?,"
                    + " total_steps = coalesce(?, total_steps), last_checkpoint = coalesce(?, last_checkpoint),"
                    + " updated_at = now() WHERE id = ?")) {
                ps.setLong(1, lastStep);
                Rows.setLong(ps, 2, totalSteps);
                ps.setString(3, lastCheckpoint);
                ps.setString(4, runId);
                if (ps.executeUpdate() == 0) {
                    throw new RecordsException("no run with id '" + runId + "'");
                }
            }
            return null;
        });
    }

    /** How many of the experiment's runs are in each status; every status is present, zero if none. */
    public Map<RunStatus, Integer> countByStatus(String experimentId) {
        return db.inTransaction(c -> {
            Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
            for (RunStatus s : RunStatus.values()) {
                counts.put(s, 0);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, count(*) FROM runs WHERE experiment_id = ? GROUP BY status")) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(RunStatus.fromDb(rs.getString(1)), rs.getInt(2));
                    }
                }
            }
            return Collections.unmodifiableMap(counts);
        });
    }

    private static void requireAttempt(String runId, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("run " + runId + " attempt numbers start at 1, got " + attempt);
        }
    }

    private static String experimentOf(PreparedStatement update, String runId) throws SQLException {
        try (ResultSet rs = update.executeQuery()) {
            if (!rs.next()) {
                throw new RecordsException("no run with id '" + runId + "'");
            }
            return rs.getString(1);
        }
    }

    private static RunRow row(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString("id"), rs.getString("experiment_id"), rs.getInt("run_index"), rs.getString("run_key"),
                Json.read(rs.getString("config"), "runs.config"), Json.read(rs.getString("overrides"), "runs.overrides"),
                rs.getString("config_hash"), rs.getString("definition_hash"), rs.getString("dataset_hash"),
                rs.getString("code_version"), rs.getLong("seed"), RunStatus.fromDb(rs.getString("status")),
                rs.getInt("attempt"), rs.getString("worker"), Rows.nullableLong(rs, "last_step"),
                Rows.nullableLong(rs, "total_steps"), rs.getString("last_checkpoint"), rs.getString("failure_reason"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"),
                Rows.instant(rs, "updated_at"));
    }
}
