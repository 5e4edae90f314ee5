package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ftgan.data.DatasetKind;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {
    static final String VALID = """
            name: quick
            dataset:
              kind: synthetic
              synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
            model: {preset: tiny}
            topology: {factors: [4, 4]}
            training: {steps: 100, batch: 4, seed: 1}
            """;

    private static List<String> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    private static List<String> problems(String yaml, Map<String, String> env) {
        ValidationReport r = new DefinitionValidator().validate(yaml, "test.yaml", env);
        assertEquals(r.problems().isEmpty(), r.ok());
        return r.lines();
    }

    @Test
    void aMinimalDefinitionIsOneRunOfItsBaseConfig() {
        ValidationReport r = new DefinitionValidator().validate(VALID, "test.yaml", Map.of());
        assertEquals(List.of(), r.lines());
        ExperimentDefinition d = r.definition();
        assertEquals("quick", d.name());
        assertEquals(1, d.sweep().size());
        assertEquals(1, d.maxParallel());
        assertEquals(DatasetKind.SYNTHETIC, d.dataset().kind());
        assertEquals(652, d.dataset().synth().vertices());
        assertEquals(0, d.dataset().splitSeed());
        assertNull(d.dataset().root());
        assertEquals("", d.description());
    }

    @Test
    void wrongTypesAndNegativeNumbersAreAllListed() {
        List<String> p = problems(VALID.replace("training: {steps: 100, batch: 4, seed: 1}",
                "training: {steps: -5, batch: many, seed: 1, lr: 0}\nloss: {lambda_adv: -1, lambda_feat: \"x\"}\nevaluation: {triplets: 2.5}"));
        assertEquals(List.of(
                "loss.lambda_adv: expected a number >= 0 and <= 1000000, got -1",
                "loss.lambda_feat: expected a number >= 0 and <= 1000000, got \"x\"",
                "training.steps: expected an integer between 1 and 100000000, got -5",
                "training.batch: expected an integer between 1 and 4096, got \"many\"",
                "training.lr: expected a number > 0 and <= 1, got 0",
                "evaluation.triplets: expected an integer between 1 and 1000000, got 2.5"), p);
    }

    @Test
    void unknownKeysSuggestTheClosestKnownKey() {
        List<String> p = problems(VALID.replace("model: {preset: tiny}", "model: {preset: tiny, content_dims: 4}\nloss: {lamda_srec: 1}\nsweeep: {}")
                .replace("  kind: synthetic", "  knd: synthetic\n  kind: synthetic"));
        assertEquals(List.of(
                "sweeep: unknown key, did you mean \"sweep\"?",
                "dataset.knd: unknown key, did you mean \"kind\"?",
                "model.content_dims: unknown key, did you mean \"content_dim\"?",
                "loss.lamda_srec: unknown key, did you mean \"lambda_srec\"?"), p);
    }

    @Test
    void aKeyFarFromAllKnownOnesListsThem() {
        assertEquals(List.of("evaluation.xyzzy: unknown key, expected one of every_steps, keep_best, peak_triplets, pool, seed, training_triplets, triplets"),
                problems(VALID + "evaluation: {xyzzy: 1}\n"));
    }

    @Test
    void sweepValuesAreCheckedWithTheBaseRule() {
        List<String> p = problems(VALID + """
                sweep:
                  grid:
                    loss: {lambda_srec: [0.5, 1.0, "x", -2], lambda_lap: 0.5}
                    training: {batch: [4, 5000, 4]}
                    trainig: {seed: [1]}
                  max_parallel: 1001
                """);
        assertEquals(List.of(
                "sweep.max_parallel: expected an integer between 1 and 1000, got 1001",
                "sweep.grid.loss.lambda_srec[2]: expected a number >= 0 and <= 1000000, got \"x\"",
                "sweep.grid.loss.lambda_srec[3]: expected a number >= 0 and <= 1000000, got -2",
                "sweep.grid.loss.lambda_lap: expected a non-empty list of values (one run per value), got 0.5",
                "sweep.grid.training.batch[1]: expected an integer between 1 and 4096, got 5000",
                "sweep.grid.training.batch[2]: repeats the value of sweep.grid.training.batch[0]",
                "sweep.grid.trainig: unknown key, did you mean \"training\"?"), p);
    }

    @Test
    void randomRangesAreCheckedWithTheBaseRule() {
        List<String> p = problems(VALID + """
                sweep:
                  random:
                    n: 3
                    space:
                      loss: {lambda_adv: {log_uniform: [0, 1]}, lambda_feat: {uniform: [2, 1]}, gamma_r1: {normal: [1, 2]}}
                      model: {content_dim: {uniform: [2, 8]}, style_dim: {choice: [4, 0]}, preset: {int_uniform: [1, 2]}}
                      training: {steps: {int_uniform: [10, 1.5e9]}}
                """);
        assertEquals(List.of(
                "sweep.random.seed: is required",
                "sweep.random.space.loss.lambda_adv.log_uniform[0]: log_uniform needs low > 0, got 0",
                "sweep.random.space.loss.lambda_feat.uniform: expected low < high, got 2 and 1",
                "sweep.random.space.loss.gamma_r1.normal: unknown distribution, expected one of choice, int_uniform, log_uniform, uniform",
                "sweep.random.space.model.content_dim.uniform: uniform draws fractions and this key takes integers; use int_uniform or choice",
                "sweep.random.space.model.style_dim.choice[1]: expected an integer between 1 and 4096, got 0",
                "sweep.random.space.model.preset.int_uniform: this key is not a number; draw it with choice",
                "sweep.random.space.training.steps.int_uniform[1]: expected an integer, got 1.5E9"), p);
    }

    @Test
    void anUnsetVariableIsNamedAndASetOneIsSubstituted() {
        String coma = VALID.replace("  kind: synthetic\n  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}",
                "  kind: coma\n  root: ${FTGAN_COMA_ROOT}/registered");
        assertEquals(List.of("dataset.root: environment variable FTGAN_COMA_ROOT is not set"), problems(coma));
        ExperimentDefinition d = new DefinitionValidator().validate(coma, "t", Map.of("FTGAN_COMA_ROOT", "/data/coma")).definition();
        assertEquals(Path.of("/data/coma/registered"), d.dataset().root());
        assertEquals(List.of("dataset.root: expected an absolute path (a definition has no directory to be relative to), got \"coma/registered\""),
                problems(coma, Map.of("FTGAN_COMA_ROOT", "coma")));
    }

    @Test
    void datasetKindsTakeTheirOwnSettings() {
        assertEquals(List.of("dataset.root: a synthetic dataset is generated from dataset.synth; it has no root"),
                problems(VALID.replace("  kind: synthetic", "  kind: synthetic\n  root: /x")));
        assertEquals(List.of("dataset.kind: expected one of coma, facescape, synthetic, got \"flame\""),
                problems(VALID.replace("  kind: synthetic", "  kind: flame")));
        assertEquals(List.of("dataset.synth: only a synthetic dataset has synth settings, this one is facescape",
                        "dataset.root: is required: the raw dataset directory, e.g. ${FTGAN_COMA_ROOT}"),
                problems(VALID.replace("  kind: synthetic", "  kind: facescape")));
        assertEquals(List.of("dataset: is required (kind: synthetic, coma or facescape)"),
                problems("name: x\ntraining: {steps: 1, seed: 1}\n"));
    }

    @Test
    void absurdSizesAreRefused() {
        assertEquals(List.of("dataset.synth: 1000 subjects x 12 expressions x 1000 frames x 5000 vertices is 60,000,000,000 vertex positions, "
                        + "more than the 1,000,000,000 allowed"),
                problems(VALID.replace("{subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}",
                        "{subjects: 1000, expressions: 12, vertices: 5000, frames: 1000}")));
        assertEquals(List.of("dataset.synth.expressions: expected an integer between 1 and 12, got 13",
                        "dataset.synth.vertices: expected an integer between 300 and 1000000, got 100"),
                problems(VALID.replace("expressions: 3, vertices: 652", "expressions: 13, vertices: 100")));
        assertEquals(List.of("training.steps: expected an integer between 1 and 100000000, got 100000001"),
                problems(VALID.replace("steps: 100", "steps: 100000001")));
    }

    @Test
    void aSweepOfMoreThanAHundredThousandRunsIsRefused() {
        String grid = VALID + """
                sweep:
                  grid:
                    training: {seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
                    loss: {lambda_adv: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], lambda_feat: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
                           lambda_lap: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], gamma_r1: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
                  random: {n: 1, seed: 1, space: {loss: {lambda_srec: {uniform: [0, 1]}}}}
                """;
        assertEquals(List.of("sweep: expands to 100,001 runs (grid 100,000 + random 1), more than the 100,000 allowed"), problems(grid));
        assertTrue(problems(grid.replace("  random: {n: 1, seed: 1, space: {loss: {lambda_srec: {uniform: [0, 1]}}}}\n", "")).isEmpty());
    }

    @Test
    void malformedYamlIsOneProblemWithLineAndColumn() {
        List<String> p = problems("name: x\ndataset:\n  kind: synthetic\n model: [1, 2\n");
        assertEquals(1, p.size(), p.toString());
        assertEquals("line 4, column 2: not valid YAML: while parsing a block mapping: expected <block end>, but found '<block mapping start>'", p.get(0));
        assertEquals(List.of("line 3, column 9: not valid YAML: while parsing a flow mapping: expected ',' or '}', but got :"),
                problems("name: x\ndataset: {kind: synthetic\ntraining: [\n"));
        List<String> dup = problems("name: x\nname: y\n");
        assertEquals(1, dup.size(), dup.toString());
        assertTrue(dup.get(0).startsWith("line 2, column ") && dup.get(0).contains("Duplicate field 'name'"), dup.get(0));
        assertEquals(List.of("(top level): the definition is empty"), problems(""));
        assertEquals(List.of("(top level): expected a mapping (name, dataset, model, ...), got a list of 2"), problems("[1, 2]"));
    }

    @Test
    void crossKeyProblemsComeFromRunConfigNamingTheRuns() {
        // both budgets set: only RunConfig knows the two keys exclude each other
        assertEquals(List.of("training: give exactly one positive budget, steps or epochs (got steps 100, epochs 3)"),
                problems(VALID.replace("steps: 100,", "steps: 100, epochs: 3,")));
        List<String> p = problems(VALID + "sweep:\n  grid:\n    topology: {factors: [[4, 4], [4, 4, 4]]}\n    training: {seed: [1, 2, 3, 4]}\n");
        assertEquals(List.of("topology.factors: has 3 entries, model.channels has 2 (one factor per down-sampling level)"
                + " (runs r0004, r0005, r0006 and 1 more)"), p);
        assertEquals(List.of("training.seed: is required"), problems(VALID.replace(", seed: 1}", "}")));
        // a swept seed need not be in the base
        assertTrue(problems(VALID.replace(", seed: 1}", "}") + "sweep: {grid: {training: {seed: [1, 2]}}}\n").isEmpty());
    }

    @Test
    void theWorkersKeysAndBadNamesAreRefused() {
        assertEquals(List.of("name: expected lower-case letters, digits and '-' (at most 63, not starting with '-'), got \"Quick Start\"",
                        "topology.cache_dir: is set by the worker, not by a definition"),
                problems(VALID.replace("name: quick", "name: Quick Start").replace("factors: [4, 4]", "factors: [4, 4], cache_dir: /tmp/c")));
        assertEquals(List.of("data: is set by the worker for each run, not by a definition", "tags[1]: expected a non-empty string, got 3"),
                problems(VALID + "data: /x\ntags: [a, 3]\n"));
    }

    @Test
    void publishedFiguresHaveARegularShape() {
        assertTrue(problems(VALID + """
                published:
                  table: 4
                  metric: E_transfer
                  unit: mm
                  rows:
                    - {method: FaceTuneGAN, expression: smile, mean: 1.23, ours: E_transfer}
                    - {method: blendshape transfer, expression: smile, mean: 2.11, ours: blendshape}
                """).isEmpty());
        assertEquals(List.of(
                "published.metrc: unknown key, did you mean \"metric\"?",
                "published.unit: expected one of mm, got \"cm\"",
                "published.metric: is required",
                "published.rows[0].mean: expected a number >= 0 and <= 1000000, got \"n/a\"",
                "published.rows[1].method: is required",
                "published.rows[2]: repeats the row of method \"A\"",
                "published.rows[3]: expected a mapping (method, mean, ...), got 7"), problems(VALID + """
                published:
                  table: 1
                  metrc: E_rec
                  unit: cm
                  rows: [{method: A, mean: n/a}, {mean: 1}, {method: A, mean: 2}, 7]
                """));
    }

    @Test
    void parseThrowsWithEveryProblem() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> ExperimentDefinition.parse(VALID.replace("batch: 4", "batch: 0").replace("name: quick", "nme: quick"), "bad.yaml", Map.of()));
        assertEquals("bad.yaml: nme: unknown key, did you mean \"name\"?\nbad.yaml: name: is required\n"
                + "bad.yaml: training.batch: expected an integer between 1 and 4096, got 0", e.getMessage());
        assertFalse(e.report().ok());
    }

    @Test
    void closestKeyIsTheSmallestEditDistance() {
        assertEquals(0, ClosestKey.distance("abc", "abc"));
        assertEquals(3, ClosestKey.distance("kitten", "sitting"));
        assertEquals("lambda_lap", ClosestKey.of("lambda_lp", List.of("lambda_adv", "lambda_lap", "gamma_r1")).orElseThrow());
    }

    @Test
    void synthPresetsAndExpressionSettingsAreCheckedAndResolved() {
        ExperimentDefinition d = new DefinitionValidator().validate(VALID.replace("frames: 9, seed: 1}", "preset: calibrated, seed: 1}"),
                "test.yaml", Map.of()).definition();
        assertEquals(81, d.dataset().synth().frames());
        assertEquals(12, d.dataset().synth().peakHoldFrames());
        assertEquals(2.8, d.dataset().synth().identityDependence());
        ExperimentDefinition o = new DefinitionValidator().validate(VALID.replace("frames: 9, seed: 1}",
                "preset: calibrated, identity_dependence: 0, frames: 61, seed: 1}"), "test.yaml", Map.of()).definition();
        assertEquals(0.0, o.dataset().synth().identityDependence(), "an explicit setting wins over the preset's");
        assertEquals(61, o.dataset().synth().frames());
        assertEquals(List.of("dataset.synth.preset: expected one of calibrated, default, got \"hard\"",
                        "dataset.synth.identity_dependence: expected a number >= 0 and <= 5, got 7",
                        "dataset.synth.peak_hold_frames: expected an integer between 0 and 1000, got -1"),
                problems(VALID.replace("frames: 9, seed: 1}", "preset: hard, identity_dependence: 7, peak_hold_frames: -1}")));
        assertEquals(List.of("dataset.synth.frames: a peak hold of 12 frames needs at least 53 frames per sequence (the hold must end "
                        + "a frame before every rest frame), got 41"),
                problems(VALID.replace("expressions: 3, vertices: 652, frames: 9, seed: 1}",
                        "expressions: 12, vertices: 652, frames: 41, peak_hold_frames: 12}")));
    }

    @Test
    void defaultExpressionSettingsKeepTheDatasetHashOfDefinitionsWrittenBeforeThem() {
        String explicit = VALID.replace("frames: 9, seed: 1}", "frames: 9, seed: 1, preset: default, identity_dependence: 1, "
                + "peak_hold_frames: 0}");
        assertEquals(List.of(), problems(explicit));
        DatasetSpec plain = new DefinitionValidator().validate(VALID, "test.yaml", Map.of()).definition().dataset();
        assertEquals(plain.hash(), new DefinitionValidator().validate(explicit, "test.yaml", Map.of()).definition().dataset().hash());
        // the hashed JSON of a default set has exactly the keys it had before these settings existed
        assertEquals(List.of("subjects", "expressions", "vertices", "frames", "seed", "frame_noise_mm"),
                iterable(plain.toJson().get("synth").fieldNames()));
        DatasetSpec stronger = new DefinitionValidator().validate(VALID.replace("frames: 9, seed: 1}", "frames: 9, seed: 1, identity_dependence: 2}"),
                "test.yaml", Map.of()).definition().dataset();
        assertFalse(plain.hash().equals(stronger.hash()));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The coma network's 4 levels on a 652-vertex synthetic set failed at run time, 10 attempts per run. */
    @Test
    void aHierarchyTheSyntheticTemplateCannotReachIsRefusedBeforeAnyRun() {
        String coma = VALID.replace("model: {preset: tiny}", "model: {preset: coma}")
                .replace("topology: {factors: [4, 4]}", "topology: {factors: [4, 4, 4, 4]}");
        List<String> p = problems(coma);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("topology.factors: [4, 4, 4, 4] cannot be built on the synthetic template of "),
                p.get(0));
        assertTrue(p.get(0).contains("connected components") && p.get(0).contains("cannot reduce"), p.get(0));

        // swept: only the runs that ask too much are named
        List<String> swept = problems(VALID + "sweep:\n  grid:\n    topology: {factors: [[4, 4], [8, 8]]}\n");
        assertEquals(1, swept.size(), swept.toString());
        assertTrue(swept.get(0).startsWith("topology.factors: [8, 8] cannot be built") && swept.get(0).endsWith("(run r0001)"),
                swept.get(0));
    }

    @Test
    void oneSubjectCannotGiveTheEvaluationsTransferTriplets() {
        List<String> p = problems(VALID.replace("subjects: 3,", "subjects: 1,"));
        assertEquals(List.of("dataset.synth.subjects: is 1, but the evaluation's transfer triplets need two subjects"
                + " with the same expression; give at least 2"), p);
    }
}
