package org.ftgan.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ftgan.definition.PaperDefinitions;
import org.ftgan.definition.PaperDefinitions.PaperDefinition;
import org.ftgan.records.Database;
import org.ftgan.records.read.OurFigure;
import org.ftgan.records.read.PaperTableFigures;
import org.ftgan.records.read.PaperTableFigures.RunFigure;
import org.ftgan.records.read.PaperTableFigures.Submitted;

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
public final class PaperTablesAnswer {
    /** Run ids listed per cell; a cell over more runs links to its experiment instead. */
    static final int LINKED_RUNS = 10;

    private final PaperTableFigures figures;
    private final List<PaperDefinition> definitions;

    public PaperTablesAnswer(Database db, List<PaperDefinition> definitions) {
        this.figures = new PaperTableFigures(db);
        this.definitions = List.copyOf(definitions);
    }

    public ObjectNode tables() {
        Set<String> shippedNames = new LinkedHashSet<>();
        definitions.forEach(d -> shippedNames.add(d.name()));
        PaperTableFigures.Figures read = figures.read(PaperDefinitions.BENCHMARK_TAG, shippedNames);
        return answer(read.experiments(), read.figures(), shippedNames);
    }

    private ObjectNode answer(Map<String, Submitted> experiments, Map<String, Map<String, List<RunFigure>>> figures,
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
        x.put("status", e.status().dbName());
        x.put("run_count", e.runCount());
        return x;
    }

    private static ObjectNode table(PaperDefinition d, List<Submitted> reproductions, List<Submitted> standIns,
                                    Map<String, Map<String, List<RunFigure>>> figures) {
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
                              Map<String, Map<String, List<RunFigure>>> figures) {
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
    private static ObjectNode cell(OurFigure figure, List<Submitted> experiments, Map<String, Map<String, List<RunFigure>>> figures) {
        List<RunFigure> runs = new ArrayList<>();
        for (Submitted e : experiments) {
            runs.addAll(figures.getOrDefault(e.id(), Map.of()).getOrDefault(figure.key(), List.of()));
        }
        ObjectNode cell = Json.MAPPER.createObjectNode();
        if (runs.isEmpty()) {
            cell.putNull("mean");
        } else {
            Json.putNumber(cell, "mean", runs.stream().mapToDouble(RunFigure::mean).average().orElseThrow());
        }
        cell.put("runs", runs.size());
        ArrayNode ids = cell.putArray("run_ids");
        runs.stream().limit(LINKED_RUNS).forEach(f -> ids.add(f.runId()));
        ArrayNode ex = cell.putArray("experiment_ids");
        runs.stream().map(RunFigure::experimentId).distinct().forEach(ex::add);
        return cell;
    }
}
