package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingDefinitionTest {
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
              grid: {training: {lr: [1.0e-3, 1.0e-9]}}
            """;

    private static ValidationReport validate(String yaml) {
        return new DefinitionValidator().validate(yaml, "test.yaml", Map.of());
    }

    private static String with(String earlyStopping) {
        return BASE + "  early_stopping: " + earlyStopping + "\n";
    }

    @Test
    void ashaIsReadWithItsDefaultsAndItsRungs() {
        ValidationReport r = validate(with("{method: asha, metric: E_transfer, min_steps: 10, max_steps: 100}"));
        assertEquals(List.of(), r.lines());
        EarlyStopping es = r.definition().earlyStopping();
        assertEquals(new EarlyStopping("asha", "E_transfer", "min", 10, 3, 100), es);
        assertEquals("e_transfer", es.metricKey());
        assertEquals(List.of(10L, 30L, 90L), es.rungs());
        assertTrue(es.judges(10) && es.judges(30) && es.judges(90));
        assertFalse(es.judges(20) || es.judges(40) || es.judges(270) || es.judges(5));
    }

    @Test
    void withoutMaxStepsTheRungsGoOnToTheLargestStepCount() {
        EarlyStopping es = new EarlyStopping("asha", "E_transfer", "min", 10, 3, Long.MAX_VALUE);
        List<Long> rungs = es.rungs();
        assertEquals(List.of(10L, 30L, 90L), rungs.subList(0, 3));
        // 10 x 3^k up to the last below Long.MAX_VALUE, no overflow
        assertEquals(38, rungs.size());
        assertTrue(rungs.get(rungs.size() - 1) > Long.MAX_VALUE / 3);
    }

    @Test
    void medianJudgesEveryEvaluationFromMinStepsOn() {
        ValidationReport r = validate(with("{method: median, metric: E_rec, min_steps: 20}"));
        assertEquals(List.of(), r.lines());
        EarlyStopping es = r.definition().earlyStopping();
        assertTrue(es.judges(20) && es.judges(30) && es.judges(1_000_000));
        assertFalse(es.judges(10));
    }

    @Test
    void aDefinitionWithoutItHasNoneAndHashesAsBefore() {
        ExperimentDefinition plain = validate(BASE).definition();
        assertNull(plain.earlyStopping());
        ExperimentDefinition stopping = validate(with("{method: asha, metric: E_rec, min_steps: 10}")).definition();
        assertNotEquals(plain.hash(), stopping.hash());
        // the same text twice: the same hash, which covers only what was written
        assertEquals(plain.hash(), validate(BASE).definition().hash());
    }

    @Test
    void everyMistakeIsNamedAtItsKey() {
        assertEquals(List.of("sweep.early_stopping.metric: expected one of E_id_decomp, E_neu, E_rec, E_transfer, got \"E_foo\""),
                validate(with("{method: asha, metric: E_foo, min_steps: 10}")).lines());
        assertEquals(List.of("sweep.early_stopping.method: expected one of asha, median, got \"hyperband\""),
                validate(with("{method: hyperband, metric: E_rec, min_steps: 10}")).lines());
        assertEquals(List.of("sweep.early_stopping.min_steps: is required"),
                validate(with("{method: asha, metric: E_rec}")).lines());
        assertEquals(List.of("sweep.early_stopping.reduction_factor: expected an integer between 2 and 100, got 1"),
                validate(with("{method: asha, metric: E_rec, min_steps: 10, reduction_factor: 1}")).lines());
        assertEquals(List.of("sweep.early_stopping.reduction_factor: only method asha has rungs to space; remove it for median"),
                validate(with("{method: median, metric: E_rec, min_steps: 10, reduction_factor: 2}")).lines());
        assertEquals(List.of("sweep.early_stopping.max_steps: expected more than min_steps (10), got 10"),
                validate(with("{method: asha, metric: E_rec, min_steps: 10, max_steps: 10}")).lines());
        assertEquals(List.of("sweep.early_stopping.mode: expected one of max, min, got \"lowest\""),
                validate(with("{method: asha, metric: E_rec, min_steps: 10, mode: lowest}")).lines());
        List<String> unknown = validate(with("{method: asha, metric: E_rec, min_step: 10}")).lines();
        assertTrue(unknown.stream().anyMatch(l -> l.contains("sweep.early_stopping.min_step") && l.contains("min_steps")), unknown.toString());
    }

    @Test
    void itNeedsEvaluationDuringTrainingOnTheRungs() {
        List<String> off = validate(with("{method: asha, metric: E_rec, min_steps: 10}").replace("every_steps: 10", "every_steps: 0")).lines();
        assertEquals(1, off.size(), off.toString());
        assertTrue(off.get(0).startsWith("sweep.early_stopping: early stopping judges the figures of the evaluation during"
                + " training, which is off (evaluation.every_steps is 0)"), off.toString());
        List<String> offRung = validate(with("{method: asha, metric: E_rec, min_steps: 15}")).lines();
        assertEquals(1, offRung.size(), offRung.toString());
        assertTrue(offRung.get(0).startsWith("sweep.early_stopping.min_steps: 15 is not a multiple of evaluation.every_steps (10)"),
                offRung.toString());
    }
}
