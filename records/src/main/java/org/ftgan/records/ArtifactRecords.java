package org.ftgan.records;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.artifacts.ArtifactInfo;

/** Files in the artifact store that belong to experiments and runs, keyed by (kind, path). */
public final class ArtifactRecords {
    private static final String COLUMNS = "id, experiment_id, run_id, kind, path, sha256, size_bytes, created_at";

    private final Database db;

    public ArtifactRecords(Database db) {
        this.db = db;
    }

    /**
     * Records the file, or updates the owner, hash and size of the row at the same (kind, path)
     * (a checkpoint rewritten in place); the id and creation time stay.
     *
     * @param runId null for an experiment-level artifact
     */
    /**
     * Forgets an artifact whose file is gone (a checkpoint pruned by keep_last); returns whether a
     * row was removed. Deleting twice is harmless.
     */
    public boolean delete(ArtifactKind kind, String path) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM artifacts WHERE kind = ? AND path = ?")) {
                ps.setString(1, kind.dbName());
                ps.setString(2, path);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public ArtifactRow upsert(String experimentId, String runId, ArtifactKind kind, ArtifactInfo file) {
        Rows.requireText(experimentId, "artifact " + file.relativePath() + " experimentId");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO artifacts (experiment_id, run_id, kind, path, sha256, size_bytes)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, path) DO UPDATE SET experiment_id = EXCLUDED.experiment_id,"
                    + " run_id = EXCLUDED.run_id, sha256 = EXCLUDED.sha256, size_bytes = EXCLUDED.size_bytes"
                    + " RETURNING " + COLUMNS)) {
                ps.setString(1, experimentId);
                ps.setString(2, runId);
                ps.setString(3, kind.dbName());
                ps.setString(4, file.relativePath());
                ps.setString(5, file.sha256());
                ps.setLong(6, file.sizeBytes());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return row(rs);
                }
            }
        });
    }

    public List<ArtifactRow> listByRun(String runId) {
        return list("SELECT " + COLUMNS + " FROM artifacts WHERE run_id = ? ORDER BY kind, path", runId);
    }

    public List<ArtifactRow> listByExperiment(String experimentId) {
        return list("SELECT " + COLUMNS + " FROM artifacts WHERE experiment_id = ? ORDER BY kind, path", experimentId);
    }

    private List<ArtifactRow> list(String sql, String key) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ArtifactRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static ArtifactRow row(ResultSet rs) throws SQLException {
        return new ArtifactRow(rs.getLong("id"), rs.getString("experiment_id"), rs.getString("run_id"),
                ArtifactKind.fromDb(rs.getString("kind")), rs.getString("path"), rs.getString("sha256"),
                rs.getLong("size_bytes"), Rows.instant(rs, "created_at"));
    }
}
