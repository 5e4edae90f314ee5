package org.ftgan.records.read;

import java.util.List;

/**
 * What a run list is sorted by: {@code created_at}, {@code status}, {@code metric} (the request's
 * metric) or {@code config.<key>}.
 *
 * @param name      as the client named it (goes into cursors)
 * @param configKey the key of a {@code config.<key>} sort, else null
 */
public record RunSort(String name, ConfigKey configKey) {
    /** The sort keys a run list accepts besides {@code config.<key>}. */
    public static final List<String> NAMES = List.of("created_at", "status", "metric");

    /**
     * @param metric the request's metric, null when it names none
     * @throws InvalidQueryException naming sort: an unknown key, a bad config key, or metric without a metric
     */
    public static RunSort parse(String name, Metric metric) {
        if (name.startsWith("config.")) {
            return new RunSort(name, ConfigKey.parse("sort", name.substring("config.".length())));
        }
        return switch (name) {
            case "created_at", "status" -> new RunSort(name, null);
            case "metric" -> {
                if (metric == null) {
                    throw new InvalidQueryException("sort", "'metric' needs metric=<name> (for example metric=e_transfer)");
                }
                yield new RunSort(name, null);
            }
            default -> throw new InvalidQueryException("sort", "'" + name + "' is not one of " + NAMES
                    + " or config.<section>.<key>");
        };
    }

    /** The SQL sort of this key; a metric sort puts runs without a value last in either order. */
    SortKey key(boolean descending) {
        if (configKey != null) {
            String[] path = configKey.path();
            // 'null'::jsonb sorts before every other JSON value, so runs without the key come first in asc
            return new SortKey(name, "jsonb", q -> new Sql().add("coalesce(" + q + ".config #> ?::text[], 'null'::jsonb)", (Object) path));
        }
        return switch (name) {
            case "created_at" -> SortKey.column("created_at", "created_at", "timestamptz");
            case "status" -> SortKey.column("status", "status", "text");
            default -> {
                String missing = descending ? "'-Infinity'" : "'Infinity'";
                yield new SortKey("metric", "float8", q -> new Sql().add("coalesce(" + q + ".metric_value, " + missing + "::float8)"));
            }
        };
    }
}
