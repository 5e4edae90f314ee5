package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import org.ftgan.api.cache.Answer;
import org.ftgan.api.cache.Scope;
import org.ftgan.names.RunStatus;
import org.ftgan.records.ExperimentRecords;
import org.ftgan.records.ExperimentRow;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.records.RunRecords;
import org.ftgan.workflows.CodeVersion;

/**
 * The platform's first read endpoints: health, and the status of recent experiments with their
 * runs counted by status (what `ftgan up` points people to while the full API is being built).
 */
final class StatusRoutes implements ApiRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECENT = 50;

    private final ExperimentRecords experiments;
    private final RunRecords runs;
    private final CachedReads reads;

    StatusRoutes(ExperimentRecords experiments, RunRecords runs, CachedReads reads) {
        this.experiments = experiments;
        this.runs = runs;
        this.reads = reads;
    }

    @Override
    public void register(io.javalin.config.RoutesConfig routes) {
        routes.get("/api/health", this::health);
        routes.get("/api/status", this::status);
    }

    /** GET /api/health: 200 while PostgreSQL answers, 503 otherwise. */
    void health(Context ctx) {
        ObjectNode out = JSON.createObjectNode();
        out.put("code_version", CodeVersion.current());
        try {
            experiments.listRecent(1);
            out.put("status", "ok");
            ctx.status(200);
        } catch (RecordsUnavailableException e) {
            out.put("status", "unavailable");
            out.put("error", "PostgreSQL is not answering");
            ctx.status(503);
        }
        ctx.contentType("application/json").result(out.toString());
    }

    /** GET /api/status: the most recent experiments, newest first, with their runs by status. */
    void status(Context ctx) {
        reads.send(ctx, () -> Answer.json(statusBody().toString(), Scope.EVERYTHING));
    }

    private ObjectNode statusBody() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("experiments");
        for (ExperimentRow e : experiments.listRecent(RECENT)) {
            ObjectNode x = list.addObject();
            x.put("id", e.id());
            x.put("name", e.name());
            x.put("status", e.status().dbName());
            x.put("definition_hash", e.definitionHash());
            x.put("dataset_hash", e.datasetHash());
            x.put("created_at", e.createdAt() == null ? null : e.createdAt().toString());
            ObjectNode counts = x.putObject("runs");
            for (Map.Entry<RunStatus, Integer> c : runs.countByStatus(e.id()).entrySet()) {
                counts.put(c.getKey().dbName(), c.getValue());
            }
        }
        return out;
    }
}
