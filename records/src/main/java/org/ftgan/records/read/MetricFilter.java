package org.ftgan.records.read;

import java.util.Map;

/**
 * A {@code where=metric:<op>:<number>} condition on the request's {@code metric}; runs without a
 * value for the metric never match.
 */
public record MetricFilter(String operator, double value) {
    private static final Map<String, String> OPERATORS = Map.of(
            "eq", "=", "ne", "<>", "lt", "<", "lte", "<=", "gt", ">", "gte", ">=");

    /** True if {@code where} is about the metric rather than a config key. */
    public static boolean isMetricFilter(String where) {
        return where.startsWith("metric:");
    }

    /** @throws InvalidQueryException naming where, for a bad operator or a value that is not a number */
    public static MetricFilter parse(String where) {
        String[] parts = where.split(":", 3);
        if (parts.length != 3 || !OPERATORS.containsKey(parts[1])) {
            throw new InvalidQueryException("where", "'" + where
                    + "' must be metric:<op>:<number> with op one of eq, ne, lt, lte, gt, gte");
        }
        try {
            double v = Double.parseDouble(parts[2]);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return new MetricFilter(parts[1], v);
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("where", "value '" + parts[2] + "' in '" + where
                    + "' must be a finite number");
        }
    }

    Sql condition(String valueColumn) {
        return new Sql().add(valueColumn + " " + OPERATORS.get(operator) + " ?", value);
    }
}
