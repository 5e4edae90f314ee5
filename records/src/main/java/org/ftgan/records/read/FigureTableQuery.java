package org.ftgan.records.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.names.FigureNames;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;

/** Reads an experiment's {@link FigureTable}: its runs' overall figures and its definition's published rows. */
public final class FigureTableQuery {
    /** Per {@link FigureTable#FIGURES} entry: the results metric and method it is. */
    private static final String[][] FIGURE_SOURCES = {
            {FigureNames.key(FigureNames.E_REC), FigureNames.FACETUNEGAN},
            {FigureNames.key(FigureNames.E_ID_DECOMP), FigureNames.FACETUNEGAN},
            {FigureNames.key(FigureNames.E_NEU), FigureNames.FACETUNEGAN},
            {FigureNames.key(FigureNames.E_TRANSFER), FigureNames.FACETUNEGAN},
            {FigureNames.key(FigureNames.E_TRANSFER), FigureNames.BLENDSHAPE}};

    private final Database db;

    public FigureTableQuery(Database db) {
        this.db = db;
    }

    /** @throws NotFoundException for an unknown experiment */
    public FigureTable table(String experimentId) {
        return db.inTransaction(c -> {
            String name;
            JsonNode published;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, (definition -> 'published')::text AS published FROM experiments WHERE id = ?")) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw NotFoundException.experiment(experimentId);
                    }
                    name = rs.getString("name");
                    published = Columns.json(rs.getString("published"), "experiments.definition.published");
                }
            }
            Map<String, FigureTable.RunRow> runs = new LinkedHashMap<>();
            Map<String, Double[]> figures = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, run_key, status FROM runs WHERE experiment_id = ?"
                    + " ORDER BY run_index")) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString("id");
                        Double[] f = new Double[FIGURE_SOURCES.length];
                        figures.put(id, f);
                        runs.put(id, new FigureTable.RunRow(id, rs.getString("run_key"), RunStatus.fromDb(rs.getString("status")), Arrays.asList(f)));
                    }
                }
            }
            // per (metric, method, expression): sum and count of the runs' means, for the published rows
            Map<String, double[]> ours = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT x.run_id, x.metric, x.method, x.expression, x.mean"
                    + " FROM results x JOIN runs r ON r.id = x.run_id WHERE r.experiment_id = ?")) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String metric = rs.getString("metric");
                        String method = rs.getString("method");
                        String expression = rs.getString("expression");
                        double mean = rs.getDouble("mean");
                        double[] acc = ours.computeIfAbsent(OurFigure.key(metric, method, expression), k -> new double[2]);
                        acc[0] += mean;
                        acc[1] += 1;
                        if (expression.isEmpty()) {
                            for (int i = 0; i < FIGURE_SOURCES.length; i++) {
                                if (FIGURE_SOURCES[i][0].equals(metric) && FIGURE_SOURCES[i][1].equals(method)) {
                                    figures.get(rs.getString("run_id"))[i] = mean;
                                }
                            }
                        }
                    }
                }
            }
            return new FigureTable(experimentId, name, List.copyOf(runs.values()), published(published, ours));
        });
    }

    private static FigureTable.Published published(JsonNode p, Map<String, double[]> ours) {
        if (p == null || !p.isObject()) {
            return null;
        }
        String metric = p.path("metric").asText(null);
        List<FigureTable.PublishedRow> rows = new ArrayList<>();
        for (JsonNode r : p.path("rows")) {
            String expression = r.hasNonNull("expression") ? r.get("expression").asText() : null;
            String oursName = r.hasNonNull("ours") ? r.get("ours").asText() : null;
            Double ourMean = null;
            int ourRuns = 0;
            if (oursName != null) {
                double[] acc = ours.get(OurFigure.of(oursName, metric, expression).key());
                if (acc != null) {
                    ourMean = acc[0] / acc[1];
                    ourRuns = (int) acc[1];
                }
            }
            rows.add(new FigureTable.PublishedRow(r.path("method").asText(), expression, r.path("mean").asDouble(),
                    r.hasNonNull("std") ? r.get("std").asDouble() : null, r.hasNonNull("median") ? r.get("median").asDouble() : null,
                    oursName, ourMean, ourRuns));
        }
        return new FigureTable.Published(p.hasNonNull("table") ? p.get("table").asInt() : null, p.path("title").asText(null),
                metric, p.path("unit").asText(null), p.path("source").asText(null), rows);
    }
}
