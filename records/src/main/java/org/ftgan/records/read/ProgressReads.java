package org.ftgan.records.read;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;

/**
 * What the live event streams read: experiments and runs changed since a moment, by their
 * {@code updated_at}, with the database's own clock. {@code updated_at} is its transaction's start
 * time, so a caller looks back (overlaps) and sends only what differs from what it sent.
 */
public final class ProgressReads {
    private final Database db;

    public ProgressReads(Database db) {
        this.db = db;
    }

    /** An experiment's status, or null if there is no such experiment. */
    public ExperimentStatus experimentStatus(String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM experiments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? ExperimentStatus.fromDb(rs.getString(1)) : null;
                }
            }
        });
    }

    /** A run as the progress stream shows it. */
    public record RunProgress(String id, int runIndex, RunStatus status, int attempt, Long lastStep, Long totalSteps,
                              String failureReason) {
    }

    /**
     * One look at an experiment.
     *
     * @param status      null when there is no such experiment (then nothing else is read)
     * @param now         the database's clock at the look
     * @param changedRuns its runs updated after the look's {@code since}, oldest change first; empty without one
     */
    public record ExperimentLook(ExperimentStatus status, Instant now, List<RunProgress> changedRuns) {
    }

    /** @param since null to read the status only */
    public ExperimentLook experiment(String experimentId, Instant since) {
        return db.inTransaction(c -> {
            ExperimentStatus status;
            Instant now;
            try (PreparedStatement ps = c.prepareStatement("SELECT status, now() FROM experiments WHERE id = ?")) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new ExperimentLook(null, null, List.of());
                    }
                    status = ExperimentStatus.fromDb(rs.getString(1));
                    now = rs.getTimestamp(2).toInstant();
                }
            }
            List<RunProgress> changed = new ArrayList<>();
            if (since != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, run_index, status, attempt, last_step,"
                        + " total_steps, failure_reason FROM runs WHERE experiment_id = ? AND updated_at > ?"
                        + " ORDER BY updated_at, id")) {
                    ps.setString(1, experimentId);
                    ps.setTimestamp(2, Timestamp.from(since));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            changed.add(new RunProgress(rs.getString(1), rs.getInt(2), RunStatus.fromDb(rs.getString(3)), rs.getInt(4),
                                    Columns.nullableLong(rs, "last_step"), Columns.nullableLong(rs, "total_steps"),
                                    rs.getString(7)));
                        }
                    }
                }
            }
            return new ExperimentLook(status, now, changed);
        });
    }

    /** The database's clock. */
    public Instant now() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT now()"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        });
    }

    /**
     * An experiment as the feed of every experiment shows it.
     *
     * @param runs its runs counted by status, every {@link RunStatus} present, in its order
     */
    public record ExperimentProgress(String id, ExperimentStatus status, int runCount, Map<RunStatus, Integer> runs) {
    }

    /** Every experiment that has not ended, newest first. */
    public List<ExperimentProgress> active() {
        return read(ProgressReads::activeIds);
    }

    /** Every experiment updated after {@code since}, or with a run updated after it, by id. */
    public List<ExperimentProgress> changedSince(Instant since) {
        Timestamp from = Timestamp.from(since);
        return read(c -> changedIds(c, from));
    }

    private interface IdQuery {
        List<String> ids(Connection c) throws SQLException;
    }

    /** The experiments the query finds, in its order. */
    private List<ExperimentProgress> read(IdQuery query) {
        return db.inTransaction(c -> {
            List<String> ids = query.ids(c);
            List<ExperimentProgress> out = new ArrayList<>();
            if (ids.isEmpty()) {
                return out;
            }
            Array array = c.createArrayOf("text", ids.toArray());
            try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.status, e.run_count, r.status, count(r.id)"
                    + " FROM experiments e LEFT JOIN runs r ON r.experiment_id = e.id"
                    + " WHERE e.id = ANY(?) GROUP BY e.id, e.status, e.run_count, r.status")) {
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, ExperimentStatus> statuses = new HashMap<>();
                    Map<String, Integer> runCounts = new HashMap<>();
                    Map<String, Map<RunStatus, Integer>> counts = new HashMap<>();
                    while (rs.next()) {
                        String id = rs.getString(1);
                        Map<RunStatus, Integer> byStatus = counts.computeIfAbsent(id, k -> {
                            Map<RunStatus, Integer> n = new EnumMap<>(RunStatus.class);
                            for (RunStatus s : RunStatus.values()) {
                                n.put(s, 0);
                            }
                            return n;
                        });
                        statuses.put(id, ExperimentStatus.fromDb(rs.getString(2)));
                        runCounts.put(id, rs.getInt(3));
                        String runStatus = rs.getString(4);
                        if (runStatus != null) {
                            byStatus.put(RunStatus.fromDb(runStatus), rs.getInt(5));
                        }
                    }
                    for (String id : ids) {
                        if (counts.containsKey(id)) {
                            out.add(new ExperimentProgress(id, statuses.get(id), runCounts.get(id), counts.get(id)));
                        }
                    }
                }
            }
            return out;
        });
    }

    private static List<String> activeIds(Connection c) throws SQLException {
        List<String> terminal = new ArrayList<>();
        for (ExperimentStatus s : ExperimentStatus.values()) {
            if (s.isTerminal()) {
                terminal.add(s.dbName());
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM experiments WHERE NOT (status = ANY(?)) ORDER BY created_at DESC, id")) {
            ps.setArray(1, c.createArrayOf("text", terminal.toArray()));
            return ids(ps);
        }
    }

    private static List<String> changedIds(Connection c, Timestamp from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM experiments WHERE updated_at > ?"
                + " UNION SELECT DISTINCT experiment_id FROM runs WHERE updated_at > ? ORDER BY 1")) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, from);
            return ids(ps);
        }
    }

    private static List<String> ids(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
