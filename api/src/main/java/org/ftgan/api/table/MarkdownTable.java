package org.ftgan.api.table;

import org.ftgan.records.read.FigureTable;

/** A {@link FigureTable} as GitHub Markdown: a runs table, then the published rows beside ours. */
final class MarkdownTable {
    private MarkdownTable() {
    }

    static String render(FigureTable t) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(cell(t.experimentName())).append(" (").append(cell(t.experimentId())).append(")\n\n");
        out.append("Overall means in mm; blendshape is the E_transfer of the blendshape baseline.\n\n");
        out.append("| run | key | status |");
        FigureTable.FIGURES.forEach(f -> out.append(' ').append(f).append(" |"));
        out.append("\n|---|---|---|").append("---:|".repeat(FigureTable.FIGURES.size())).append('\n');
        for (FigureTable.RunRow r : t.runs()) {
            out.append("| ").append(cell(r.runId())).append(" | ").append(cell(r.runKey())).append(" | ")
                    .append(cell(r.status().dbName())).append(" |");
            r.figures().forEach(v -> out.append(' ').append(TableFormat.number(v, "-")).append(" |"));
            out.append('\n');
        }
        FigureTable.Published p = t.published();
        if (p != null) {
            out.append("\n## Published: ").append(p.table() == null ? "" : "Table " + p.table() + ", ")
                    .append(cell(p.title() == null ? p.metric() : p.title())).append(" (").append(p.metric()).append(", ")
                    .append(p.unit()).append(")\n\n");
            out.append("| method | expression | paper mean | paper std | paper median | ours | our mean | our runs |\n");
            out.append("|---|---|---:|---:|---:|---|---:|---:|\n");
            for (FigureTable.PublishedRow r : p.rows()) {
                out.append("| ").append(cell(r.method())).append(" | ").append(cell(r.expression() == null ? "all" : r.expression()))
                        .append(" | ").append(TableFormat.number(r.mean(), "-"))
                        .append(" | ").append(TableFormat.number(r.std(), "-"))
                        .append(" | ").append(TableFormat.number(r.median(), "-"))
                        .append(" | ").append(r.ours() == null ? "-" : r.ours())
                        .append(" | ").append(TableFormat.number(r.ourMean(), "-"))
                        .append(" | ").append(r.ours() == null ? "-" : Integer.toString(r.ourRuns())).append(" |\n");
            }
        }
        return out.toString();
    }

    /** A pipe would end the cell and a line break the row. */
    static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
