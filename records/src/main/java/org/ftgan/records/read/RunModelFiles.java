package org.ftgan.records.read;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.records.Database;

/**
 * Where a run's trained model lies in the artifact store, for inference: its recorded checkpoints
 * (the artifacts of kind checkpoint: {@code .../checkpoints/best} kept by evaluation during
 * training, and the {@code step-*} directories, the newest of which is "last") and its experiment's
 * prepared dataset (the artifact of kind dataset, its {@code manifest.json}; recorded under the last
 * experiment that prepared it, which may be another one with the same dataset section and raw data).
 */
public final class RunModelFiles {
    private final Database db;

    public RunModelFiles(Database db) {
        this.db = db;
    }

    /**
     * A run's model files, paths relative to the artifact store.
     *
     * @param best    the "best" checkpoint directory, or null
     * @param last    the newest {@code step-*} checkpoint directory, or null
     * @param dataset the prepared dataset directory, or null when none is recorded
     */
    public record Files(String runId, String experimentId, String status, String best, String last, String dataset) {
        public boolean hasCheckpoint() {
            return best != null || last != null;
        }
    }

    /** @throws NotFoundException when there is no such run */
    public Files of(String runId) {
        return Queries.run(db, false, c -> {
            String experimentId;
            String status;
            try (PreparedStatement ps = c.prepareStatement("SELECT experiment_id, status FROM runs WHERE id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw NotFoundException.run(runId);
                    }
                    experimentId = rs.getString(1);
                    status = rs.getString(2);
                }
            }
            List<String> checkpoints = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT path FROM artifacts WHERE run_id = ? AND kind = 'checkpoint' ORDER BY path")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        checkpoints.add(rs.getString(1));
                    }
                }
            }
            String dataset = null;
            // a prepared dataset is shared by every experiment with the same dataset section and raw data, and
            // its artifact row belongs to the last one that prepared it: this experiment's own row first, else
            // that of an experiment with the same dataset section and the same raw-data hash
            try (PreparedStatement ps = c.prepareStatement("SELECT a.path FROM artifacts a JOIN experiments o ON o.id = a.experiment_id"
                    + " JOIN experiments e ON e.id = ? WHERE a.run_id IS NULL AND a.kind = 'dataset' AND (o.id = e.id"
                    + " OR (o.dataset_hash = e.dataset_hash AND o.definition -> 'dataset' = e.definition -> 'dataset'))"
                    + " ORDER BY (o.id = e.id) DESC, a.created_at DESC, a.id DESC LIMIT 1")) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        String manifest = rs.getString(1);
                        int slash = manifest.lastIndexOf('/');
                        dataset = slash < 0 ? "" : manifest.substring(0, slash);
                    }
                }
            }
            String best = null;
            String last = null;
            for (String p : checkpoints) {
                String name = p.substring(p.lastIndexOf('/') + 1);
                if (name.equals("best")) {
                    best = p;
                } else if (name.startsWith("step-") && (last == null || name.compareTo(last.substring(last.lastIndexOf('/') + 1)) > 0)) {
                    last = p;
                }
            }
            return new Files(runId, experimentId, status, best, last, dataset);
        });
    }
}
