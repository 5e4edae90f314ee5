package org.ftgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ftgan.data.PreparedDataset;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.MeshWithValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error-map PLY files and the JSON document of an evaluation. */
class EvaluationOutputTest {
    @TempDir
    static Path tmp;
    static Path prepared;

    @BeforeAll
    static void prepare() throws IOException {
        prepared = SeparableFaces.prepare(tmp, 4, (k, v) -> 0.3f * k + 0.2f * (v % 3) * k, Set.of());
    }

    private static EvaluationConfig config() {
        return EvaluationConfig.defaults(9).withPool(SamplePool.ALL).withTripletCount(50).withErrorMapsPerKind(2);
    }

    @Test
    void errorMapsHoldThePredictionAndItsPerVertexDistanceToTheTruth() throws IOException {
        Path maps = tmp.resolve("maps-style-echo");
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            // StyleEcho predicts the mesh the style came from: x itself for reconstruction
            EvaluationResult r = new Evaluator(new Codecs.StyleEcho(), config()).evaluate(data, maps);
            List<EvaluationResult.ErrorMapFile> files = r.errorMaps().files();
            assertEquals("maps-style-echo", r.errorMaps().directory(), "the directory's name, not where it is on this disk");
            assertEquals(List.of("reconstruction", "reconstruction", "neutralization", "neutralization", "transfer",
                    "transfer"), files.stream().map(EvaluationResult.ErrorMapFile::kind).toList());
            for (EvaluationResult.ErrorMapFile f : files) {
                assertTrue(f.file().startsWith(f.kind() + "-" + f.subject() + "-" + f.expression() + "-" + f.sample()),
                        f.file());
                MeshWithValues read = MeshFiles.readWithValues(maps.resolve(f.file()), "error");
                int source = f.styleSample() == null ? f.sample() : f.styleSample();
                float[] predicted = data.positions(source);
                float[] truth = data.positions(f.sample());
                assertArrayEquals(predicted, read.mesh().positions(), 1e-3f, f.file());
                assertArrayEquals(data.template().triangles(), read.mesh().triangles());
                float[] expected = ErrorMapWriter.vertexErrors(predicted, truth);
                assertArrayEquals(expected, read.values(), 1e-3f, f.file());
                double mean = 0;
                for (float e : read.values()) {
                    mean += e / read.values().length;
                }
                assertEquals(mean, f.meanMm(), 1e-3);
                if (f.kind().equals("reconstruction")) {
                    assertNull(f.styleSubject());
                    assertEquals(0, f.maxMm(), 1e-3);
                } else {
                    assertEquals(data.subject(f.styleSample()), f.styleSubject());
                    assertTrue(f.maxMm() > 1, "another subject's mesh is far from the truth");
                }
            }
            int[] test = data.testIndices();
            assertEquals(test[0], files.get(0).sample(), "reconstruction maps start at the first test sample");
            assertEquals(test[test.length / 2], files.get(1).sample());
        }
        try (var listing = Files.list(maps)) {
            assertEquals(6, listing.count(), "no temporary files left");
        }
    }

    @Test
    void resultJsonRoundTripsAndNamesTheDataset() throws IOException {
        Path json = tmp.resolve("eval.json");
        EvaluationResult r;
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            r = new Evaluator(new Codecs.ContentEcho(), config()).evaluate(data, tmp.resolve("maps-content-echo"));
            assertEquals(data.manifest().contentHash(), r.dataset().contentHash());
            assertEquals("facescape", r.dataset().kind());
        }
        EvaluationJson.write(json, r);
        assertEquals(r, EvaluationJson.read(json));
        String text = Files.readString(json);
        // evaluation.json is served by the API: it names directories, not where they are on the server
        assertFalse(text.contains(tmp.toAbsolutePath().toString()), text);
        assertFalse(text.contains(tmp.toRealPath().toString()), text);
        assertEquals(prepared.getFileName().toString(), r.dataset().directory());

        JsonNode tree = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, tree.get("schemaVersion").asInt());
        assertEquals("all", tree.get("pool").asText());
        assertEquals(9, tree.get("seed").asLong());
        assertEquals(50, tree.get("tripletCount").asInt());
        JsonNode rec = tree.get("metrics").get("reconstruction");
        assertEquals(Set.of("n", "mean", "std", "median"), Set.copyOf(fieldNames(rec)));
        JsonNode smile = tree.get("transferByExpression").get("smile");
        assertTrue(smile.has("model") && smile.has("blendshape"), smile.toString());
        assertEquals(6, tree.get("errorMaps").get("files").size());

        ((ObjectNode) tree).put("schemaVersion", 2);
        Path future = tmp.resolve("future.json");
        new ObjectMapper().writeValue(future.toFile(), tree);
        IOException e = assertThrows(IOException.class, () -> EvaluationJson.read(future));
        assertTrue(e.getMessage().contains("schemaVersion 2"), e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
