package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ftgan.definition.ValueRule.IntegerRange;
import org.ftgan.definition.ValueRule.NonEmptyText;
import org.ftgan.definition.ValueRule.NumberRange;
import org.ftgan.definition.ValueRule.OneOf;
import org.ftgan.names.FigureNames;

/**
 * Checks a definition's {@code published:} section: a paper table's figures in one regular shape a
 * report can put beside our own.
 *
 * <pre>
 * published:
 *   table: 4                      # the paper's table number
 *   title: FaceScape expression transfer
 *   dataset: facescape            # coma | facescape | synthetic
 *   metric: E_transfer            # E_rec | E_id_decomp | E_neu | E_transfer
 *   unit: mm
 *   rows:                         # one per method (and expression)
 *     - {method: FaceTuneGAN, expression: smile, mean: 1.23, ours: E_transfer}
 *     - {method: blendshape transfer, expression: smile, mean: 2.11, ours: blendshape}
 * </pre>
 *
 * A row has method and mean, optionally std, median, expression, note, and {@code ours}: which of our
 * evaluation figures sits beside it (the paper's own method and the blendshape baseline are the ones
 * we reproduce). Rows are unique per (method, expression).
 */
final class PublishedFigures {
    private static final Set<String> METRICS = Set.copyOf(FigureNames.NAMES);
    private static final Set<String> OURS = Set.copyOf(FigureNames.WITH_BASELINE);
    private static final Map<String, ValueRule> TOP = new TreeMap<>(Map.of(
            "table", new IntegerRange(1, 100),
            "title", new NonEmptyText(),
            "dataset", new OneOf(Set.of("coma", "facescape", "synthetic")),
            "metric", new OneOf(METRICS),
            "unit", new OneOf(Set.of("mm")),
            "source", new NonEmptyText()));
    private static final Set<String> TOP_REQUIRED = Set.of("table", "metric", "unit", "rows");
    private static final Map<String, ValueRule> ROW = new TreeMap<>(Map.of(
            "method", new NonEmptyText(),
            "expression", new NonEmptyText(),
            "mean", new NumberRange(0, false, 1e6),
            "std", new NumberRange(0, false, 1e6),
            "median", new NumberRange(0, false, 1e6),
            "note", new NonEmptyText(),
            "ours", new OneOf(OURS)));
    private static final Set<String> ROW_REQUIRED = Set.of("method", "mean");

    private PublishedFigures() {
    }

    static void check(JsonNode published, List<Problem> out) {
        String path = "published";
        if (!published.isObject()) {
            out.add(new Problem(path, "expected a mapping (table, metric, unit, rows), got " + ValueRule.describe(published)));
            return;
        }
        checkFields(published, path, TOP, Set.of("rows"), TOP_REQUIRED, out);
        JsonNode rows = published.get("rows");
        if (rows == null) {
            return;
        }
        if (!rows.isArray() || rows.isEmpty()) {
            out.add(new Problem(path + ".rows", "expected a non-empty list of rows, got " + ValueRule.describe(rows)));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String p = path + ".rows[" + i + "]";
            if (!row.isObject()) {
                out.add(new Problem(p, "expected a mapping (method, mean, ...), got " + ValueRule.describe(row)));
                continue;
            }
            checkFields(row, p, ROW, Set.of(), ROW_REQUIRED, out);
            String id = row.path("method").asText() + " / " + row.path("expression").asText("");
            if (!seen.add(id)) {
                out.add(new Problem(p, "repeats the row of method \"" + row.path("method").asText() + "\""
                        + (row.has("expression") ? " and expression \"" + row.path("expression").asText() + "\"" : "")));
            }
        }
    }

    /** Checks the scalar fields by their rules; {@code structured} keys are known but checked by the caller. */
    private static void checkFields(JsonNode node, String path, Map<String, ValueRule> rules, Set<String> structured,
                                     Set<String> required, List<Problem> out) {
        Set<String> known = new TreeSet<>(rules.keySet());
        known.addAll(structured);
        node.fieldNames().forEachRemaining(k -> {
            ValueRule rule = rules.get(k);
            if (rule != null) {
                rule.check(node.get(k), path + "." + k, out);
            } else if (!structured.contains(k)) {
                out.add(new Problem(path + "." + k, ClosestKey.unknownKeyMessage(k, known)));
            }
        });
        required.stream().sorted().filter(k -> !node.has(k)).forEach(k -> out.add(new Problem(path + "." + k, "is required")));
    }
}
