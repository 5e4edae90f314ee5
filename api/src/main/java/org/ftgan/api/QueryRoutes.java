package org.ftgan.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.api.cache.Answer;
import org.ftgan.api.cache.Scope;
import org.ftgan.api.query.ConfigFilter;
import org.ftgan.api.query.ReadJson;
import org.ftgan.api.table.TableFormat;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;
import org.ftgan.records.read.ConfigCondition;
import org.ftgan.records.read.CurveDownsampler;
import org.ftgan.records.read.ExperimentQuery;
import org.ftgan.records.read.FigureTableQuery;
import org.ftgan.records.read.Metric;
import org.ftgan.records.read.MetricFilter;
import org.ftgan.records.read.PageRequest;
import org.ftgan.records.read.RunComparison;
import org.ftgan.records.read.RunDetail;
import org.ftgan.records.read.RunGroups;
import org.ftgan.records.read.RunQuery;
import org.ftgan.records.read.RunSort;

/**
 * The read side of the API: experiments and runs listed, filtered, sorted and paged; one
 * experiment or run in detail; runs compared and grouped; an experiment's figure table. Requests
 * are parsed here; the read models of {@code org.ftgan.records.read} read them and {@link ReadJson}
 * writes their answers.
 */
final class QueryRoutes implements ApiRoutes {
    private final ExperimentQuery experiments;
    private final RunQuery runs;
    private final RunDetail runDetail;
    private final RunComparison comparison;
    private final RunGroups groups;
    private final FigureTableQuery tables;
    private final CachedReads reads;

    QueryRoutes(Database db, CachedReads reads) {
        this.reads = reads;
        this.experiments = new ExperimentQuery(db);
        this.runs = new RunQuery(db);
        this.runDetail = new RunDetail(db);
        this.comparison = new RunComparison(db);
        this.groups = new RunGroups(db);
        this.tables = new FigureTableQuery(db);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/experiments", this::listExperiments);
        routes.get("/api/experiments/{id}", ctx -> {
            String id = ctx.pathParam("id");
            reads.send(ctx, () -> json(ReadJson.experiment(experiments.detail(id)).toString(), Scope.experiment(id)));
        });
        routes.get("/api/experiments/{id}/runs", ctx -> listRuns(ctx, ctx.pathParam("id")));
        routes.get("/api/runs", ctx -> listRuns(ctx, null));
        routes.get("/api/runs/{id}", this::run);
        routes.get("/api/compare", this::compare);
        routes.get("/api/experiments/{id}/groups", this::groups);
        routes.get("/api/experiments/{id}/table", this::table);
    }

    /** GET /api/experiments?status=&tag=&q=&sort=created_at|name|status&order=&limit=&cursor= */
    private void listExperiments(Context ctx) {
        QueryParams p = new QueryParams(ctx);
        List<ExperimentStatus> statuses = p.list("status",
                s -> QueryParams.enumValue("status", s, ExperimentStatus.class, ExperimentStatus::dbName));
        String sort = p.single("sort", "created_at");
        String tag = p.single("tag");
        String text = p.single("q");
        QueryParams.Page asked = p.page("created_at", sort.equals("created_at") ? "desc" : "asc");
        ExperimentQuery.requireSort(asked.sort());
        PageRequest page = asked.request();
        ExperimentQuery.Request request = new ExperimentQuery.Request(statuses, tag, text, page);
        reads.send(ctx, () -> json(ReadJson.experiments(experiments.list(request), page).toString(), Scope.EVERYTHING));
    }

    /**
     * GET /api/experiments/{id}/runs and /api/runs (?experiment=): status, where (repeatable),
     * metric and agg, sort, order, limit, cursor.
     */
    private void listRuns(Context ctx, String experimentId) {
        QueryParams p = new QueryParams(ctx);
        String experiment = experimentId != null ? experimentId : p.single("experiment");
        List<RunStatus> statuses = p.list("status", s -> QueryParams.enumValue("status", s, RunStatus.class, RunStatus::dbName));
        String metricName = p.single("metric");
        String agg = p.single("agg");
        Metric.checkAggregation(agg);
        Metric metric = metricName == null ? null : Metric.parse(metricName, agg);
        List<String> where = p.all("where");
        QueryParams.Page asked = p.page("created_at", "asc");
        List<ConfigCondition> configWhere = new ArrayList<>();
        List<MetricFilter> metricWhere = new ArrayList<>();
        for (String w : where) {
            if (MetricFilter.isMetricFilter(w)) {
                if (metric == null) {
                    throw new ApiError(400, "invalid_parameter", "where: '" + w + "' filters on the metric, but no metric= was given");
                }
                metricWhere.add(MetricFilter.parse(w));
            } else {
                configWhere.add(ConfigFilter.parse(w).condition());
            }
        }
        RunSort sort = RunSort.parse(asked.sort(), metric);
        PageRequest page = asked.request();
        RunQuery.Request request = new RunQuery.Request(experiment, statuses, configWhere, metricWhere, metric, sort, page);
        reads.send(ctx, () -> json(ReadJson.runs(runs.list(request), page, metric).toString(),
                experiment == null ? Scope.EVERYTHING : Scope.experiment(experiment)));
    }

    /** GET /api/runs/{id}?points=N */
    private void run(Context ctx) {
        int points = new QueryParams(ctx).integer("points", CurveDownsampler.DEFAULT_POINTS);
        String id = ctx.pathParam("id");
        // a run's detail reads rows of that run only: other runs of its experiment changing leave it be
        reads.send(ctx, () -> json(ReadJson.run(runDetail.describe(id, points)).toString(), Scope.runs(List.of(id))));
    }

    /** GET /api/compare?runs=a,b,c */
    private void compare(Context ctx) {
        QueryParams p = new QueryParams(ctx);
        List<String> ids = p.list("runs", s -> s);
        if (ids.isEmpty()) {
            throw new ApiError(400, "invalid_parameter", "runs: required, 2 to 10 comma-separated run ids");
        }
        reads.send(ctx, () -> json(ReadJson.comparison(comparison.compare(ids)).toString(), Scope.runs(ids)));
    }

    /** GET /api/experiments/{id}/groups?by=k1,k2&metric=e_transfer[&agg=] */
    private void groups(Context ctx) {
        QueryParams p = new QueryParams(ctx);
        String metricName = p.single("metric");
        if (metricName == null) {
            throw new ApiError(400, "invalid_parameter", "metric: required, for example metric=e_transfer");
        }
        Metric metric = Metric.parse(metricName, p.single("agg"));
        String id = ctx.pathParam("id");
        List<String> by = p.list("by", s -> s);
        reads.send(ctx, () -> json(ReadJson.groups(groups.groups(id, by, metric)).toString(), Scope.experiment(id)));
    }

    /** GET /api/experiments/{id}/table?format=json|csv|md|latex */
    private void table(Context ctx) {
        TableFormat format = TableFormat.parse(new QueryParams(ctx).single("format", "json"));
        String id = ctx.pathParam("id");
        reads.send(ctx, () -> Answer.text(format.render(tables.table(id)), format.contentType(), Scope.experiment(id)));
    }

    private static Answer json(String body, Scope scope) {
        return Answer.json(body, scope);
    }
}
