package org.ftgan.api.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ftgan.api.ApiError;
import org.ftgan.records.Database;
import org.ftgan.records.RunStatus;

/**
 * Lists runs, of one experiment or across experiments: filtered by status, by config values and by
 * a metric, sorted by {@code created_at}, {@code status}, {@code metric} or {@code config.<key>},
 * in keyset pages. Every key is checked against what exists (columns, metric names, config keys
 * that some run has) before any SQL runs; every value is a bound parameter.
 */
public final class RunQuery {
    /** What a listed run shows, read for the page's runs only (the sort sees ids and sort values). */
    private static final String PAGE_COLUMNS = "r.id, r.experiment_id, r.run_index, r.run_key, r.status, r.overrides::text AS overrides,"
            + " r.config_hash, r.attempt, r.last_step, r.total_steps, r.created_at, r.started_at, r.finished_at, k.metric_value, k.sort_text";

    private final Database db;

    public RunQuery(Database db) {
        this.db = db;
    }

    /**
     * What to list.
     *
     * @param experimentId null for runs of every experiment; an unknown one is 404 not_found
     * @param statuses     empty for any status
     * @param where        the raw {@code where} parameters ({@code config.<key>:<op>:<value>} or {@code metric:<op>:<number>})
     * @param metric       null when the request names none
     */
    public record Request(String experimentId, List<RunStatus> statuses, List<String> where, Metric metric, PageRequest page) {
    }

    /** The sort keys a run list accepts besides {@code config.<key>}. */
    public static final List<String> SORTS = List.of("created_at", "status", "metric");

    /**
     * @return {@code {runs: [...], next_cursor, sort, order, limit, metric}}
     * @throws ApiError 400 invalid_parameter for an unknown sort key, filter, config key or metric use
     */
    public ObjectNode list(Request request) {
        List<ConfigFilter> configFilters = new ArrayList<>();
        List<MetricFilter> metricFilters = new ArrayList<>();
        for (String w : request.where()) {
            if (MetricFilter.isMetricFilter(w)) {
                if (request.metric() == null) {
                    throw new ApiError(400, "invalid_parameter", "where: '" + w + "' filters on the metric, but no metric= was given");
                }
                metricFilters.add(MetricFilter.parse(w));
            } else {
                configFilters.add(ConfigFilter.parse(w));
            }
        }
        PageRequest page = request.page();
        ConfigKey sortConfigKey = null;
        SortKey sort;
        if (page.sort().startsWith("config.")) {
            sortConfigKey = ConfigKey.parse("sort", page.sort().substring("config.".length()));
            String[] path = sortConfigKey.path();
            // 'null'::jsonb sorts before every other JSON value, so runs without the key come first in asc
            sort = new SortKey(page.sort(), "jsonb",
                    q -> new Sql().add("coalesce(" + q + ".config #> ?::text[], 'null'::jsonb)", (Object) path));
        } else {
            sort = switch (page.sort()) {
                case "created_at" -> SortKey.column("created_at", "created_at", "timestamptz");
                case "status" -> SortKey.column("status", "status", "text");
                case "metric" -> {
                    if (request.metric() == null) {
                        throw new ApiError(400, "invalid_parameter", "sort: 'metric' needs metric=<name> (for example metric=e_transfer)");
                    }
                    // runs without a value come last in either order
                    String missing = page.descending() ? "'-Infinity'" : "'Infinity'";
                    yield new SortKey("metric", "float8",
                            q -> new Sql().add("coalesce(" + q + ".metric_value, " + missing + "::float8)"));
                }
                default -> throw new ApiError(400, "invalid_parameter", "sort: '" + page.sort() + "' is not one of "
                        + SORTS + " or config.<section>.<key>");
            };
        }
        Set<ConfigKey> keys = new LinkedHashSet<>();
        configFilters.forEach(f -> keys.add(f.key()));
        ConfigKey sortKey = sortConfigKey;

        // only what filters and sorts need: every matching run may pass through the sort
        Sql inner = new Sql().add("SELECT r.id, r.status, r.created_at, r.config, ");
        inner.add(request.metric() == null ? new Sql().add("NULL::float8") : request.metric().valueOf("r"));
        inner.add(" AS metric_value FROM runs r WHERE TRUE");
        if (request.experimentId() != null) {
            inner.add(" AND r.experiment_id = ?", request.experimentId());
        }
        if (!request.statuses().isEmpty()) {
            inner.add(" AND r.status = ANY(?::text[])",
                    (Object) request.statuses().stream().map(RunStatus::dbName).toArray(String[]::new));
        }
        for (ConfigFilter f : configFilters) {
            inner.add(" AND ").add(f.condition("r"));
        }
        if (page.sort().equals("metric")) {
            // a fence: without it the planner inlines the subquery and computes the metric twice per run
            // (once to sort, once to output)
            inner.add(" OFFSET 0");
        }
        Sql filtered = inner;
        if (!metricFilters.isEmpty()) {
            filtered = new Sql().add("SELECT * FROM (").add(inner).add(") m WHERE TRUE");
            for (MetricFilter f : metricFilters) {
                filtered.add(" AND ").add(f.condition("m.metric_value"));
            }
        }
        // the page's ids first, then their rows: a sort of all matches carries two columns, not fifteen
        String dir = page.descending() ? "DESC" : "ASC";
        Sql sql = new Sql().add("SELECT " + PAGE_COLUMNS + " FROM (").add(KeysetPage.wrap("q.id, q.metric_value", filtered, sort, page))
                .add(") k JOIN runs r ON r.id = k.id ORDER BY k.sort_value " + dir + ", k.id " + dir);

        return Queries.run(db, page.cursor() != null, c -> {
            if (request.experimentId() != null && !ExperimentQuery.exists(c, request.experimentId())) {
                throw new ApiError(404, "not_found", "no experiment with id '" + request.experimentId() + "'");
            }
            if (sortKey != null) {
                keys.add(sortKey);
            }
            ConfigKeyCheck.requireExisting(c, "where/sort", keys, request.experimentId());
            // without a config filter the estimates are good and the planner walks the index by itself
            return page(c, sql, sort, page, request.metric(), sort.name().equals("created_at") && !configFilters.isEmpty());
        });
    }

