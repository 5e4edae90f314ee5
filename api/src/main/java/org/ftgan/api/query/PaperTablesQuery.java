package org.ftgan.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ftgan.definition.PaperDefinitions;
import org.ftgan.definition.PaperDefinitions.PaperDefinition;
import org.ftgan.records.Database;

/**
 * The paper's tables as shipped ({@link PaperDefinitions}), whether or not anything was submitted:
 * every published row with, beside it, this platform's figure over the runs of the experiments
 * submitted from that definition (same name, with a {@code published:} section), and the figure of
 * every benchmark stand-in (an experiment tagged {@link PaperDefinitions#BENCHMARK_TAG}, trained on
 * synthetic data). Each such cell says which runs it is the mean of. Per-expression tables (Table 4)
 * also get a row for each expression the stand-ins have and the paper does not list (the synthetic
 * set's expressions are not FaceScape's). Also lists every submitted experiment that carries a
 * {@code published:} section, so that the Tables page needs no other read.
 */
public final class PaperTablesQuery {
    /** Run ids listed per cell; a cell over more runs links to its experiment instead. */
    static final int LINKED_RUNS = 10;

    private final Database db;
    private final List<PaperDefinition> definitions;

    public PaperTablesQuery(Database db, List<PaperDefinition> definitions) {
        this.db = db;
        this.definitions = List.copyOf(definitions);
    }

    /** One submitted experiment that the tables read. */
    private record Submitted(String id, String name, String status, int runCount, boolean standIn, JsonNode published) {
    }

    /** One run's mean of one figure. */
    private record Figure(String experimentId, String runId, double mean) {
    }

