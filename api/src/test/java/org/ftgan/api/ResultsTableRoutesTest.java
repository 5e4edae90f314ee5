package org.ftgan.api;

import static org.ftgan.api.ArtifactRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.names.RunStatus;
import org.ftgan.records.ResultRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableRoutesTest {
    static final int LARGE = 10_000;

    @TempDir
    static Path dir;
    static ApiFixture api;
    static List<String> small;

    @BeforeAll
    static void seed() throws Exception {
        api = new ApiFixture(dir);
        api.experiment("small", "small", List.of(), ApiFixture.JSON.createObjectNode());
        small = api.runs("small", List.of(ApiFixture.config(0.2, 4, "coma"), ApiFixture.config(0.8, 4, "coma"),
                ApiFixture.config(1.6, 4, "coma")));
        // run 0: every figure with its baseline; run 1: e_transfer only, and a per-expression row that must not show; run 2: none
        api.records.results().replaceAll(small.get(0), List.of(
                new ResultRow("e_rec", "facetunegan", "", 0.5, 0.1, 0.5, 10),
                new ResultRow("e_transfer", "facetunegan", "", 2.0, 0.1, 2.0, 10),
                new ResultRow("e_transfer", "blendshape", "", 3.0, 0.1, 3.0, 10)));
        api.records.results().replaceAll(small.get(1), List.of(
                new ResultRow("e_transfer", "facetunegan", "", 1.5, 0.1, 1.5, 10),
                new ResultRow("e_transfer", "facetunegan", "smile", 9.0, 0.1, 9.0, 10)));
        api.records.runs().setStatus(small.get(0), RunStatus.SUCCEEDED, null, 1);
        api.records.runs().updateProgress(small.get(1), 40, 100L, null);

        api.experiment("empty", "empty", List.of(), ApiFixture.JSON.createObjectNode());

        api.experiment("large", "large", List.of(), ApiFixture.JSON.createObjectNode());
        List<ObjectNode> configs = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            configs.add(ApiFixture.config(0.1 * (i % 10), 4, "coma"));
        }
        List<String> large = api.runs("large", configs);
        for (int i = 0; i < LARGE; i += 7) {
            api.records.results().replaceAll(large.get(i), List.of(new ResultRow("e_transfer", "facetunegan", "", i, 0, i, 1)));
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyRunWithItsFlatOverridesAndOverallFigures() throws Exception {
        JsonNode t = api.json("/api/experiments/small/results-table");
        assertEquals("small", t.get("experiment_id").asText());
        assertEquals(List.of("loss.gamma_r1", "loss.lambda_srec"), strings(t.get("config_keys")));
        assertEquals(List.of("e_rec", "e_transfer", "e_transfer_blendshape"), strings(t.get("metrics")));
        JsonNode runs = t.get("runs");
        assertEquals(3, runs.size());
        List<String> ids = new ArrayList<>();
        runs.forEach(r -> ids.add(r.get("id").asText()));
        assertEquals(small, ids);

        JsonNode r0 = runs.get(0);
        assertEquals("r0000", r0.get("run_key").asText());
        assertEquals("succeeded", r0.get("status").asText());
        assertEquals(0.2, r0.get("overrides").get("loss.lambda_srec").asDouble());
        assertEquals(0.5, r0.get("metrics").get("e_rec").asDouble());
        assertEquals(2.0, r0.get("metrics").get("e_transfer").asDouble());
        assertEquals(3.0, r0.get("metrics").get("e_transfer_blendshape").asDouble());
        assertFalse(r0.get("finished_at").isNull());

        JsonNode r1 = runs.get(1);
        assertEquals(1, r1.get("metrics").size(), "only the overall figure, not the per-expression one: " + r1);
        assertEquals(1.5, r1.get("metrics").get("e_transfer").asDouble());
        assertEquals(40, r1.get("last_step").asLong());
        assertEquals(100, r1.get("total_steps").asLong());

        JsonNode r2 = runs.get(2);
        assertEquals(0, r2.get("metrics").size());
        assertEquals("queued", r2.get("status").asText());
        assertTrue(r2.get("started_at").isNull() && r2.get("last_step").isNull());
    }

    @Test
    void experimentWithoutRunsIsAnEmptyTable() throws Exception {
        JsonNode t = api.json("/api/experiments/empty/results-table");
        assertEquals(0, t.get("runs").size());
        assertEquals(0, t.get("config_keys").size());
        assertEquals(0, t.get("metrics").size());
    }

    @Test
    void unknownExperimentIsNotFound() throws Exception {
        assertError(api.get("/api/experiments/nope/results-table"), 404, "not_found");
    }

    @Test
    void tenThousandRunsInOneAnswer() throws Exception {
        JsonNode runs = api.json("/api/experiments/large/results-table").get("runs");
        assertEquals(LARGE, runs.size());
        int withFigure = 0;
        for (int i = 0; i < LARGE; i++) {
            JsonNode r = runs.get(i);
            assertEquals(String.format("r%04d", i), r.get("run_key").asText());
            if (r.get("metrics").has("e_transfer")) {
                withFigure++;
                assertEquals(i, r.get("metrics").get("e_transfer").asDouble(), 0.0);
            }
        }
        assertEquals((LARGE + 6) / 7, withFigure);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
