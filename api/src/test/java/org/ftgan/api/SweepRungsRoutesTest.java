package org.ftgan.api;

import static org.ftgan.api.ArtifactRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/experiments/{id}/rungs on a real PostgreSQL, over a sweep whose decisions the workflow's own book made. */
class SweepRungsRoutesTest {
    @TempDir
    static Path dir;
    static ApiFixture api;
    static EarlyStoppedExperimentSeed.Seeded seeded;

    @BeforeAll
    static void seed() throws Exception {
        api = new ApiFixture(dir);
        seeded = EarlyStoppedExperimentSeed.seed(api.records, "asha-e1");
        api.experiment("plain", "plain", List.of(), ApiFixture.JSON.createObjectNode());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void rungsNameEveryStopWithItsFigureAndCutoffAndTheRunsThatWentOn() throws Exception {
        // the book's decisions on this arrival order: six stop at rung 20, one (run 1) at 60; runs 4 and 0 go on
        assertEquals(Map.of(seeded.run(7), 20L, seeded.run(2), 20L, seeded.run(8), 20L, seeded.run(5), 20L, seeded.run(3), 20L,
                seeded.run(6), 20L, seeded.run(1), 60L), seeded.stoppedAt());

        JsonNode a = api.json("/api/experiments/asha-e1/rungs");
        assertEquals("asha", a.at("/early_stopping/method").asText());
        assertEquals(3, a.at("/early_stopping/reduction_factor").asInt());
        assertTrue(a.at("/early_stopping/max_steps").isNull());
        assertEquals("E_transfer", a.get("metric").asText());
        assertEquals("[{\"step\":20,\"reached\":9,\"stopped\":6,\"continued\":3},{\"step\":60,\"reached\":3,\"stopped\":1,\"continued\":2}]",
                a.get("rungs").toString());

        JsonNode runs = a.get("runs");
        assertEquals(EarlyStoppedExperimentSeed.RUNS, runs.size());
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            assertEquals(seeded.run(i), run.get("id").asText(), "sweep order");
            Long at = seeded.stoppedAt().get(run.get("id").asText());
            if (at == null) {
                assertEquals("succeeded", run.get("status").asText());
                assertTrue(run.get("stopped").isNull());
                assertEquals(List.of(20L, 60L), steps(run.get("rungs")));
                continue;
            }
            assertEquals("stopped_early", run.get("status").asText());
            JsonNode stop = run.get("stopped");
            assertEquals(at.longValue(), stop.get("step").asLong());
            assertEquals(EarlyStoppedExperimentSeed.transfer(i, at), stop.get("value").asDouble(), "the figure it was judged on");
            assertTrue(stop.get("cutoff").asDouble() < stop.get("value").asDouble(), "it lost against the cut-off: " + stop);
            assertTrue(stop.get("reason").asText().startsWith("stopped early by the sweep at rung " + at + ": E_transfer "), stop.toString());
            JsonNode last = run.get("rungs").get(run.get("rungs").size() - 1);
            assertEquals(at.longValue(), last.get("step").asLong());
            assertTrue(last.get("stopped").asBoolean());
        }
        // run 1 lost at 60 to run 0, the best of the three there (the cut-off is run 0's figure, as the reason writes it)
        assertEquals(EarlyStoppedExperimentSeed.transfer(0, 60), runs.get(1).at("/stopped/cutoff").asDouble(), 1e-3);

        // budget 9 x 160; trained: six stopped at 30, one at 70, two the whole 160
        JsonNode steps = a.get("steps");
        assertEquals(9 * 160, steps.get("budget").asLong());
        assertEquals(6 * 30 + 70 + 2 * 160, steps.get("trained").asLong());
        assertEquals(6 * 130 + 90, steps.get("saved_by_stopping").asLong());
        assertEquals(0, steps.get("remaining").asLong());
        assertEquals(7, steps.get("runs_stopped").asInt());

        // the best figure so far: run 4 first, then run 0 from its first evaluation on, down to its last
        JsonNode best = a.get("best_so_far");
        assertEquals(seeded.run(4), best.get(0).get("run_id").asText());
        JsonNode end = best.get(best.size() - 1);
        assertEquals(seeded.run(0), end.get("run_id").asText());
        assertEquals(EarlyStoppedExperimentSeed.transfer(0, 160), end.get("value").asDouble());
        for (int i = 1; i < best.size(); i++) {
            assertTrue(best.get(i).get("value").asDouble() <= best.get(i - 1).get("value").asDouble(), best.toString());
            assertTrue(best.get(i).get("steps_spent").asLong() >= best.get(i - 1).get("steps_spent").asLong(), best.toString());
            assertTrue(best.get(i).get("elapsed_s").asDouble() >= best.get(i - 1).get("elapsed_s").asDouble(), best.toString());
        }
        // the steps evaluated, summed over runs: six to 20, one to 60, two to 160
        assertEquals(6 * 20 + 60 + 2 * 160, end.get("steps_spent").asLong());
    }

    @Test
    void anExperimentWithoutEarlyStoppingHasNoRulesAndUnknownOnesAreNotFound() throws Exception {
        JsonNode a = api.json("/api/experiments/plain/rungs");
        assertTrue(a.get("early_stopping").isNull());
        assertEquals(0, a.get("rungs").size());
        assertEquals(0, a.get("best_so_far").size());
        assertError(api.get("/api/experiments/nope/rungs"), 404, "not_found");
        // kept until the experiment's records change
        api.get("/api/experiments/asha-e1/rungs");
        HttpResponse<String> again = api.get("/api/experiments/asha-e1/rungs");
        assertEquals(200, again.statusCode());
        assertEquals("hit", again.headers().firstValue("X-Cache").orElse(""));
    }

    private static List<Long> steps(JsonNode cells) {
        List<Long> out = new ArrayList<>();
        cells.forEach(c -> out.add(c.get("step").asLong()));
        return out;
    }
}
