package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import org.ftgan.records.ExperimentRecords;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.workflows.ExperimentSubmitter;

/**
 * GET /api/ready: 200 when PostgreSQL and Temporal both answer, else 503 naming which does not
 * (what a load balancer or compose health check waits for; /api/health only needs PostgreSQL).
 */
final class ReadinessRoutes implements ApiRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A probe must answer quickly even when Temporal hangs. */
    private static final Duration TEMPORAL_TIMEOUT = Duration.ofSeconds(2);

    private final ExperimentRecords experiments;
    private final ExperimentSubmitter submitter;

    ReadinessRoutes(ExperimentRecords experiments, ExperimentSubmitter submitter) {
        this.experiments = experiments;
        this.submitter = submitter;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/ready", this::ready);
    }

    void ready(Context ctx) {
        ObjectNode out = JSON.createObjectNode();
        boolean postgres;
        try {
            experiments.listRecent(1);
            postgres = true;
            out.put("postgres", "ok");
        } catch (RecordsUnavailableException e) {
            postgres = false;
            out.put("postgres", "not answering");
        }
        boolean temporal = false;
        if (submitter == null) {
            out.put("temporal", "not configured (this API is read-only)");
        } else {
            try {
                submitter.checkTemporal(TEMPORAL_TIMEOUT);
                temporal = true;
                out.put("temporal", "ok");
            } catch (RuntimeException e) {
                out.put("temporal", "not answering");
            }
        }
        boolean ready = postgres && temporal;
        out.put("status", ready ? "ready" : "unavailable");
        ctx.status(ready ? 200 : 503).contentType("application/json").result(out.toString());
    }
}
