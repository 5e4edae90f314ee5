package org.ftgan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ftgan.definition.ExperimentDefinition;
import org.ftgan.names.FigureNames;
import org.ftgan.workflows.ExperimentActions;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.PlatformRecords;

/**
 * The write endpoints: submit a definition, cancel an experiment or a run, retry an experiment's
 * failed runs, continue ended runs to a larger budget, change how many runs train at once, rerun a
 * stored definition. Every one needs a token ({@link AccessGuard}) and
 * Temporal (503 temporal_unavailable on an API started without it). Validating a definition
 * without submitting it lives here too, since it reads the body the same way; it stores nothing,
 * so it is open like the reads and needs no Temporal.
 */
final class SubmissionRoutes implements ApiRoutes {
    /** Media types a definition may be sent as; YAML is a superset of JSON, so one parser reads all. */
    static final List<String> DEFINITION_TYPES = List.of("application/yaml", "application/x-yaml", "text/yaml",
            "application/json", "text/plain");

    /** Validates without submitting; {@link AccessGuard} lets it through like a read. */
    static final String VALIDATE_PATH = "/api/definitions/validate";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExperimentSubmitter submitter;
    private final ExperimentActions actions;

    SubmissionRoutes(PlatformRecords records, ExperimentSubmitter submitter) {
        this.submitter = submitter;
        this.actions = submitter == null ? null : new ExperimentActions(submitter, records);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/experiments", this::submit);
        routes.post(VALIDATE_PATH, this::validate);
        routes.post("/api/experiments/{id}/cancel", this::cancelExperiment);
        routes.post("/api/runs/{id}/cancel", this::cancelRun);
        routes.post("/api/experiments/{id}/retry-failed", this::retryFailed);
        routes.post("/api/experiments/{id}/rerun", this::rerun);
        routes.post("/api/experiments/{id}/continue", this::continueRuns);
        routes.post("/api/experiments/{id}/max-parallel", this::setMaxParallel);
        routes.post("/api/experiments/{id}/search-points", this::addSearchPoints);
    }

    /** POST /api/experiments: 201 with the experiment's id, or 400 listing every problem of the definition. */
    void submit(Context ctx) {
        requireTemporal();
        String text = definitionText(ctx);
        // ${VAR} in a definition is resolved by the client: the server's environment is not the caller's to read
        ExperimentSubmitter.Submission s = submitter.submit(text, "request body", Map.of(), caller(ctx));
        ObjectNode out = JSON.createObjectNode();
        out.put("id", s.experimentId());
        out.put("definition_hash", s.definitionHash());
        out.put("runs", s.runCount());
        out.put("already_submitted", s.alreadySubmitted());
        ctx.header("Location", "/api/experiments/" + s.experimentId());
        ctx.status(201).contentType("application/json").result(out.toString());
    }

    /**
     * POST /api/definitions/validate: 200 with what a submission would create, or the same 400
     * invalid_definition as a submission; nothing is stored.
     */
    void validate(Context ctx) {
        ExperimentDefinition definition = ExperimentDefinition.parse(definitionText(ctx), "request body", Map.of());
        ObjectNode out = JSON.createObjectNode();
        out.put("valid", true);
        out.put("id", ExperimentSubmitter.experimentId(definition));
        out.put("name", definition.name());
        out.put("runs", definition.sweep().size());
        out.put("definition_hash", definition.hash());
        ctx.status(200).contentType("application/json").result(out.toString());
    }

    /** The body as a definition's text: an accepted media type, at most the body limit, UTF-8, not blank. */
    private static String definitionText(Context ctx) {
        String type = baseType(ctx.contentType());
        if (!DEFINITION_TYPES.contains(type)) {
            throw new ApiError(415, "unsupported_media_type", "Content-Type " + (type.isEmpty() ? "is missing" : "'"
                    + type + "' is not accepted") + "; send the definition as one of " + String.join(", ", DEFINITION_TYPES));
        }
        String text = utf8(readCapped(ctx));
        if (text.isBlank()) {
            throw new ApiError(400, "invalid_definition", "request body: empty; send the experiment definition");
        }
        return text;
    }

