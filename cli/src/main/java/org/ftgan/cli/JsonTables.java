package org.ftgan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints API lists as aligned text columns. */
final class JsonTables {
    private JsonTables() {
    }

    /** The list in an API answer: the answer itself when it is an array, else its first array field. */
    static JsonNode items(JsonNode answer) {
        if (answer.isArray()) {
            return answer;
        }
        for (Map.Entry<String, JsonNode> e : answer.properties()) {
            if (e.getValue().isArray()) {
                return e.getValue();
            }
        }
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    /** {@code columns} that at least one item has (a dotted name reaches into objects), in that order. */
    static void print(PrintWriter out, JsonNode items, List<String> columns) {
        List<String> shown = new ArrayList<>();
        for (String c : columns) {
            for (JsonNode item : items) {
                if (!at(item, c).isMissingNode()) {
                    shown.add(c);
                    break;
                }
            }
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(shown.stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toArray(String[]::new));
        for (JsonNode item : items) {
            rows.add(shown.stream().map(c -> text(at(item, c))).toArray(String[]::new));
        }
        int[] width = new int[shown.size()];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == 0 ? "" : "  ").append(r[i]).append(" ".repeat(i == r.length - 1 ? 0 : width[i] - r[i].length()));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static JsonNode at(JsonNode n, String dotted) {
        JsonNode cur = n;
        for (String part : dotted.split("\\.")) {
            cur = cur.path(part);
        }
        return cur;
    }

    private static String text(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return "-";
        }
        if (n.isValueNode()) {
            return n.isFloatingPointNumber() ? String.format(java.util.Locale.ROOT, "%.4g", n.asDouble()) : n.asText();
        }
        return n.toString();
    }
}
