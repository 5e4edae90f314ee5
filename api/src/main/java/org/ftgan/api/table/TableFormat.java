package org.ftgan.api.table;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ftgan.api.ApiError;
import org.ftgan.records.read.FigureTable;

/** The formats {@code GET /api/experiments/{id}/table} writes, with their content types. */
public enum TableFormat {
    JSON("application/json"),
    CSV("text/csv; charset=utf-8"),
    MD("text/markdown; charset=utf-8"),
    LATEX("application/x-latex; charset=utf-8");

    private final String contentType;

    TableFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public String render(FigureTable table) {
        return switch (this) {
            case JSON -> JsonTable.render(table);
            case CSV -> CsvTable.render(table);
            case MD -> MarkdownTable.render(table);
            case LATEX -> LatexTable.render(table);
        };
    }

    /** @throws ApiError 400 invalid_parameter for an unknown format */
    public static TableFormat parse(String format) {
        List<String> names = Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        int i = names.indexOf(format);
        if (i < 0) {
            throw new ApiError(400, "invalid_parameter", "format: '" + format + "' is not one of " + names);
        }
        return values()[i];
    }

    /** Figures are printed with 3 decimals (mm, as in the paper's tables); a missing one as {@code missing}. */
    static String number(Double v, String missing) {
        return v == null || !Double.isFinite(v) ? missing : String.format(Locale.ROOT, "%.3f", v);
    }
}