    /** POST /api/experiments/{id}/cancel: 202; running runs checkpoint and stop. */
    void cancelExperiment(Context ctx) {
        requireTemporal();
        String id = ctx.pathParam("id");
        actions.cancelExperiment(id);
        accepted(ctx, id, "cancelling");
    }

    /**
     * POST /api/runs/{id}/cancel: 202; a running run checkpoints and stops, a queued one is recorded
     * cancelled by its experiment's workflow (moments later) and never starts; its siblings go on.
     * 409 once it has ended.
     */
    void cancelRun(Context ctx) {
        requireTemporal();
        String id = ctx.pathParam("id");
        actions.cancelRun(id);
        accepted(ctx, id, "cancelling");
    }

    /**
     * POST /api/experiments/{id}/search-points?count=N: 202; the running search sweep proposes N more points
     * (recorded as an experiment event by its workflow). 409 for an experiment without sweep.search or ended.
     */
    void addSearchPoints(Context ctx) {
        requireTemporal();
        String id = ctx.pathParam("id");
        QueryParams q = new QueryParams(ctx);
        if (q.single("count") == null) {
            throw new ApiError(400, "invalid_parameter", "count: is required (how many points to add, 1-"
                    + ExperimentActions.MAX_SEARCH_RUNS + ")");
        }
        int count = q.integer("count", 0);
        if (count < 1 || count > ExperimentActions.MAX_SEARCH_RUNS) {
            throw new ApiError(400, "invalid_parameter", "count: expected 1-" + ExperimentActions.MAX_SEARCH_RUNS + ", got " + count);
        }
        actions.addSearchPoints(id, count);
        ObjectNode out = JSON.createObjectNode();
        out.put("id", id);
        out.put("status", "adding search points");
        out.put("added", count);
        ctx.status(202).contentType("application/json").result(out.toString());
    }

    /** POST /api/experiments/{id}/retry-failed: 202 with the runs started again. */
    void retryFailed(Context ctx) {
        requireTemporal();
        ExperimentActions.Retry r = actions.retryFailed(ctx.pathParam("id"));
        ObjectNode out = JSON.createObjectNode();
        out.put("id", r.experimentId());
        out.put("status", "retrying");
        r.runIds().forEach(out.putArray("runs")::add);
        ctx.status(202).contentType("application/json").result(out.toString());
    }

