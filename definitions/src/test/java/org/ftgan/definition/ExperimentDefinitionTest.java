package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentDefinitionTest {
    private static final String A = """
            name: hashing
            description: first words
            tags: [a]
            dataset: {kind: coma, root: "${ROOT}/coma", seed: 3}
            model: {preset: tiny, content_dim: 8}
            topology: {factors: [4, 4]}
            training: {steps: 10, seed: 1, batch: 2}
            sweep: {grid: {loss: {lambda_srec: [0.5, 1.0]}}, max_parallel: 2}
            published: {table: 1, metric: E_rec, unit: mm, rows: [{method: X, mean: 1}]}
            """;
    // the same definition, keys in another order, in JSON, other description, tags and published figures
    private static final String B = """
            {"training": {"batch": 2, "seed": 1, "steps": 10}, "sweep": {"max_parallel": 2, "grid": {"loss": {"lambda_srec": [0.5, 1.0]}}},
             "topology": {"factors": [4, 4]}, "model": {"content_dim": 8, "preset": "tiny"}, "name": "hashing",
             "dataset": {"seed": 3, "root": "${ROOT}/coma", "kind": "coma"}, "description": "other words", "tags": ["b", "c"]}
            """;

    private static ExperimentDefinition parse(String text, String root) {
        return ExperimentDefinition.parse(text, "t", Map.of("ROOT", root));
    }

    @Test
    void hashIgnoresKeyOrderDescriptionTagsPublishedAndTheEnvironment() {
        ExperimentDefinition a = parse(A, "/data");
        assertEquals(a.hash(), parse(B, "/data").hash());
        assertEquals(a.hash(), parse(A, "/elsewhere").hash());
        assertEquals(64, a.hash().length());
        assertNotEquals(a.hash(), parse(A.replace("content_dim: 8", "content_dim: 4"), "/data").hash());
        assertNotEquals(a.hash(), parse(A.replace("[0.5, 1.0]", "[1.0, 0.5]"), "/data").hash());
    }

    @Test
    void datasetHashCoversKindSettingsAndSplitSeedNotThePath() {
        ExperimentDefinition a = parse(A, "/data");
        assertEquals(a.dataset().hash(), parse(A, "/moved").dataset().hash());
        assertNotEquals(a.dataset().hash(), parse(A.replace("seed: 3", "seed: 4"), "/data").dataset().hash());
        assertNotEquals(a.dataset().hash(), parse(A.replace("kind: coma", "kind: facescape"), "/data").dataset().hash());
        String synth = A.replace("{kind: coma, root: \"${ROOT}/coma\", seed: 3}", "{kind: synthetic, synth: {subjects: 3}}");
        // defaults filled in: writing a default value explicitly is the same dataset
        assertEquals(parse(synth, "/").dataset().hash(),
                parse(synth.replace("{subjects: 3}", "{subjects: 3, expressions: 12, seed: 1}"), "/").dataset().hash());
        assertNotEquals(parse(synth, "/").dataset().hash(), parse(synth.replace("subjects: 3", "subjects: 4"), "/").dataset().hash());
    }

    @Test
    void toJsonHoldsTheResolvedDefinition() {
        ExperimentDefinition a = parse(A, "/data");
        var json = a.toJson();
        assertEquals("/data/coma", json.get("dataset").get("root").asText());
        assertEquals(2, json.get("runs").asInt());
        assertEquals(2, json.get("sweep").get("max_parallel").asInt());
        assertEquals(8, json.get("model").get("content_dim").asInt());
        assertTrue(json.get("loss").isEmpty());
        assertEquals("first words", a.description());
        assertEquals(1, a.published().get("table").asInt());
        // callers cannot change a definition through what it hands out
        a.baseConfig().putObject("model").put("content_dim", 99);
        assertEquals(8, a.baseConfig().get("model").get("content_dim").asInt());
    }

    @Test
    void runConfigHashIgnoresKeyOrder() {
        ExperimentDefinition a = parse(A, "/data");
        ExperimentDefinition b = parse(B, "/data");
        assertEquals(a.sweep().run(1).configHash(), b.sweep().run(1).configHash());
        assertNotEquals(a.sweep().run(0).configHash(), a.sweep().run(1).configHash());
    }
}
