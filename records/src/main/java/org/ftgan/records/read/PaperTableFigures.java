package org.ftgan.records.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.records.Database;

/**
 * What the paper's tables show of the submitted experiments: every experiment that carries a
 * {@code published:} section or the benchmark tag, and the per-run figures of those whose figures
 * some cell shows (reproductions of a shipped definition, and the benchmark stand-ins).
 */
public final class PaperTableFigures {
    private final Database db;

    public PaperTableFigures(Database db) {
        this.db = db;
    }

    /**
     * One submitted experiment that the tables read.
     *
     * @param standIn   tagged with the benchmark tag
     * @param published its definition's {@code published:} section, null if it has none (or not an object)
     */
    public record Submitted(String id, String name, ExperimentStatus status, int runCount, boolean standIn, JsonNode published) {
    }

    /** One run's mean of one figure. */
    public record RunFigure(String experimentId, String runId, double mean) {
    }

    /**
     * @param experiments by id, oldest first
     * @param figures     per experiment, per results key ({@link OurFigure#key}): each run's mean, in run order
     */
    public record Figures(Map<String, Submitted> experiments, Map<String, Map<String, List<RunFigure>>> figures) {
    }

    /**
     * @param benchmarkTag the tag of benchmark stand-ins
     * @param shippedNames the names of the shipped definitions: a published experiment of such a name is a reproduction
     */
    public Figures read(String benchmarkTag, Set<String> shippedNames) {
        return db.inTransaction(c -> {
            Map<String, Submitted> experiments = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, status, run_count, tags,"
                    + " (definition -> 'published')::text AS published FROM experiments"
                    + " WHERE definition -> 'published' IS NOT NULL OR tags @> ARRAY[?]::text[] ORDER BY created_at, id")) {
                ps.setString(1, benchmarkTag);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Array tags = rs.getArray("tags");
                        JsonNode published = Columns.json(rs.getString("published"), "experiments.definition.published");
                        boolean standIn = List.of((String[]) tags.getArray()).contains(benchmarkTag);
                        experiments.put(rs.getString("id"), new Submitted(rs.getString("id"), rs.getString("name"),
                                ExperimentStatus.fromDb(rs.getString("status")), rs.getInt("run_count"), standIn, published.isObject() ? published : null));
                    }
                }
            }
            // the experiments whose figures some cell shows: reproductions of a shipped definition, and stand-ins
            List<String> read = experiments.values().stream()
                    .filter(e -> e.standIn() || (e.published() != null && shippedNames.contains(e.name())))
                    .map(Submitted::id).toList();
            Map<String, Map<String, List<RunFigure>>> figures = new HashMap<>();
            if (!read.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT r.experiment_id, x.run_id, x.metric, x.method,"
                        + " x.expression, x.mean FROM results x JOIN runs r ON r.id = x.run_id"
                        + " WHERE r.experiment_id = ANY(?) ORDER BY r.experiment_id, r.run_index")) {
                    ps.setArray(1, c.createArrayOf("text", read.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String experiment = rs.getString("experiment_id");
                            figures.computeIfAbsent(experiment, k -> new HashMap<>())
                                    .computeIfAbsent(OurFigure.key(rs.getString("metric"), rs.getString("method"),
                                            rs.getString("expression")), k -> new ArrayList<>())
                                    .add(new RunFigure(experiment, rs.getString("run_id"), rs.getDouble("mean")));
                        }
                    }
                }
            }
            return new Figures(experiments, figures);
        });
    }
}
