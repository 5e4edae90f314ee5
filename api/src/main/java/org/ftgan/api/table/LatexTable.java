package org.ftgan.api.table;

import org.ftgan.records.read.FigureTable;

/** A {@link FigureTable} as LaTeX {@code tabular} environments (booktabs rules), text escaped. */
final class LatexTable {
    private LatexTable() {
    }

    static String render(FigureTable t) {
        StringBuilder out = new StringBuilder();
        out.append("% ").append(escape(t.experimentName())).append(" (").append(escape(t.experimentId()))
                .append("): overall means in mm\n");
        out.append("\\begin{tabular}{lll").append("r".repeat(FigureTable.FIGURES.size())).append("}\n\\toprule\n");
        out.append("run & key & status");
        FigureTable.FIGURES.forEach(f -> out.append(" & ").append(escape(f)));
        out.append(" \\\\\n\\midrule\n");
        for (FigureTable.RunRow r : t.runs()) {
            out.append(escape(r.runId())).append(" & ").append(escape(r.runKey())).append(" & ").append(escape(r.status().dbName()));
            r.figures().forEach(v -> out.append(" & ").append(TableFormat.number(v, "--")));
            out.append(" \\\\\n");
        }
        out.append("\\bottomrule\n\\end{tabular}\n");
        FigureTable.Published p = t.published();
        if (p != null) {
            out.append("\n% published: ").append(escape(p.title() == null ? p.metric() : p.title()))
                    .append(p.table() == null ? "" : " (paper Table " + p.table() + ")").append('\n');
            out.append("\\begin{tabular}{llrrrlrr}\n\\toprule\n");
            out.append("method & expression & paper mean & paper std & paper median & ours & our mean & our runs \\\\\n\\midrule\n");
            for (FigureTable.PublishedRow r : p.rows()) {
                out.append(escape(r.method())).append(" & ").append(escape(r.expression() == null ? "all" : r.expression()))
                        .append(" & ").append(TableFormat.number(r.mean(), "--"))
                        .append(" & ").append(TableFormat.number(r.std(), "--"))
                        .append(" & ").append(TableFormat.number(r.median(), "--"))
                        .append(" & ").append(r.ours() == null ? "--" : escape(r.ours()))
                        .append(" & ").append(TableFormat.number(r.ourMean(), "--"))
                        .append(" & ").append(r.ours() == null ? "--" : Integer.toString(r.ourRuns())).append(" \\\\\n");
            }
            out.append("\\bottomrule\n\\end{tabular}\n");
        }
        return out.toString();
    }

    /** The ten characters LaTeX treats specially, as text. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> out.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(ch);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
