package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.RunRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write side of the API end to end on real components (embedded PostgreSQL, the Temporal dev
 * server, a worker): submissions that succeed and that are refused, cancel, retry of failed runs,
 * rerun, and the progress stream.
 */
class ApiWriteTest {
    private static final Duration LONG = Duration.ofMinutes(4);

    @TempDir
    static Path dir;
    static ApiStackFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiStackFixture(dir);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** A tiny experiment: the tiny network on ~650 vertices. */
    static String definition(String name, String training) {
        return definition(name, training, "pool: all");
    }

    static String definition(String name, String training, String evaluationPool) {
        return """
                name: %s
                description: api test
                tags: [test]
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {%s}
                evaluation: {triplets: 10, seed: 1, %s}
                """.formatted(name, training, evaluationPool);
    }

    private static void awaitExperiment(String id, ExperimentStatus status) throws InterruptedException {
        try {
            ApiStackFixture.await("experiment " + id + " to be " + status, LONG, () -> {
                ExperimentStatus now = api.records.experiments().find(id).orElseThrow().status();
                if (now.isTerminal() && now != status) {
                    throw new AssertionError("experiment " + id + " ended " + now);
                }
                return now == status;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it is " + api.records.experiments().find(id).orElseThrow().status()
                    + ", its runs " + api.records.runs().listByExperiment(id).stream()
                    .map(r -> r.id() + " " + r.status() + " step " + r.lastStep() + " " + r.failureReason()).toList()
                    + ", events " + api.records.events().listByExperiment(id).stream()
                    .map(ev -> ev.status() + ": " + ev.reason()).toList(), e);
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String... detailParts)
            throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = ApiStackFixture.json(r);
        assertEquals(code, body.path("error").asText(), r.body());
        String details = body.path("details").toString();
        for (String part : detailParts) {
            assertTrue(details.contains(part), "'" + part + "' not in " + details);
        }
    }

    /** Reads the SSE stream of an experiment until its end event: (event name, data) pairs in order. */
    private static CompletableFuture<List<String[]>> follow(String experimentId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.url("/api/experiments/" + experimentId + "/events")))
                .header("Accept", "text/event-stream").build();
        return api.http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
            assertEquals(200, response.statusCode());
            List<String[]> events = new ArrayList<>();
            String[] name = {null};
            response.body().takeWhile(line -> events.isEmpty() || !events.get(events.size() - 1)[0].equals("end"))
                    .forEach(line -> {
                        if (line.startsWith("event:")) {
                            name[0] = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            events.add(new String[] {name[0], line.substring(5).trim()});
                        }
                    });
            return events;
        });
    }

    @Test
    void aTinyExperimentSubmittedOverHttpSucceedsAndItsProgressIsStreamed() throws Exception {
        String yaml = definition("api-tiny", "steps: 10, batch: 4, seed: 1, log_every: 5");
        HttpResponse<String> r = api.post("/api/experiments", "application/yaml; charset=utf-8", yaml);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode body = ApiStackFixture.json(r);
        String id = body.path("id").asText();
        assertTrue(id.startsWith("api-tiny-"), r.body());
        assertEquals(1, body.path("runs").asInt());
        assertFalse(body.path("already_submitted").asBoolean());
        assertEquals(64, body.path("definition_hash").asText().length(), r.body());
        assertEquals("/api/experiments/" + id, r.headers().firstValue("Location").orElseThrow());
        assertEquals("api:api-test", api.records.experiments().find(id).orElseThrow().submitter());

        List<String[]> events = follow(id).get(LONG.toSeconds(), TimeUnit.SECONDS);
        List<String> names = events.stream().map(e -> e[0]).collect(Collectors.toList());
        assertEquals("experiment", names.get(0), names.toString());
        assertEquals("end", names.get(names.size() - 1), names.toString());
        JsonNode end = ApiStackFixture.JSON.readTree(events.get(events.size() - 1)[1]);
        assertEquals("succeeded", end.path("status").asText());
        assertTrue(events.stream().anyMatch(e -> e[0].equals("run") && e[1].contains("\"status\":\"succeeded\"")),
                "the run's success is streamed: " + names);
        JsonNode last = ApiStackFixture.JSON.readTree(events.get(events.size() - 2)[1]);
        assertEquals(1, last.path("runs").path("succeeded").asInt(), last.toString());
        assertEquals(ExperimentStatus.SUCCEEDED, api.records.experiments().find(id).orElseThrow().status());

        // the same definition again, as JSON this time: nothing new runs
        JsonNode asJson = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
        HttpResponse<String> again = api.post("/api/experiments", "application/json", asJson.toString());
        assertEquals(201, again.statusCode(), again.body());
        JsonNode againBody = ApiStackFixture.json(again);
        assertTrue(againBody.path("already_submitted").asBoolean(), again.body());

        // a stream opened on an ended experiment says so and closes
        List<String[]> after = follow(id).get(30, TimeUnit.SECONDS);
        assertEquals("end", after.get(after.size() - 1)[0]);

        // rerun: the stored definition under new ids, counted
        HttpResponse<String> rerun = api.post("/api/experiments/" + id + "/rerun", "application/json", "");
        assertEquals(201, rerun.statusCode(), rerun.body());
        assertEquals(id + "-rerun-1", ApiStackFixture.json(rerun).path("id").asText());
        assertEquals(id, ApiStackFixture.json(rerun).path("rerun_of").asText());
        awaitExperiment(id + "-rerun-1", ExperimentStatus.SUCCEEDED);
        RunRow original = api.records.runs().find(id + "-r0000").orElseThrow();
        RunRow rerunRun = api.records.runs().find(id + "-rerun-1-r0000").orElseThrow();
        assertEquals(original.configHash(), rerunRun.configHash());
        assertEquals(original.seed(), rerunRun.seed());
        HttpResponse<String> second = api.post("/api/experiments/" + id + "/rerun", "application/json", "");
        assertEquals(id + "-rerun-2", ApiStackFixture.json(second).path("id").asText(), second.body());
        api.submitter.cancelExperiment(id + "-rerun-2");

        assertError(api.post("/api/experiments/" + id + "/retry-failed", "application/json", ""), 409, "conflict",
                "no failed runs");
        assertError(api.post("/api/experiments/" + id + "/cancel", "application/json", ""), 409, "conflict",
                "already ended (succeeded)");
        assertError(api.post("/api/runs/" + id + "-r0000/cancel", "application/json", ""), 409, "conflict",
                "already ended (succeeded)");
    }

    @Test
    void malformedYamlIs400WithWhereItBroke() throws Exception {
        assertError(api.post("/api/experiments", "application/yaml", "name: x\ntraining: {steps: 10\n  batch: [\n"),
                400, "invalid_definition", "line 3", "not valid YAML");
        assertError(api.post("/api/experiments", "text/plain", "   \n"), 400, "invalid_definition", "empty");
    }

    @Test
    void wrongTypesAndUnknownKeysAre400WithEveryPath() throws Exception {
        String yaml = definition("api-bad", "steps: ten, batch: 4, seed: 1, log_evry: 5");
        HttpResponse<String> r = api.post("/api/experiments", "application/yaml", yaml);
        assertError(r, 400, "invalid_definition", "training.steps", "training.log_evry", "log_every");
        assertTrue(api.records.experiments().listRecent(1000).stream().noneMatch(e -> e.name().equals("api-bad")),
                "nothing is stored for an invalid definition");
    }

    @Test
    void absurdDefinitionsAre400FromTheValidator() throws Exception {
        String thousand = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String billion = definition("api-billion", "steps: 10, batch: 4, seed: 1, log_every: 5")
                + "sweep:\n  grid:\n    training: {seed: [" + thousand + "], steps: [" + thousand + "]}\n"
                + "    loss: {lambda_srec: [" + IntStream.rangeClosed(1, 1000).mapToObj(i -> "0." + i)
                .collect(Collectors.joining(", ")) + "]}\n";
        assertError(api.post("/api/experiments", "application/yaml", billion), 400, "invalid_definition", "sweep");
        assertError(api.post("/api/experiments", "application/yaml",
                definition("api-batch", "steps: 10, batch: 1000000, seed: 1, log_every: 5")), 400, "invalid_definition",
                "training.batch");
    }

    @Test
    void bodiesOfTheWrongTypeOrTooLargeAreRefused() throws Exception {
        assertError(api.post("/api/experiments", "application/x-www-form-urlencoded", "name=x"), 415,
                "unsupported_media_type", "application/yaml");
        // a chunked body declares no length: the reader counts
        byte[] big = new byte[(int) AccessGuard.MAX_BODY_BYTES + 100];
        java.util.Arrays.fill(big, (byte) '#');
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(URI.create(api.url("/api/experiments")))
                .header("Authorization", "Bearer " + api.token).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertError(r, 413, "payload_too_large", "1048576");
    }

    @Test
    void cancellingAQueuedRunAndThenARunningExperimentOverHttpStopsThem() throws Exception {
        // max_parallel 1: r0001 waits behind r0000, which trains until cancelled
        HttpResponse<String> r = api.post("/api/experiments", "application/yaml",
                definition("api-cancel", "steps: 100000, batch: 4, seed: 1, log_every: 5, checkpoint_every_steps: 1000")
                        + "sweep: {grid: {training: {seed: [1, 2]}}, max_parallel: 1}\n");
        assertEquals(201, r.statusCode(), r.body());
        String id = ApiStackFixture.json(r).path("id").asText();
        String runId = id + "-r0000";
        String queued = id + "-r0001";
        ApiStackFixture.await("training to log", LONG, () -> api.records.curves().count(runId) >= 1);
        assertError(api.post("/api/experiments/" + id + "/retry-failed", "application/json", ""), 409, "conflict",
                "still running");
        assertEquals(RunStatus.QUEUED, api.records.runs().find(queued).orElseThrow().status());
        // max_parallel while it runs: a bad number is refused, a good one is recorded as an event
        String parallel = "/api/experiments/" + id + "/max-parallel";
        assertError(api.post(parallel, "application/json", "{\"max_parallel\": 0}"), 400, "invalid_parameter", "max_parallel");
        assertError(api.post(parallel, "application/json", "{\"max_parallel\": 1.5}"), 400, "invalid_parameter", "max_parallel");
        HttpResponse<String> one = api.post(parallel, "application/json", "{\"max_parallel\": 1}");
        assertEquals(202, one.statusCode(), one.body());
        assertTrue(api.records.events().listByExperiment(id).stream().anyMatch(e -> e.runId() == null
                && e.reason() != null && e.reason().startsWith("max_parallel set to 1 by api")), "recorded as an event");
        // continuing while it runs is asked of its workflow, but no run has ended yet
        assertError(api.post("/api/experiments/" + id + "/continue", "application/json", "{\"steps\": 20, \"top\": 1}"),
                409, "conflict", "has no run that can be continued");
        assertError(api.post("/api/experiments/" + id + "/continue", "application/json", "{\"steps\": 20, \"runs\": [\"" + runId + "\"]}"),
                409, "conflict", "has not ended (running)");
        HttpResponse<String> cancelQueued = api.post("/api/runs/" + queued + "/cancel", "application/json", "");
        assertEquals(202, cancelQueued.statusCode(), cancelQueued.body());
        assertEquals(queued, ApiStackFixture.json(cancelQueued).path("id").asText());
        ApiStackFixture.await("the queued run to be recorded cancelled", LONG, () ->
                api.records.runs().find(queued).orElseThrow().status() == RunStatus.CANCELLED);
        assertEquals(RunStatus.RUNNING, api.records.runs().find(runId).orElseThrow().status(), "its sibling goes on");
        assertEquals(0, api.records.runs().find(queued).orElseThrow().attempt(), "it never started");
        assertError(api.post("/api/runs/" + queued + "/cancel", "application/json", ""), 409, "conflict",
                "already ended (cancelled)");
        // points are added to search sweeps only; the count is required and checked first
        assertError(api.post("/api/experiments/" + id + "/search-points?count=2", "application/json", ""), 409, "conflict",
                "has no sweep.search");
        assertError(api.post("/api/experiments/" + id + "/search-points", "application/json", ""), 400, "invalid_parameter",
                "count: is required");
        assertError(api.post("/api/experiments/" + id + "/search-points?count=0", "application/json", ""), 400, "invalid_parameter",
                "count: expected 1-100000");
        assertError(api.post("/api/experiments/no-such/search-points?count=1", "application/json", ""), 404, "not_found", "'no-such'");
        HttpResponse<String> cancel = api.post("/api/experiments/" + id + "/cancel", "application/json", "");
        assertEquals(202, cancel.statusCode(), cancel.body());
        awaitExperiment(id, ExperimentStatus.CANCELLED);
        assertEquals(RunStatus.CANCELLED, api.records.runs().find(runId).orElseThrow().status());
        assertEquals(0, api.records.runs().find(queued).orElseThrow().attempt(), "it never started");
        assertError(api.post("/api/experiments/" + id + "/cancel", "application/json", ""), 409, "conflict",
                "already ended (cancelled)");
        assertError(api.post("/api/experiments/no-such/cancel", "application/json", ""), 404, "not_found", "'no-such'");
        assertError(api.post("/api/runs/no-such-r0000/cancel", "application/json", ""), 404, "not_found", "'no-such-r0000'");
        assertError(api.post("/api/experiments/no-such/retry-failed", "application/json", ""), 404, "not_found");
        assertError(api.post("/api/experiments/no-such/rerun", "application/json", ""), 404, "not_found");
        assertError(api.post("/api/experiments/" + id + "/max-parallel", "application/json", "{\"max_parallel\": 2}"), 409,
                "conflict", "already ended");
    }

    @Test
    void retryingFailedRunsRunsOnlyThemAgainAndTheExperimentCountsEveryRun() throws Exception {
        String yaml = definition("api-retry", "steps: 10, batch: 4, log_every: 5")
                + "sweep: {grid: {training: {seed: [1, 2]}}, max_parallel: 1}\n";
        HttpResponse<String> r = api.post("/api/experiments", "application/yaml", yaml);
        assertEquals(201, r.statusCode(), r.body());
        String id = ApiStackFixture.json(r).path("id").asText();
        awaitExperiment(id, ExperimentStatus.SUCCEEDED);
        // a run failed for a reason that has gone away (a worker's disk filled up, say): recorded as failed
        String failedId = id + "-r0001";
        RunRow kept = api.records.runs().find(id + "-r0000").orElseThrow();
        RunRow failed = api.records.runs().find(failedId).orElseThrow();
        api.records.runs().setStatus(failedId, RunStatus.FAILED, "disk full", failed.attempt());
        api.records.experiments().setStatus(id, ExperimentStatus.FAILED, "1 succeeded, 1 failed of 2 runs");
        String firstExecution = executionOf(failedId);
        String keptExecution = executionOf(kept.id());
        api.api.awaitRecordChanges();
        assertEquals("failed", ApiStackFixture.json(api.get("/api/runs/" + failedId)).path("status").asText());
        assertEquals("hit", api.get("/api/runs/" + failedId).headers().firstValue("X-Cache").orElseThrow());

        HttpResponse<String> retry = api.post("/api/experiments/" + id + "/retry-failed", "application/json", "");
        assertEquals(202, retry.statusCode(), retry.body());
        assertEquals(List.of(failedId),
                List.of(ApiStackFixture.JSON.convertValue(ApiStackFixture.json(retry).path("runs"), String[].class)));
        assertError(api.post("/api/experiments/" + id + "/retry-failed", "application/json", ""), 409, "conflict");
        api.submitter.awaitExperiment(id);
        assertEquals(ExperimentStatus.SUCCEEDED, api.records.experiments().find(id).orElseThrow().status(),
                "the kept run and the retried one both succeeded");
        RunRow retried = api.records.runs().find(failedId).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, retried.status());
        // the worker's writes reached the API's kept answer of the run by notification, without waiting here
        assertEquals("succeeded", ApiStackFixture.json(api.get("/api/runs/" + failedId)).path("status").asText());
        assertEquals(null, retried.failureReason());
        assertNotEquals(firstExecution, executionOf(failedId), "the retried run ran in a new workflow execution");
        assertEquals(keptExecution, executionOf(kept.id()), "the succeeded run was not run again");
        assertTrue(api.records.events().listByRun(failedId).stream().anyMatch(e -> "queued".equals(e.status().dbName())
                && "retry of failed runs requested".equals(e.reason())), api.records.events().listByRun(failedId).toString());

        // continuing: bad requests name their field; a budget already reached names the run
        String cont = "/api/experiments/" + id + "/continue";
        assertError(api.post(cont, "application/yaml", "steps: 20"), 415, "unsupported_media_type", "application/json");
        assertError(api.post(cont, "application/json", "[1]"), 400, "invalid_parameter", "JSON object");
        assertError(api.post(cont, "application/json", "{\"top\": 1}"), 400, "invalid_parameter", "steps: required");
        assertError(api.post(cont, "application/json", "{\"steps\": 20}"), 400, "invalid_parameter", "runs, top");
        assertError(api.post(cont, "application/json", "{\"steps\": 20, \"top\": 1, \"metric\": \"E_foo\"}"), 400,
                "invalid_parameter", "metric", "E_transfer");
        assertError(api.post(cont, "application/json", "{\"steps\": 20, \"top\": 1, \"budget\": 3}"), 400,
                "invalid_parameter", "budget");
        assertError(api.post(cont, "application/json", "{\"steps\": 10, \"runs\": [\"" + failedId + "\"]}"), 409,
                "conflict", failedId, "trained 10 steps");
        assertError(api.post(cont, "application/json", "{\"steps\": 20, \"runs\": [\"nope\"]}"), 404, "not_found", "'nope'");
        assertError(api.post("/api/experiments/no-such/continue", "application/json", "{\"steps\": 20, \"top\": 1}"),
                404, "not_found");
        // the better run by its E_transfer, to 20 steps
        HttpResponse<String> continued = api.post(cont, "application/json", "{\"steps\": 20, \"top\": 1, \"metric\": \"E_transfer\"}");
        assertEquals(202, continued.statusCode(), continued.body());
        JsonNode c = ApiStackFixture.json(continued);
        assertEquals(20, c.path("steps").asInt());
        assertEquals(1, c.path("runs").size(), continued.body());
        String best = c.path("runs").get(0).asText();
        api.submitter.awaitExperiment(id);
        RunRow longer = api.records.runs().find(best).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, longer.status());
        assertEquals(20L, longer.lastStep());
        assertEquals(ExperimentStatus.SUCCEEDED, api.records.experiments().find(id).orElseThrow().status());
    }

    /** The Temporal run id of the run's latest workflow execution. */
    private static String executionOf(String runId) {
        return api.client.client().newUntypedWorkflowStub("run-" + runId).describe().getExecution().getRunId();
    }
}