    public ObjectNode tables() {
        return db.inTransaction(c -> {
            Map<String, Submitted> experiments = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, status, run_count, tags,"
                    + " (definition -> 'published')::text AS published FROM experiments"
                    + " WHERE definition -> 'published' IS NOT NULL OR tags @> ARRAY[?]::text[] ORDER BY created_at, id")) {
                ps.setString(1, PaperDefinitions.BENCHMARK_TAG);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Array tags = rs.getArray("tags");
                        JsonNode published = Json.parse(rs.getString("published"), "experiments.definition.published");
                        boolean standIn = List.of((String[]) tags.getArray()).contains(PaperDefinitions.BENCHMARK_TAG);
                        experiments.put(rs.getString("id"), new Submitted(rs.getString("id"), rs.getString("name"),
                                rs.getString("status"), rs.getInt("run_count"), standIn, published.isObject() ? published : null));
                    }
                }
            }
            Set<String> shippedNames = new LinkedHashSet<>();
            definitions.forEach(d -> shippedNames.add(d.name()));
            // the experiments whose figures some cell shows: reproductions of a shipped definition, and stand-ins
            List<String> read = experiments.values().stream()
                    .filter(e -> e.standIn() || (e.published() != null && shippedNames.contains(e.name())))
                    .map(Submitted::id).toList();
            // per experiment, per results key: each run's mean, in run order
            Map<String, Map<String, List<Figure>>> figures = new HashMap<>();
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
                                    .add(new Figure(experiment, rs.getString("run_id"), rs.getDouble("mean")));
                        }
                    }
                }
            }
            return answer(experiments, figures, shippedNames);
        });
    }

    private ObjectNode answer(Map<String, Submitted> experiments, Map<String, Map<String, List<Figure>>> figures,
                              Set<String> shippedNames) {
        List<Submitted> standIns = experiments.values().stream().filter(Submitted::standIn).toList();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("benchmark_tag", PaperDefinitions.BENCHMARK_TAG);
        ArrayNode tables = out.putArray("tables");
        for (PaperDefinition d : definitions) {
            List<Submitted> reproductions = experiments.values().stream()
                    .filter(e -> e.published() != null && e.name().equals(d.name())).toList();
            tables.add(table(d, reproductions, standIns, figures));
        }
        ArrayNode s = out.putArray("stand_ins");
        for (Submitted e : standIns) {
            s.add(experiment(e));
        }
        ArrayNode published = out.putArray("experiments");
        for (Submitted e : experiments.values()) {
            if (e.published() == null) {
                continue;
            }
            ObjectNode x = experiment(e);
            x.set("table", e.published().path("table").isInt() ? e.published().get("table") : null);
            x.put("title", e.published().path("title").asText(null));
            x.put("metric", e.published().path("metric").asText(null));
            x.put("definition", shippedNames.contains(e.name()) ? e.name() : null);
            published.add(x);
        }
        return out;
    }

    private static ObjectNode experiment(Submitted e) {
        ObjectNode x = Json.MAPPER.createObjectNode();
        x.put("id", e.id());
        x.put("name", e.name());
        x.put("status", e.status());
        x.put("run_count", e.runCount());
        return x;
    }

    private static ObjectNode table(PaperDefinition d, List<Submitted> reproductions, List<Submitted> standIns,
                                    Map<String, Map<String, List<Figure>>> figures) {
        JsonNode p = d.published();
        String metric = p.path("metric").asText();
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("definition", d.name());
        t.put("file", PaperDefinitions.RESOURCE_FOLDER + "/" + d.file());
        t.put("description", d.description());
        t.put("table", d.table());
        for (String field : List.of("title", "dataset", "metric", "unit", "source")) {
            t.put(field, p.path(field).asText(null));
        }
        ArrayNode reproduced = t.putArray("experiments");
        reproductions.forEach(e -> reproduced.add(e.id()));
        ArrayNode rows = t.putArray("rows");
        Set<String> paperExpressions = new TreeSet<>();
        // the methods this platform reproduces, each with its figure, for the stand-ins' extra expressions
        Map<String, String> oursByMethod = new LinkedHashMap<>();
        for (JsonNode r : p.path("rows")) {
            String expression = r.hasNonNull("expression") ? r.get("expression").asText() : null;
            String ours = r.hasNonNull("ours") ? r.get("ours").asText() : null;
            ObjectNode row = rows.addObject();
            row.put("method", r.path("method").asText());
            row.put("expression", expression);
            row.put("in_paper", true);
            row.put("mean", r.path("mean").asDouble());
            row.set("std", r.hasNonNull("std") ? r.get("std") : null);
            row.set("median", r.hasNonNull("median") ? r.get("median") : null);
            row.put("ours", ours);
            cells(row, ours == null ? null : OurFigure.of(ours, metric, expression), reproductions, standIns, figures);
            if (expression != null) {
                paperExpressions.add(expression.equals("all") ? "" : expression);
                if (ours != null) {
                    oursByMethod.putIfAbsent(r.path("method").asText(), ours);
                }
            }
        }
        // rows of the stand-ins' own expressions (per-expression tables only): no paper figure
        Set<String> extra = new TreeSet<>();
        for (Submitted e : standIns) {
            for (String ours : oursByMethod.values()) {
                OurFigure any = OurFigure.of(ours, metric, null);
                String prefix = OurFigure.key(any.metric(), any.method(), "");
                figures.getOrDefault(e.id(), Map.of()).keySet().stream()
                        .filter(k -> k.startsWith(prefix) && k.length() > prefix.length())
                        .map(k -> k.substring(prefix.length()))
                        .filter(x -> !paperExpressions.contains(x))
                        .forEach(extra::add);
            }
        }
        for (String expression : extra) {
            oursByMethod.forEach((method, ours) -> {
                ObjectNode row = rows.addObject();
                row.put("method", method);
                row.put("expression", expression);
                row.put("in_paper", false);
                row.putNull("mean");
                row.putNull("std");
                row.putNull("median");
                row.put("ours", ours);
                cells(row, OurFigure.of(ours, metric, expression), reproductions, standIns, figures);
            });
        }
        return t;
    }

    /** The row's reproduced cell and one cell per stand-in (null and empty for a method this platform does not run). */
    private static void cells(ObjectNode row, OurFigure figure, List<Submitted> reproductions, List<Submitted> standIns,
                              Map<String, Map<String, List<Figure>>> figures) {
        if (figure == null) {
            row.putNull("reproduced");
            row.putArray("stand_ins");
            return;
        }
        row.set("reproduced", cell(figure, reproductions, figures));
        ArrayNode s = row.putArray("stand_ins");
        for (Submitted e : standIns) {
            s.add(cell(figure, List.of(e), figures));
        }
    }

    /** The mean over the runs of {@code experiments} that have {@code figure}, and which runs those are. */
    private static ObjectNode cell(OurFigure figure, List<Submitted> experiments, Map<String, Map<String, List<Figure>>> figures) {
        List<Figure> runs = new ArrayList<>();
        for (Submitted e : experiments) {
            runs.addAll(figures.getOrDefault(e.id(), Map.of()).getOrDefault(figure.key(), List.of()));
        }
        ObjectNode cell = Json.MAPPER.createObjectNode();
        if (runs.isEmpty()) {
            cell.putNull("mean");
        } else {
            Json.putNumber(cell, "mean", runs.stream().mapToDouble(Figure::mean).average().orElseThrow());
        }
        cell.put("runs", runs.size());
        ArrayNode ids = cell.putArray("run_ids");
        runs.stream().limit(LINKED_RUNS).forEach(f -> ids.add(f.runId()));
        ArrayNode ex = cell.putArray("experiment_ids");
        runs.stream().map(Figure::experimentId).distinct().forEach(ex::add);
        return cell;
    }
}
