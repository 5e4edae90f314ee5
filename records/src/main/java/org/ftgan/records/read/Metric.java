package org.ftgan.records.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.names.LossTermNames;
import org.ftgan.records.ResultRow;

/**
 * A per-run number to sort, filter or group by: an evaluation figure (the overall FaceTuneGAN
 * result of {@code e_rec}, {@code e_id_decomp}, {@code e_neu} or {@code e_transfer}) or a
 * training-curve term aggregated over the run's logged steps ({@code last}, {@code min},
 * {@code max}, or {@code best}, which is the minimum since every term is a loss).
 *
 * @param name        as the client gave it, normalised (results lower case, curve terms by column name)
 * @param aggregation null for evaluation figures
 */
public record Metric(String name, String column, String aggregation) {
    /** Curve term names (the trainer's CSV header) and their curves columns. */
    public static final Map<String, String> CURVE_TERMS;
    public static final List<String> AGGREGATIONS = List.of("last", "min", "max", "best");

    static {
        Map<String, String> m = new LinkedHashMap<>();
        for (String term : LossTermNames.NAMES) {
            m.put(term, LossTermNames.key(term));
        }
        CURVE_TERMS = Collections.unmodifiableMap(m);
    }

    /**
     * Refuses an unknown {@code agg}. A known one reduces curve terms only: an evaluation figure, or
     * no metric at all, reads the same with or without it (OpenAPI 3.0 cannot say "only with a curve
     * term", and the document says what the server enforces).
     *
     * @throws InvalidQueryException naming agg
     */
    public static void checkAggregation(String aggregation) {
        if (aggregation != null && !AGGREGATIONS.contains(aggregation)) {
            throw new InvalidQueryException("agg", "'" + aggregation + "' is not one of " + AGGREGATIONS);
        }
    }

    /**
     * @param aggregation the request's {@code agg}, or null (curve terms then use {@code last})
     * @throws InvalidQueryException naming metric or agg, for an unknown metric or aggregation
     */
    public static Metric parse(String name, String aggregation) {
        checkAggregation(aggregation);
        if (ResultRow.METRICS.contains(name)) {
            // one value per run: its last, min, max and best are all that value, so any agg reads it
            return new Metric(name, null, null);
        }
        String column = null;
        for (Map.Entry<String, String> e : CURVE_TERMS.entrySet()) {
            if (e.getKey().equals(name) || e.getValue().equals(name)) {
                column = e.getValue();
            }
        }
        if (column == null) {
            throw new InvalidQueryException("metric", "'" + name + "' is not an evaluation figure " + ResultRow.METRICS
                    + " nor a curve term " + List.copyOf(CURVE_TERMS.values()));
        }
        String agg = aggregation == null ? "last" : aggregation;
        if (!AGGREGATIONS.contains(agg)) {
            throw new InvalidQueryException("agg", "'" + aggregation + "' is not one of " + AGGREGATIONS);
        }
        return new Metric(column, column, agg);
    }

    public boolean isCurveTerm() {
        return column != null;
    }

    /** An expression giving the run's value (NULL when it has none); {@code run} is the alias of the runs table. */
    Sql valueOf(String run) {
        if (!isCurveTerm()) {
            // the run's copy of its overall result (migration V5); name is one of ResultRow.METRICS, never the request's text
            return new Sql().add(run + ".result_" + name);
        }
        // column comes from CURVE_TERMS, never from the request
        return switch (aggregation) {
            case "last" -> new Sql().add("(SELECT x." + column + " FROM curves x WHERE x.run_id = " + run + ".id AND x."
                    + column + " IS NOT NULL ORDER BY x.step DESC LIMIT 1)");
            case "max" -> new Sql().add("(SELECT max(x." + column + ") FROM curves x WHERE x.run_id = " + run + ".id)");
            default -> new Sql().add("(SELECT min(x." + column + ") FROM curves x WHERE x.run_id = " + run + ".id)");
        };
    }

    /** How the value is described in responses, for example {@code e_transfer} or {@code l_rec:best}. */
    public String label() {
        return isCurveTerm() ? name + ":" + aggregation : name;
    }
}
