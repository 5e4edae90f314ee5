package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.definition.PaperDefinitions;
import org.ftgan.records.ResultRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/tables on a real PostgreSQL: first empty (the shipped tables with their published
 * figures, nothing of ours), then with a reproduction of Table 4 and a benchmark stand-in submitted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaperTablesRoutesTest {
    @TempDir
    static Path dir;
    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(dir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    @Order(1)
    void everyPaperTableWithItsPublishedFiguresBeforeAnythingIsSubmitted() throws Exception {
        JsonNode t = api.json("/api/tables");
        List<String> definitions = new ArrayList<>();
        t.get("tables").forEach(x -> definitions.add(x.get("definition").asText()));
        assertEquals(List.of("table1-coma-reconstruction", "table1-facescape-reconstruction", "table2-coma-identity",
                "table3-neutralization-coma", "table3-neutralization-facescape", "table4-facescape-transfer"), definitions);
        assertEquals(0, t.get("stand_ins").size());
        assertEquals(0, t.get("experiments").size());

        JsonNode table4 = table(t, "table4-facescape-transfer");
        assertEquals(4, table4.get("table").asInt());
        assertEquals("E_transfer", table4.get("metric").asText());
        assertEquals("experiments/paper/table4-facescape-transfer.yaml", table4.get("file").asText());
        assertEquals(40, table4.get("rows").size(), "20 expressions (19 and all) x 2 methods, as in the file");
        JsonNode smile = row(table4, "FaceTuneGAN", "smile");
        assertEquals(1.23, smile.get("mean").asDouble());
        assertEquals("E_transfer", smile.get("ours").asText());
        assertTrue(smile.get("in_paper").asBoolean());
        assertTrue(smile.get("reproduced").get("mean").isNull(), "not run yet: " + smile);
        assertEquals(0, smile.get("reproduced").get("runs").asInt());
        assertEquals(2.74, row(table4, "blendshape transfer", "all").get("mean").asDouble());

        JsonNode flame = row(table(t, "table1-coma-reconstruction"), "FLAME", null);
        assertEquals(1.45, flame.get("mean").asDouble());
        assertEquals(1.65, flame.get("std").asDouble());
        assertEquals(0.87, flame.get("median").asDouble());
        assertTrue(flame.get("ours").isNull() && flame.get("reproduced").isNull(), "a method we do not run: " + flame);
    }

    @Test
    @Order(2)
    void submittedReproductionsAndBenchmarkStandInsSitBesideThePublishedRows() throws Exception {
        JsonNode shipped = PaperDefinitions.load().stream().filter(d -> d.name().equals("table4-facescape-transfer"))
                .findFirst().orElseThrow().published();
        ObjectNode withPublished = ApiFixture.JSON.createObjectNode();
        withPublished.set("published", shipped);
        api.experiment("t4", "table4-facescape-transfer", List.of("paper"), withPublished);
        List<String> t4 = api.runs("t4", List.of(ApiFixture.config(0.4, 4, "facescape")));
        api.records.results().replaceAll(t4.get(0), List.of(
                new ResultRow("e_transfer", "facetunegan", "", 1.7, 0.1, 1.7, 10),
                new ResultRow("e_transfer", "facetunegan", "smile", 1.3, 0.1, 1.3, 10),
                new ResultRow("e_transfer", "blendshape", "smile", 2.0, 0.1, 2.0, 10)));
        // same name, no published section: not a reproduction of the paper's table
        api.experiment("plain", "table4-facescape-transfer", List.of(), ApiFixture.JSON.createObjectNode());
        List<String> plain = api.runs("plain", List.of(ApiFixture.config(0.4, 4, "facescape")));
        api.records.results().replaceAll(plain.get(0), List.of(new ResultRow("e_transfer", "facetunegan", "", 9.0, 0, 9.0, 1)));

        api.experiment("bench", "transfer", List.of("benchmark", "synthetic"), ApiFixture.JSON.createObjectNode());
        List<String> bench = api.runs("bench", List.of(ApiFixture.config(0.4, 4, "coma"), ApiFixture.config(0.4, 4, "coma")));
        api.records.results().replaceAll(bench.get(0), List.of(
                new ResultRow("e_transfer", "facetunegan", "", 2.5, 0.1, 2.5, 10),
                new ResultRow("e_transfer", "blendshape", "", 2.0, 0.1, 2.0, 10),
                new ResultRow("e_transfer", "facetunegan", "mouth_side_left", 2.2, 0.1, 2.2, 10),
                new ResultRow("e_rec", "facetunegan", "", 0.7, 0.1, 0.7, 10)));
        api.records.results().replaceAll(bench.get(1), List.of(
                new ResultRow("e_transfer", "facetunegan", "", 3.5, 0.1, 3.5, 10),
                new ResultRow("e_transfer", "blendshape", "", 2.0, 0.1, 2.0, 10)));

        JsonNode t = api.json("/api/tables");
        assertEquals(1, t.get("stand_ins").size());
        assertEquals("bench", t.get("stand_ins").get(0).get("id").asText());
        assertEquals(1, t.get("experiments").size(), "only experiments with a published section: " + t.get("experiments"));
        assertEquals("table4-facescape-transfer", t.get("experiments").get(0).get("definition").asText());

        JsonNode table4 = table(t, "table4-facescape-transfer");
        assertEquals(List.of("t4"), List.of(table4.get("experiments").get(0).asText()));
        JsonNode all = row(table4, "FaceTuneGAN", "all");
        assertEquals(1.7, all.get("reproduced").get("mean").asDouble());
        assertEquals(List.of(t4.get(0)), List.of(all.get("reproduced").get("run_ids").get(0).asText()));
        JsonNode standIn = all.get("stand_ins").get(0);
        assertEquals(3.0, standIn.get("mean").asDouble(), 1e-12);
        assertEquals(2, standIn.get("runs").asInt());
        assertEquals(bench.toString(), strings(standIn.get("run_ids")).toString());
        assertEquals(List.of("bench"), strings(standIn.get("experiment_ids")));
        assertEquals(1.3, row(table4, "FaceTuneGAN", "smile").get("reproduced").get("mean").asDouble());
        assertEquals(2.0, row(table4, "blendshape transfer", "smile").get("reproduced").get("mean").asDouble());
        assertTrue(row(table4, "FaceTuneGAN", "smile").get("stand_ins").get(0).get("mean").isNull(),
                "the synthetic set has no FaceScape expressions");

        // the stand-in's own expression: a row without paper figures, for each method this platform runs
        JsonNode side = row(table4, "FaceTuneGAN", "mouth_side_left");
        assertTrue(!side.get("in_paper").asBoolean() && side.get("mean").isNull(), side.toString());
        assertEquals(2.2, side.get("stand_ins").get(0).get("mean").asDouble());
        assertTrue(row(table4, "blendshape transfer", "mouth_side_left").get("stand_ins").get(0).get("mean").isNull());

        // a method-per-row table takes the stand-in's overall figure of its metric
        JsonNode table1 = table(t, "table1-coma-reconstruction");
        assertEquals(0.7, row(table1, "FaceTuneGAN", null).get("stand_ins").get(0).get("mean").asDouble());
        assertTrue(row(table1, "FaceTuneGAN", null).get("reproduced").get("mean").isNull());
        assertEquals(0, row(table1, "FLAME", null).get("stand_ins").size());
        assertEquals(5, table1.get("rows").size(), "no extra rows in a table without expressions");
    }

    private static JsonNode table(JsonNode answer, String definition) {
        for (JsonNode t : answer.get("tables")) {
            if (t.get("definition").asText().equals(definition)) {
                return t;
            }
        }
        throw new AssertionError("no table " + definition + " in " + answer);
    }

    private static JsonNode row(JsonNode table, String method, String expression) {
        for (JsonNode r : table.get("rows")) {
            boolean sameExpression = expression == null ? r.get("expression").isNull() : expression.equals(r.get("expression").asText());
            if (r.get("method").asText().equals(method) && sameExpression) {
                return r;
            }
        }
        throw new AssertionError("no row " + method + " / " + expression + " in " + table.get("definition"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