    /**
     * Pages in creation order with config filters are read off the (experiment_id, created_at, id)
     * and (created_at, id) indexes, filtering as they go: the first page stops after limit + 1 matches. The planner cannot
     * estimate how many runs a jsonb filter keeps (it guesses one or a handful) and would rather
     * fetch every match and sort them, which costs a sort of up to every run for each page. In one
     * round trip with the query, for this transaction only. The worst case, a filter matching
     * nothing, walks the whole index once: bounded by the run count like the sort it replaces.
     */
    private static final String WALK_CREATED_INDEX = "SET LOCAL enable_sort = off; ";

    /** The query's rows; after the SET, the second result. */
    private static ResultSet rows(PreparedStatement ps, boolean afterSet) throws SQLException {
        if (!afterSet) {
            return ps.executeQuery();
        }
        ps.execute();
        if (!ps.getMoreResults()) {
            throw new SQLException("the run list query returned no rows after SET LOCAL");
        }
        return ps.getResultSet();
    }

    private static ObjectNode page(Connection c, Sql sql, SortKey sort, PageRequest page, Metric metric, boolean walkIndex)
            throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode runs = out.putArray("runs");
        String lastSort = null;
        String lastId = null;
        boolean more = false;
        Sql statement = walkIndex ? new Sql().add(WALK_CREATED_INDEX).add(sql) : sql;
        try (PreparedStatement ps = statement.prepare(c); ResultSet rs = rows(ps, walkIndex)) {
            while (rs.next()) {
                if (runs.size() == page.limit()) {
                    more = true;
                    break;
                }
                ObjectNode r = runs.addObject();
                r.put("id", rs.getString("id"));
                r.put("experiment_id", rs.getString("experiment_id"));
                r.put("run_index", rs.getInt("run_index"));
                r.put("run_key", rs.getString("run_key"));
                r.put("status", rs.getString("status"));
                Json.putRaw(r, "overrides", rs.getString("overrides"));
                r.put("config_hash", rs.getString("config_hash"));
                r.put("attempt", rs.getInt("attempt"));
                Json.putLong(r, "last_step", rs, "last_step");
                Json.putLong(r, "total_steps", rs, "total_steps");
                Json.putTime(r, "created_at", rs, "created_at");
                Json.putTime(r, "started_at", rs, "started_at");
                Json.putTime(r, "finished_at", rs, "finished_at");
                if (metric != null) {
                    Json.putDouble(r, "metric", rs, "metric_value");
                }
                lastSort = rs.getString("sort_text");
                lastId = rs.getString("id");
            }
        }
        out.put("next_cursor", more ? KeysetPage.nextCursor(sort, page, lastSort, lastId) : null);
        out.put("sort", page.sort());
        out.put("order", page.order());
        out.put("limit", page.limit());
        out.put("metric", metric == null ? null : metric.label());
        return out;
    }
}
