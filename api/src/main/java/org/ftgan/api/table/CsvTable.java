package org.ftgan.api.table;

import java.util.ArrayList;
import java.util.List;
import org.ftgan.records.read.FigureTable;

/**
 * A {@link FigureTable} as one RFC 4180 CSV table (CRLF line ends): a {@code row} column tells run
 * rows from published rows. A run row fills the figure columns; a published row fills method,
 * expression, paper_mean/std/median and puts our matching mean in the column of its figure.
 */
final class CsvTable {
    private CsvTable() {
    }

    static String render(FigureTable t) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("row", "run", "key", "status", "method", "expression"));
        header.addAll(FigureTable.FIGURES);
        header.addAll(List.of("paper_mean", "paper_std", "paper_median", "our_runs"));
        line(out, header);
        for (FigureTable.RunRow r : t.runs()) {
            List<String> cells = new ArrayList<>(List.of("run", r.runId(), r.runKey(), r.status().dbName(), "", ""));
            r.figures().forEach(v -> cells.add(TableFormat.number(v, "")));
            cells.addAll(List.of("", "", "", ""));
            line(out, cells);
        }
        if (t.published() != null) {
            for (FigureTable.PublishedRow p : t.published().rows()) {
                List<String> cells = new ArrayList<>(List.of("published", "", "", "", p.method(),
                        p.expression() == null ? "" : p.expression()));
                for (String figure : FigureTable.FIGURES) {
                    cells.add(figure.equals(p.ours()) ? TableFormat.number(p.ourMean(), "") : "");
                }
                cells.add(TableFormat.number(p.mean(), ""));
                cells.add(TableFormat.number(p.std(), ""));
                cells.add(TableFormat.number(p.median(), ""));
                cells.add(p.ours() == null ? "" : Integer.toString(p.ourRuns()));
                line(out, cells);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** Quoted when it holds a comma, quote, CR or LF, or starts with a space; quotes doubled. */
    static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r") || cell.startsWith(" ")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