    /**
     * POST /api/experiments/{id}/continue with {@code {"steps": N, "runs": [ids]}} or
     * {@code {"steps": N, "top": K, "metric": "E_transfer"}}: 202 with the runs queued again; they train
     * on from their last checkpoints to N steps (while the experiment runs, in its next free slots; once it
     * has ended, its workflow starts again for them). 404 for an unknown experiment or run, 409 for a run
     * that cannot be continued (named, with why).
     */
    void continueRuns(Context ctx) {
        requireTemporal();
        JsonNode body = jsonBody(ctx);
        long steps = positive(body, "steps", Integer.MAX_VALUE);
        List<String> runs = null;
        if (body.has("runs")) {
            JsonNode r = body.get("runs");
            if (!r.isArray() || r.isEmpty()) {
                throw new ApiError(400, "invalid_parameter", "runs: expected a non-empty array of run ids");
            }
            runs = new java.util.ArrayList<>();
            for (JsonNode id : r) {
                if (!id.isTextual()) {
                    throw new ApiError(400, "invalid_parameter", "runs: expected run ids (strings), got " + id);
                }
                runs.add(id.asText());
            }
        }
        Integer top = body.has("top") ? (int) positive(body, "top", 100_000) : null;
        if ((runs == null) == (top == null)) {
            throw new ApiError(400, "invalid_parameter", "runs, top: give the runs to continue or the top K to continue, one of the two");
        }
        String metric = null;
        if (body.has("metric")) {
            if (top == null) {
                throw new ApiError(400, "invalid_parameter", "metric: ranks the runs for top; named runs need none");
            }
            metric = body.get("metric").asText();
            if (!FigureNames.NAMES.contains(metric)) {
                throw new ApiError(400, "invalid_parameter", "metric: expected one of " + FigureNames.NAMES + ", got " + body.get("metric"));
            }
        }
        for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("steps", "runs", "top", "metric").contains(f)) {
                throw new ApiError(400, "invalid_parameter", f + ": not a field of a continuation; expected steps, runs, top or metric");
            }
        }
        ExperimentActions.Continuation c = actions.continueRuns(ctx.pathParam("id"), steps, runs, top, metric);
        ObjectNode out = JSON.createObjectNode();
        out.put("id", c.experimentId());
        out.put("status", "continuing");
        out.put("steps", c.steps());
        c.runIds().forEach(out.putArray("runs")::add);
        ctx.status(202).contentType("application/json").result(out.toString());
    }

    /**
     * POST /api/experiments/{id}/max-parallel with {@code {"max_parallel": N}}: 202; from now on at most N
     * of its runs train at once (recorded as an event). 409 once it has ended.
     */
    void setMaxParallel(Context ctx) {
        requireTemporal();
        JsonNode body = jsonBody(ctx);
        for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("max_parallel")) {
                throw new ApiError(400, "invalid_parameter", f + ": not a field here; expected max_parallel");
            }
        }
        int n = (int) positive(body, "max_parallel", 10_000);
        String id = ctx.pathParam("id");
        actions.setMaxParallel(id, n, caller(ctx));
        ObjectNode out = JSON.createObjectNode();
        out.put("id", id);
        out.put("max_parallel", n);
        ctx.status(202).contentType("application/json").result(out.toString());
    }

    /** The body as a JSON object (Content-Type application/json, at most the body limit). */
    private static JsonNode jsonBody(Context ctx) {
        String type = baseType(ctx.contentType());
        if (!type.equals("application/json")) {
            throw new ApiError(415, "unsupported_media_type", "Content-Type " + (type.isEmpty() ? "is missing" : "'"
                    + type + "' is not accepted") + "; send a JSON object as application/json");
        }
        JsonNode body;
        try {
            body = JSON.readTree(utf8(readCapped(ctx)));
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "invalid_parameter", "request body: not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "invalid_parameter", "request body: expected a JSON object");
        }
        return body;
    }

    /** A required integer field from 1 to {@code max}. */
    private static long positive(JsonNode body, String field, long max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw new ApiError(400, "invalid_parameter", field + ": required");
        }
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > max) {
            throw new ApiError(400, "invalid_parameter", field + ": expected an integer from 1 to " + max + ", got " + v);
        }
        return v.asLong();
    }

    /** POST /api/experiments/{id}/rerun: 201 with the new experiment's id. */
    void rerun(Context ctx) {
        requireTemporal();
        String id = ctx.pathParam("id");
        ExperimentSubmitter.Submission s = actions.rerun(id, caller(ctx));
        ObjectNode out = JSON.createObjectNode();
        out.put("id", s.experimentId());
        out.put("rerun_of", id);
        out.put("definition_hash", s.definitionHash());
        out.put("runs", s.runCount());
        ctx.header("Location", "/api/experiments/" + s.experimentId());
        ctx.status(201).contentType("application/json").result(out.toString());
    }

    private void requireTemporal() {
        if (submitter == null) {
            throw new ApiError(503, "temporal_unavailable", "this API was started without Temporal; it only reads");
        }
    }

    private static void accepted(Context ctx, String id, String status) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", id);
        out.put("status", status);
        ctx.status(202).contentType("application/json").result(out.toString());
    }

    /** Who submitted: the name of the caller's token. */
    private static String caller(Context ctx) {
        String name = ctx.attribute(AccessGuard.TOKEN_NAME);
        return name == null ? "api" : "api:" + name;
    }

    static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The body, refusing it as soon as it passes the limit (a chunked body declares no length). */
    private static byte[] readCapped(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes((int) AccessGuard.MAX_BODY_BYTES + 1);
            if (body.length > AccessGuard.MAX_BODY_BYTES) {
                throw AccessGuard.tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new ApiError(400, "invalid_parameter", "request body could not be read: " + e.getMessage());
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiError(400, "invalid_definition", "request body: not UTF-8 text");
        }
    }
}
