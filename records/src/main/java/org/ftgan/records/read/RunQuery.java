package org.ftgan.records.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;

/**
 * Lists runs, of one experiment or across experiments: filtered by status, by config values and by
 * a metric, sorted by {@code created_at}, {@code status}, {@code metric} or {@code config.<key>},
 * in keyset pages. Every key is checked against what exists (config keys that some run has) before
 * the list is read; every value is a bound parameter.
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
     * @param experimentId  null for runs of every experiment; an unknown one is not found
     * @param statuses      empty for any status
     * @param where         conditions on config values
     * @param metricWhere   conditions on the metric's value (only with a metric)
     * @param metric        null when the request names none
     * @param sort          what the page's {@code sort} names
     */
    public record Request(String experimentId, List<RunStatus> statuses, List<ConfigCondition> where, List<MetricFilter> metricWhere,
                          Metric metric, RunSort sort, PageRequest page) {
        public Request {
            if (metric == null && !metricWhere.isEmpty()) {
                throw new IllegalArgumentException("a condition on the metric needs a metric");
            }
            if (!sort.name().equals(page.sort())) {
                throw new IllegalArgumentException("sort " + sort.name() + " is not the page's " + page.sort());
            }
        }
    }

    /**
     * One listed run.
     *
     * @param overridesJson the run's overrides as PostgreSQL prints jsonb (null for SQL NULL)
     * @param metric        the request's metric of this run, null when the run has none (or there is no metric)
     */
    public record Run(String id, String experimentId, int runIndex, String runKey, RunStatus status, String overridesJson,
                      String configHash, int attempt, Long lastStep, Long totalSteps, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Double metric) {
    }

    /** A page of runs; {@code next} is null on the last page. */
    public record Page(List<Run> runs, Position next) {
    }

    /**
     * @throws NotFoundException for an unknown experiment
     * @throws InvalidQueryException naming where/sort for a config key no run has, naming cursor for a position that does not read back
     */
    public Page list(Request request) {
        List<ConfigCondition> configFilters = request.where();
        List<MetricFilter> metricFilters = request.metricWhere();
        PageRequest page = request.page();
        SortKey sort = request.sort().key(page.descending());
        Set<ConfigKey> keys = new LinkedHashSet<>();
        configFilters.forEach(f -> keys.add(f.key()));
        ConfigKey sortKey = request.sort().configKey();

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
        for (ConfigCondition f : configFilters) {
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

        return Queries.run(db, page.after() != null, c -> {
            if (request.experimentId() != null && !ExperimentQuery.exists(c, request.experimentId())) {
                throw NotFoundException.experiment(request.experimentId());
            }
            if (sortKey != null) {
                keys.add(sortKey);
            }
            ConfigKeyCheck.requireExisting(c, "where/sort", keys, request.experimentId());
            // without a config filter the estimates are good and the planner walks the index by itself
            return page(c, sql, page, request.metric() != null, sort.name().equals("created_at") && !configFilters.isEmpty());
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

    private static Page page(Connection c, Sql sql, PageRequest page, boolean withMetric, boolean walkIndex)
            throws SQLException {
        List<Run> runs = new ArrayList<>();
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
                runs.add(new Run(rs.getString("id"), rs.getString("experiment_id"), rs.getInt("run_index"), rs.getString("run_key"),
                        RunStatus.fromDb(rs.getString("status")), rs.getString("overrides"), rs.getString("config_hash"), rs.getInt("attempt"),
                        Columns.nullableLong(rs, "last_step"), Columns.nullableLong(rs, "total_steps"),
                        Columns.time(rs, "created_at"), Columns.time(rs, "started_at"), Columns.time(rs, "finished_at"),
                        withMetric ? Columns.nullableDouble(rs, "metric_value") : null));
                lastSort = rs.getString("sort_text");
                lastId = rs.getString("id");
            }
        }
        return new Page(runs, more ? new Position(lastSort, lastId) : null);
    }
}
