package org.ftgan.names;

import java.util.List;
import java.util.Locale;

/**
 * MODEL.md's evaluation figures and the methods they are measured for. A figure has its paper name
 * ({@code E_rec}: definitions' {@code published:} sections, tables, reports) and its key ({@code e_rec}:
 * results.metric, the runs table's {@code result_e_rec}, evaluation curve columns, the API's fields).
 * The blendshape baseline is a method of the results and, for its E_transfer, a figure of its own in
 * tables and curves ({@link #BLENDSHAPE}).
 */
public final class FigureNames {
    public static final String E_REC = "E_rec";
    public static final String E_ID_DECOMP = "E_id_decomp";
    public static final String E_NEU = "E_neu";
    public static final String E_TRANSFER = "E_transfer";
    /** The figures, in MODEL.md's order. */
    public static final List<String> NAMES = List.of(E_REC, E_ID_DECOMP, E_NEU, E_TRANSFER);
    /** The keys of {@link #NAMES}, in the same order. */
    public static final List<String> KEYS = NAMES.stream().map(FigureNames::key).toList();

    /** FaceTuneGAN, the method a run trains, as results.method names it. */
    public static final String FACETUNEGAN = "facetunegan";
    /** The blendshape-transfer baseline: a results.method, and the name of its E_transfer beside ours. */
    public static final String BLENDSHAPE = "blendshape";
    /** The methods of results.method. */
    public static final List<String> METHODS = List.of(FACETUNEGAN, BLENDSHAPE);
    /** The figures a table shows per run and a published row can sit beside: {@link #NAMES} and {@link #BLENDSHAPE}. */
    public static final List<String> WITH_BASELINE = List.of(E_REC, E_ID_DECOMP, E_NEU, E_TRANSFER, BLENDSHAPE);

    private FigureNames() {
    }

    /** The key of a figure name ({@code E_id_decomp} to {@code e_id_decomp}; {@code blendshape} stays). */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
