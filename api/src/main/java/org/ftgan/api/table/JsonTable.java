package org.ftgan.api.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ftgan.records.read.FigureTable;

/** A {@link FigureTable} as JSON, numbers unrounded. */
final class JsonTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTable() {
    }

    static String render(FigureTable t) {
        ObjectNode out = JSON.createObjectNode();
        out.put("experiment_id", t.experimentId());
        out.put("name", t.experimentName());
        ArrayNode columns = out.putArray("figures");
        FigureTable.FIGURES.forEach(columns::add);
        ArrayNode runs = out.putArray("runs");
        for (FigureTable.RunRow r : t.runs()) {
            ObjectNode row = runs.addObject();
            row.put("run", r.runId());
            row.put("key", r.runKey());
            row.put("status", r.status().dbName());
            for (int i = 0; i < FigureTable.FIGURES.size(); i++) {
                number(row, FigureTable.FIGURES.get(i), r.figures().get(i));
            }
        }
        if (t.published() == null) {
            out.putNull("published");
        } else {
            FigureTable.Published p = t.published();
            ObjectNode pub = out.putObject("published");
            pub.put("table", p.table());
            pub.put("title", p.title());
            pub.put("metric", p.metric());
            pub.put("unit", p.unit());
            pub.put("source", p.source());
            ArrayNode rows = pub.putArray("rows");
            for (FigureTable.PublishedRow r : p.rows()) {
                ObjectNode row = rows.addObject();
                row.put("method", r.method());
                row.put("expression", r.expression());
                row.put("mean", r.mean());
                number(row, "std", r.std());
                number(row, "median", r.median());
                row.put("ours", r.ours());
                number(row, "our_mean", r.ourMean());
                row.put("our_runs", r.ourRuns());
            }
        }
        return out.toString();
    }

    private static void number(ObjectNode row, String field, Double v) {
        if (v == null || !Double.isFinite(v)) {
            row.putNull(field);
        } else {
            row.put(field, v);
        }
    }
}
