package org.ftgan.worker.experiment;

import static org.ftgan.names.FigureNames.BLENDSHAPE;
import static org.ftgan.names.FigureNames.E_ID_DECOMP;
import static org.ftgan.names.FigureNames.E_NEU;
import static org.ftgan.names.FigureNames.E_REC;
import static org.ftgan.names.FigureNames.E_TRANSFER;
import static org.ftgan.names.FigureNames.FACETUNEGAN;
import static org.ftgan.names.FigureNames.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ftgan.records.ExperimentRow;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;

/**
 * An experiment's report: one line per run (its swept values, status, and the overall figures of
 * FaceTuneGAN and of the blendshape baseline), with the definition's published figures beside
 * them, as JSON (for programs) and Markdown (for people).
 */
public final class ExperimentReport {
    /** Figures shown per run, in this order: metric, method, column title. */
    private static final String[][] COLUMNS = {
            {key(E_REC), FACETUNEGAN, E_REC},
            {key(E_ID_DECOMP), FACETUNEGAN, E_ID_DECOMP},
            {key(E_NEU), FACETUNEGAN, E_NEU},
            {key(E_TRANSFER), FACETUNEGAN, E_TRANSFER},
            {key(E_TRANSFER), BLENDSHAPE, BLENDSHAPE}};
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode json;
    private final String markdown;

    private ExperimentReport(ObjectNode json, String markdown) {
        this.json = json;
        this.markdown = markdown;
    }

    /** {@code results} maps each run id to its result rows. */
    public static ExperimentReport of(ExperimentRow experiment, JsonNode published, List<RunRow> runs,
                                      Map<String, List<ResultRow>> results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", experiment.id());
        root.put("name", experiment.name());
        root.put("definition_hash", experiment.definitionHash());
        root.put("dataset_hash", experiment.datasetHash());
        ArrayNode rows = root.putArray("runs");
        StringBuilder md = new StringBuilder();
        md.append("# ").append(experiment.name()).append(" (").append(experiment.id()).append(")\n\n");
        md.append("Definition ").append(experiment.definitionHash()).append(", dataset ")
                .append(experiment.datasetHash()).append(". Figures in mm, mean (median), test split.\n\n");
        md.append("| run | swept values | status |");
        for (String[] c : COLUMNS) {
            md.append(' ').append(c[2]).append(" |");
        }
        md.append("\n|---|---|---|");
        md.append("---|".repeat(COLUMNS.length)).append('\n');
        for (RunRow run : runs) {
            ObjectNode r = rows.addObject();
            r.put("run", run.id());
            r.put("key", run.runKey());
            r.set("overrides", run.overrides());
            r.put("status", run.status().dbName());
            r.put("code_version", run.codeVersion());
            ObjectNode figures = r.putObject("figures");
            md.append("| ").append(run.runKey()).append(" | ").append(flatten(run.overrides())).append(" | ")
                    .append(run.status().dbName()).append(" |");
            List<ResultRow> rs = results.getOrDefault(run.id(), List.of());
            for (String[] c : COLUMNS) {
                ResultRow hit = null;
                for (ResultRow x : rs) {
                    if (x.metric().equals(c[0]) && x.method().equals(c[1]) && x.expression().equals(ResultRow.OVERALL)) {
                        hit = x;
                    }
                }
                if (hit == null) {
                    md.append(" - |");
                } else {
                    ObjectNode f = figures.putObject(c[2]);
                    f.put("mean", hit.mean());
                    f.put("std", hit.std());
                    f.put("median", hit.median());
                    f.put("n", hit.n());
                    md.append(String.format(Locale.ROOT, " %.3f (%.3f) |", hit.mean(), hit.median()));
                }
            }
            md.append('\n');
        }
        if (published != null && !published.isNull() && !published.isMissingNode()) {
            root.set("published", published);
            md.append("\n## Published figures\n\n```json\n").append(published.toPrettyString()).append("\n```\n");
        }
        return new ExperimentReport(root, md.toString());
    }

    public ObjectNode json() {
        return json;
    }

    public String jsonText() {
        try {
            return JSON.writeValueAsString(json) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String markdown() {
        return markdown;
    }

    /** {@code {loss: {lambda_srec: 1}}} as {@code loss.lambda_srec=1}. */
    static String flatten(JsonNode overrides) {
        List<String> parts = new ArrayList<>();
        flatten("", overrides, parts);
        return parts.isEmpty() ? "(base)" : String.join(", ", parts);
    }

    private static void flatten(String prefix, JsonNode node, List<String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.add(prefix + "=" + (node.isTextual() ? node.asText() : node.toString()));
        }
    }
}
