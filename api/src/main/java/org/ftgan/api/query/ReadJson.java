package org.ftgan.api.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ftgan.records.read.CurveDownsampler;
import org.ftgan.records.read.Event;
import org.ftgan.records.read.ExperimentQuery;
import org.ftgan.records.read.Figure;
import org.ftgan.records.read.Metric;
import org.ftgan.records.read.PageRequest;
import org.ftgan.records.read.Position;
import org.ftgan.records.read.ResultsTable;
import org.ftgan.records.read.RunComparison;
import org.ftgan.records.read.RunDetail;
import org.ftgan.records.read.RunGroups;
import org.ftgan.records.read.RunQuery;
import org.ftgan.records.read.SweepRungs;

/**
 * The read models' answers as the API's JSON: field names, field order and the writing of nulls,
 * NaN and timestamps are the API's contract (docs/openapi, the dashboard, the command-line client).
 */
public final class ReadJson {
    private ReadJson() {
    }

    /** {@code {experiments: [...], next_cursor, sort, order, limit}} */
    public static ObjectNode experiments(ExperimentQuery.Page page, PageRequest request) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("experiments");
        for (ExperimentQuery.Summary s : page.experiments()) {
            summary(list.addObject(), s);
        }
        pageFields(out, page.next(), request);
        return out;
    }

    /** One experiment: its summary, submitter, updated_at, definition (parsed and as written) and events. */
    public static ObjectNode experiment(ExperimentQuery.Detail d) {
        ObjectNode x = Json.MAPPER.createObjectNode();
        summary(x, d.summary());
        x.put("submitter", d.submitter());
        Json.putTime(x, "updated_at", d.updatedAt());
        x.set("definition", d.definition());
        x.put("definition_yaml", d.definitionYaml());
        x.set("events", events(d.events()));
        return x;
    }

    private static void summary(ObjectNode x, ExperimentQuery.Summary s) {
        x.put("id", s.id());
        x.put("name", s.name());
        x.put("description", s.description());
        ArrayNode t = x.putArray("tags");
        s.tags().forEach(t::add);
        x.put("status", s.status().dbName());
        x.put("run_count", s.runCount());
        x.put("definition_hash", s.definitionHash());
        x.put("dataset_hash", s.datasetHash());
        Json.putTime(x, "created_at", s.createdAt());
        Json.putTime(x, "started_at", s.startedAt());
        Json.putTime(x, "finished_at", s.finishedAt());
        ObjectNode counts = x.putObject("runs_by_status");
        s.runsByStatus().forEach((status, n) -> counts.put(status.dbName(), n));
    }

    /** {@code {runs: [...], next_cursor, sort, order, limit, metric}}; a run has {@code metric} only when one was asked for. */
    public static ObjectNode runs(RunQuery.Page page, PageRequest request, Metric metric) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode runs = out.putArray("runs");
        for (RunQuery.Run run : page.runs()) {
            ObjectNode r = runs.addObject();
            r.put("id", run.id());
            r.put("experiment_id", run.experimentId());
            r.put("run_index", run.runIndex());
            r.put("run_key", run.runKey());
            r.put("status", run.status().dbName());
            Json.putRaw(r, "overrides", run.overridesJson());
            r.put("config_hash", run.configHash());
            r.put("attempt", run.attempt());
            Json.putLong(r, "last_step", run.lastStep());
            Json.putLong(r, "total_steps", run.totalSteps());
            Json.putTime(r, "created_at", run.createdAt());
            Json.putTime(r, "started_at", run.startedAt());
            Json.putTime(r, "finished_at", run.finishedAt());
            if (metric != null) {
                Json.putDouble(r, "metric", run.metric());
            }
        }
        pageFields(out, page.next(), request);
        out.put("metric", metric == null ? null : metric.label());
        return out;
    }

    private static void pageFields(ObjectNode out, Position next, PageRequest request) {
        out.put("next_cursor", next == null ? null
                : new Cursor(request.sort(), request.order(), next.value(), next.id()).encode());
        out.put("sort", request.sort());
        out.put("order", request.order());
        out.put("limit", request.limit());
    }

    static ArrayNode events(List<Event> events) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Event ev : events) {
            ObjectNode e = out.addObject();
            e.put("id", ev.id());
            e.put("run_id", ev.runId());
            e.put("status", ev.status().dbName());
            e.put("reason", ev.reason());
            Json.putLong(e, "attempt", ev.attempt());
            e.put("worker", ev.worker());
            Json.putTime(e, "created_at", ev.createdAt());
        }
        return out;
    }

    /** Everything about one run. */
    public static ObjectNode run(RunDetail.View v) {
        ObjectNode x = Json.MAPPER.createObjectNode();
        RunDetail.Run r = v.run();
        x.put("id", r.id());
        x.put("experiment_id", r.experimentId());
        x.put("run_index", r.runIndex());
        x.put("run_key", r.runKey());
        x.put("status", r.status().dbName());
        x.put("attempt", r.attempt());
        x.put("worker", r.worker());
        Json.putLong(x, "last_step", r.lastStep());
        Json.putLong(x, "total_steps", r.totalSteps());
        x.put("last_checkpoint", r.lastCheckpoint());
        x.put("failure_reason", r.failureReason());
        x.put("seed", r.seed());
        x.put("code_version", r.codeVersion());
        ObjectNode hashes = x.putObject("hashes");
        hashes.put("definition", r.definitionHash());
        hashes.put("dataset", r.datasetHash());
        hashes.put("config", r.configHash());
        Json.putTime(x, "created_at", r.createdAt());
        Json.putTime(x, "started_at", r.startedAt());
        Json.putTime(x, "finished_at", r.finishedAt());
        Json.putTime(x, "updated_at", r.updatedAt());
        Json.putRaw(x, "config", r.configJson());
        Json.putRaw(x, "overrides", r.overridesJson());
        x.set("events", events(v.events()));
        ObjectNode results = x.putObject("results");
        figures(results.putObject("overall"), v.results().overall());
        ObjectNode byExpression = results.putObject("by_expression");
        v.results().byExpression().forEach((expression, figures) -> figures(byExpression.putObject(expression), figures));
        ArrayNode artifacts = x.putArray("artifacts");
        for (RunDetail.Artifact a : v.artifacts()) {
            ObjectNode n = artifacts.addObject();
            n.put("kind", a.kind());
            n.put("path", a.path());
            n.put("url", "/api/artifacts/" + a.path());
            n.put("sha256", a.sha256());
            n.put("size_bytes", a.sizeBytes());
            Json.putTime(n, "created_at", a.createdAt());
        }
        ObjectNode evaluation = x.putObject("evaluation_curve");
        ArrayNode points = evaluation.putArray("points");
        v.evaluationCurve().points().forEach(p -> evaluationPoint(points.addObject(), p));
        evaluation.set("best", v.evaluationCurve().best() == null ? null
                : evaluationPoint(Json.MAPPER.createObjectNode(), v.evaluationCurve().best()));
        evaluation.set("last", v.evaluationCurve().last() == null ? null
                : evaluationPoint(Json.MAPPER.createObjectNode(), v.evaluationCurve().last()));
        x.set("curve", curve(v.curve()));
        return x;
    }

    private static ObjectNode evaluationPoint(ObjectNode p, RunDetail.EvaluationPoint e) {
        p.put("step", e.step());
        Json.putDouble(p, "e_rec", e.eRec());
        Json.putDouble(p, "e_id_decomp", e.eIdDecomp());
        Json.putDouble(p, "e_neu", e.eNeu());
        Json.putDouble(p, "e_transfer", e.eTransfer());
        Json.putDouble(p, "blendshape", e.blendshape());
        p.put("triplets", e.triplets());
        p.put("seconds", e.seconds());
        return p;
    }

    /** {@code {logged_points, reduction, points: [{step, epoch, samples_per_s, elapsed_s, n, l_rec, ...}]}} */
    private static ObjectNode curve(CurveDownsampler.Curve curve) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("logged_points", curve.loggedPoints());
        out.put("reduction", curve.reduced() ? "mean per step bucket" : "none");
        ArrayNode list = out.putArray("points");
        for (CurveDownsampler.Point point : curve.points()) {
            ObjectNode p = list.addObject();
            p.put("step", point.step());
            p.put("epoch", point.epoch());
            Json.putDouble(p, "samples_per_s", point.samplesPerS());
            Json.putDouble(p, "elapsed_s", point.elapsedS());
            p.put("n", point.n());
            point.terms().forEach((term, value) -> Json.putDouble(p, term, value));
        }
        return out;
    }

    /** {@code {metric: {method: {mean, std, median, n}}}} into {@code out}. */
    private static void figures(ObjectNode out, Map<String, Map<String, Figure>> byMetric) {
        byMetric.forEach((metric, byMethod) -> {
            ObjectNode m = out.putObject(metric);
            byMethod.forEach((method, figure) -> {
                ObjectNode f = m.putObject(method);
                Json.putDouble(f, "mean", figure.mean());
                Json.putDouble(f, "std", figure.std());
                Json.putDouble(f, "median", figure.median());
                f.put("n", figure.n());
            });
        });
    }

    /** {@code {runs: [...], config_differences: {...}, metrics: {run: {results, last_curve_values}}}} */
    public static ObjectNode comparison(RunComparison.Comparison c) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode runs = out.putArray("runs");
        for (RunComparison.Run r : c.runs()) {
            ObjectNode s = runs.addObject();
            s.put("id", r.id());
            s.put("experiment_id", r.experimentId());
            s.put("run_key", r.runKey());
            s.put("status", r.status().dbName());
        }
        ObjectNode differences = out.putObject("config_differences");
        c.configDifferences().forEach((key, byRun) -> {
            ObjectNode k = differences.putObject(key);
            byRun.forEach(k::set);
        });
        ObjectNode metrics = out.putObject("metrics");
        c.metrics().forEach((id, m) -> {
            ObjectNode n = metrics.putObject(id);
            figures(n.putObject("results"), m.results());
            ObjectNode last = n.putObject("last_curve_values");
            m.lastCurveValues().forEach((term, value) -> Json.putDouble(last, term, value));
        });
        return out;
    }

    /** {@code {experiment_id, metric, by: [...], groups: [{key: {...}, mean, std, n, runs}]}} */
    public static ObjectNode groups(RunGroups.Groups g) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("experiment_id", g.experimentId());
        out.put("metric", g.metric().label());
        ArrayNode by = out.putArray("by");
        g.by().forEach(by::add);
        ArrayNode groups = out.putArray("groups");
        for (RunGroups.Group group : g.groups()) {
            ObjectNode n = groups.addObject();
            ObjectNode key = n.putObject("key");
            group.key().forEach(key::set);
            Json.putDouble(n, "mean", group.mean());
            Json.putDouble(n, "std", group.std());
            n.put("n", group.n());
            n.put("runs", group.runs());
        }
        return out;
    }

    /**
     * {@code {experiment_id, config_keys[], metrics[], runs:[{id, run_key, status, overrides{flat},
     * last_step, total_steps, started_at, finished_at, metrics{}}]}}
     */
    public static ObjectNode resultsTable(ResultsTable.Table t) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("experiment_id", t.experimentId());
        ArrayNode keys = out.putArray("config_keys");
        t.configKeys().forEach(keys::add);
        ArrayNode metrics = out.putArray("metrics");
        t.metrics().forEach(metrics::add);
        ArrayNode runs = out.putArray("runs");
        for (ResultsTable.Row row : t.runs()) {
            ObjectNode run = runs.addObject();
            run.put("id", row.id());
            run.put("run_key", row.runKey());
            run.put("status", row.status().dbName());
            ObjectNode overrides = run.putObject("overrides");
            row.overrides().forEach(overrides::set);
            Json.putLong(run, "last_step", row.lastStep());
            Json.putLong(run, "total_steps", row.totalSteps());
            Json.putTime(run, "started_at", row.startedAt());
            Json.putTime(run, "finished_at", row.finishedAt());
            ObjectNode m = run.putObject("metrics");
            row.metrics().forEach((name, value) -> Json.putDouble(m, name, value));
        }
        return out;
    }

    /** GET /api/experiments/{id}/rungs. */
    public static ObjectNode sweepRungs(SweepRungs.Answer a) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("experiment_id", a.experimentId());
        SweepRungs.Rule rule = a.rule();
        if (rule == null) {
            out.putNull("early_stopping");
        } else {
            ObjectNode r = out.putObject("early_stopping");
            r.put("method", rule.method());
            r.put("metric", rule.metric());
            r.put("mode", rule.mode());
            r.put("min_steps", rule.minSteps());
            if (rule.reductionFactor() == null) {
                r.putNull("reduction_factor");
            } else {
                r.put("reduction_factor", rule.reductionFactor().intValue());
            }
            Json.putLong(r, "max_steps", rule.maxSteps());
        }
        out.put("metric", a.metric());
        out.put("mode", a.mode());
        ArrayNode rungs = out.putArray("rungs");
        for (SweepRungs.Rung g : a.rungs()) {
            rungs.addObject().put("step", g.step()).put("reached", g.reached()).put("stopped", g.stopped()).put("continued", g.continued());
        }
        ArrayNode runs = out.putArray("runs");
        for (SweepRungs.Run run : a.runs()) {
            ObjectNode o = runs.addObject();
            o.put("id", run.id());
            o.put("run_key", run.runKey());
            o.put("status", run.status().dbName());
            Json.putLong(o, "last_step", run.lastStep());
            Json.putLong(o, "total_steps", run.totalSteps());
            ArrayNode cells = o.putArray("rungs");
            for (SweepRungs.Cell c : run.rungs()) {
                ObjectNode cell = cells.addObject();
                cell.put("step", c.step());
                Json.putDouble(cell, "value", c.value());
                cell.put("stopped", c.stopped());
            }
            SweepRungs.Stop stop = run.stopped();
            if (stop == null) {
                o.putNull("stopped");
            } else {
                ObjectNode s = o.putObject("stopped");
                s.put("step", stop.step());
                Json.putDouble(s, "value", stop.value());
                Json.putDouble(s, "cutoff", stop.cutoff());
                s.put("reason", stop.reason());
                Json.putTime(s, "at", stop.at());
            }
        }
        SweepRungs.Steps st = a.steps();
        out.putObject("steps").put("budget", st.budget()).put("trained", st.trained()).put("saved_by_stopping", st.savedByStopping())
                .put("remaining", st.remaining()).put("runs_stopped", st.runsStopped());
        ArrayNode best = out.putArray("best_so_far");
        for (SweepRungs.BestPoint p : a.bestSoFar()) {
            ObjectNode o = best.addObject();
            Json.putTime(o, "at", p.at());
            Json.putNumber(o, "elapsed_s", p.elapsedSeconds());
            o.put("steps_spent", p.stepsSpent());
            Json.putNumber(o, "value", p.value());
            o.put("run_id", p.runId());
            o.put("step", p.step());
        }
        return out;
    }
}
