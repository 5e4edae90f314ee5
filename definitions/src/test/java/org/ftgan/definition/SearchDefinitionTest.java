package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchDefinitionTest {
    private static final String BASE = """
            name: quick
            dataset:
              kind: synthetic
              synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
            model: {preset: tiny}
            topology: {factors: [4, 4]}
            training: {steps: 100, batch: 4, seed: 1}
            evaluation: {every_steps: 10}
            sweep:
            """;

    private static ValidationReport validate(String sweep) {
        return new DefinitionValidator().validate(BASE + sweep, "test.yaml", Map.of());
    }

    @Test
    void aTpeSearchIsReadWithItsDefaultsAndCountsItsPoints() {
        ValidationReport r = validate("""
                  search:
                    method: tpe
                    n: 6
                    seed: 3
                    space: {training: {lr: {log_uniform: [1.0e-5, 1.0e-2]}}, model: {content_dim: {choice: [4, 8]}}}
                """);
        assertEquals(List.of(), r.lines());
        Search s = r.definition().sweep().search();
        assertEquals(Search.TPE, s.method());
        assertEquals(6, s.n());
        assertEquals(3, s.seed());
        assertEquals("E_transfer", s.metric());
        assertEquals("e_transfer", s.metricKey());
        assertEquals("min", s.mode());
        assertEquals(Search.DEFAULT_STARTUP, s.startup());
        assertEquals(List.of("model.content_dim", "training.lr"), s.space().stream().map(Sweep.RandomAxis::path).toList());
        assertEquals(6, r.definition().sweep().size());
        assertEquals(0, r.definition().sweep().gridSize());
        // a proposed point is a run like any other, with its key and its values over the base
        ObjectNode values = CanonicalJson.MAPPER.createObjectNode();
        values.putObject("training").put("lr", 1.0e-4);
        RunSpec run = r.definition().sweep().searchRun(7, values);
        assertEquals("r0007", run.key());
        assertEquals(1.0e-4, run.config().path("training").path("lr").asDouble());
        assertEquals(100, run.config().path("training").path("steps").asInt());
        assertEquals(values, run.overrides());
    }

    @Test
    void theMetricAndModeDefaultToEarlyStoppingsAndCanBeGiven() {
        ValidationReport stopping = validate("""
                  search: {method: random, n: 2, seed: 1, space: {loss: {lambda_srec: {uniform: [0.1, 1.0]}}}}
                  early_stopping: {method: median, metric: E_rec, mode: max, min_steps: 10}
                """);
        assertEquals(List.of(), stopping.lines());
        assertEquals("E_rec", stopping.definition().sweep().search().metric());
        assertEquals("max", stopping.definition().sweep().search().mode());
        ValidationReport given = validate("""
                  search: {method: tpe, n: 2, seed: 1, metric: E_neu, n_startup: 1, space: {loss: {lambda_srec: {uniform: [0.1, 1.0]}}}}
                  early_stopping: {method: median, metric: E_rec, mode: max, min_steps: 10}
                """);
        assertEquals(List.of(), given.lines());
        assertEquals("E_neu", given.definition().sweep().search().metric());
        assertEquals("min", given.definition().sweep().search().mode());
        assertEquals(1, given.definition().sweep().search().startup());
    }

    @Test
    void methodRandomProposesTheRandomSweepsPoints() {
        String space = "space: {training: {lr: {log_uniform: [1.0e-5, 1.0e-2]}}, model: {content_dim: {int_uniform: [2, 8]}}}";
        Sweep search = validate("  search: {method: random, n: 5, seed: 9, " + space + "}\n").definition().sweep();
        Sweep random = validate("  random: {n: 5, seed: 9, " + space + "}\n").definition().sweep();
        for (int j = 0; j < 5; j++) {
            assertEquals(random.run(j).overrides(), search.run(j).overrides());
            assertEquals(random.run(j).overrides(), Tpe.propose(search.search(), j, List.of()));
        }
    }

    @Test
    void everyProblemIsNamedAtItsPath() {
        ValidationReport r = validate("""
                  grid: {training: {seed: [1, 2]}}
                  search:
                    method: bayes
                    seed: x
                    metric: E_foo
                    mode: best
                    n_start: 3
                    space: {training: {lr: {log_uniform: [0, 1.0e-2]}, batch: {uniform: [1, 8]}}}
                """);
        List<String> lines = r.lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search.method:") && l.contains("tpe")), lines.toString());
        assertTrue(lines.contains("sweep.search.n: is required"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search.seed:")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search.metric:") && l.contains("E_transfer")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search.mode:")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search.n_start:") && l.contains("n_startup")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search.space.training.lr.log_uniform[0]:")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search.space.training.batch.uniform:")
                && l.contains("int_uniform")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search: a search proposes every run")
                && l.contains("sweep.grid")), lines.toString());
        assertNull(r.definition());
    }

    @Test
    void startupIsTpesAndASearchNeedsASpace() {
        List<String> lines = validate("  search: {method: random, n: 3, seed: 1, n_startup: 2, space: {}}\n").lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep.search.n_startup: only method tpe")), lines.toString());
        assertTrue(lines.contains("sweep.search.space: names no key: a search needs at least one key to choose"), lines.toString());
        List<String> missing = validate("  search: {method: tpe, n: 0, seed: 1}\n").lines();
        assertTrue(missing.stream().anyMatch(l -> l.startsWith("sweep.search.space: is required")), missing.toString());
        assertTrue(missing.stream().anyMatch(l -> l.startsWith("sweep.search.n:")), missing.toString());
    }

    @Test
    void aRunConfigThatCannotWorkIsRefusedThroughTheDrawnPoints() {
        // the base has no training.steps problem, but a drawn batch beyond the dataset is fine; early stopping's
        // needs are checked on the search's runs like on any other
        List<String> lines = new DefinitionValidator().validate(BASE.replace("evaluation: {every_steps: 10}", "evaluation: {every_steps: 0}")
                + "  search: {method: tpe, n: 2, seed: 1, space: {loss: {lambda_srec: {uniform: [0.1, 1.0]}}}}\n"
                + "  early_stopping: {method: asha, metric: E_rec, min_steps: 10}\n", "test.yaml", Map.of()).lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("sweep.early_stopping: early stopping judges")), lines.toString());
    }
}
