package org.ftgan.api;

import static org.ftgan.api.ArtifactRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.ResultRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiment list and detail, and the figure table in every format. */
class ExperimentRoutesTest {
    @TempDir
    static Path dir;
    static ApiFixture api;

    @BeforeAll
    static void seed() throws Exception {
        api = new ApiFixture(dir);
        for (int i = 0; i < 12; i++) {
            String id = String.format("exp-%02d", i);
            api.experiment(id, (i % 2 == 0 ? "ablation " : "paper ") + (char) ('z' - i), i % 3 == 0 ? List.of("paper", "t4") : List.of("x"),
                    ApiFixture.JSON.createObjectNode());
            if (i % 4 == 0) {
                api.records.experiments().setStatus(id, ExperimentStatus.RUNNING, "started");
            }
        }
        ObjectNode definition = (ObjectNode) ApiFixture.JSON.readTree("""
                {"name": "t4", "published": {"table": 4, "title": "Transfer & more_stuff", "metric": "E_transfer", "unit": "mm",
                  "rows": [
                    {"method": "FaceTuneGAN", "expression": "smile", "mean": 1.23, "ours": "E_transfer"},
                    {"method": "blendshape transfer", "expression": "smile", "mean": 2.11, "ours": "blendshape"},
                    {"method": "FaceTuneGAN", "expression": "all", "mean": 1.54, "std": 0.2, "ours": "E_transfer"},
                    {"method": "FLAME, \\"fitted\\" | 100% #1", "mean": 1.45}]}}""");
        api.experiment("t4", "table4", List.of("paper"), definition);
        List<String> runs = api.runs("t4", List.of(ApiFixture.config(0.4, 4, "coma"), ApiFixture.config(0.8, 4, "coma"),
                ApiFixture.config(1.6, 4, "coma")));
        api.records.results().replaceAll(runs.get(0), List.of(
                new ResultRow("e_rec", "facetunegan", "", 0.5, 0.1, 0.5, 10),
                new ResultRow("e_transfer", "facetunegan", "", 1.5, 0.1, 1.5, 10),
                new ResultRow("e_transfer", "blendshape", "", 2.5, 0.1, 2.5, 10),
                new ResultRow("e_transfer", "facetunegan", "smile", 1.0, 0.1, 1.0, 10)));
        api.records.results().replaceAll(runs.get(1), List.of(
                new ResultRow("e_transfer", "facetunegan", "", 1.7, 0.1, 1.7, 10),
                new ResultRow("e_transfer", "facetunegan", "smile", 2.0, 0.1, 2.0, 10)));
        api.records.runs().setStatus(runs.get(0), RunStatus.SUCCEEDED, null, 1);
        api.records.runs().setStatus(runs.get(2), RunStatus.FAILED, "diverged", 1);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void listsFilteredSortedAndPaged() throws Exception {
        JsonNode all = api.json("/api/experiments?limit=500");
        assertEquals(13, all.get("experiments").size());
        assertEquals("created_at", all.get("sort").asText());
        assertEquals("desc", all.get("order").asText());

        assertEquals(List.of("exp-00", "exp-04", "exp-08"), sorted(ids(api.json("/api/experiments?status=running"))));
        assertEquals(List.of("exp-00", "exp-03", "exp-06", "exp-09"), sorted(ids(api.json("/api/experiments?tag=t4"))));
        assertEquals(List.of("exp-01", "exp-03", "exp-05", "exp-07", "exp-09", "exp-11"),
                sorted(ids(api.json("/api/experiments?q=PAPER"))));
        assertEquals(List.of(), ids(api.json("/api/experiments?q=" + URLEncoder.encode("%", StandardCharsets.UTF_8))));

        List<String> byName = ids(api.json("/api/experiments?sort=name&limit=500"));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.json("/api/experiments?sort=name&limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
            paged.addAll(ids(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        assertEquals(byName, paged);
        assertEquals("exp-10", byName.get(0)); // "ablation p"
        assertEquals(13, new HashSet<>(paged).size());

        assertError(api.get("/api/experiments?sort=description"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments?status=happy"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments?limit=501"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments?tag=a&tag=b"), 400, "invalid_parameter");
    }

    @Test
    void detailHasDefinitionCountsAndEvents() throws Exception {
        JsonNode e = api.json("/api/experiments/t4");
        assertEquals("table4", e.get("name").asText());
        assertEquals("hash-t4", e.get("definition_hash").asText());
        assertEquals(4, e.get("definition").get("published").get("table").asInt());
        assertEquals("name: table4\n", e.get("definition_yaml").asText());
        assertEquals(1, e.get("runs_by_status").get("succeeded").asInt());
        assertEquals(1, e.get("runs_by_status").get("failed").asInt());
        assertEquals(1, e.get("runs_by_status").get("queued").asInt());
        assertEquals(0, e.get("runs_by_status").get("running").asInt());
        assertEquals(2, e.get("events").size());
        assertError(api.get("/api/experiments/none"), 404, "not_found");
    }

    @Test
    void tableAsJsonHasRunsAndPublishedRowsWithOurs() throws Exception {
        JsonNode t = api.json("/api/experiments/t4/table?format=json");
        assertEquals(3, t.get("runs").size());
        JsonNode r0 = t.get("runs").get(0);
        assertEquals(0.5, r0.get("E_rec").asDouble());
        assertEquals(1.5, r0.get("E_transfer").asDouble());
        assertEquals(2.5, r0.get("blendshape").asDouble());
        assertTrue(r0.get("E_neu").isNull());
        JsonNode rows = t.get("published").get("rows");
        assertEquals(1.5, rows.get(0).get("our_mean").asDouble(), 1e-12);
        assertEquals(2, rows.get(0).get("our_runs").asInt());
        assertTrue(rows.get(1).get("our_mean").isNull());
        assertEquals(1.6, rows.get(2).get("our_mean").asDouble(), 1e-12);
        assertEquals(1.54, rows.get(2).get("mean").asDouble());
        assertTrue(rows.get(3).get("ours").isNull());
        assertEquals(api.json("/api/experiments/t4/table"), t);
    }

    @Test
    void tableAsCsvQuotesCells() throws Exception {
        var r = api.get("/api/experiments/t4/table?format=csv");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/csv"));
        String[] lines = r.body().split("\r\n");
        assertEquals("row,run,key,status,method,expression,E_rec,E_id_decomp,E_neu,E_transfer,blendshape,"
                + "paper_mean,paper_std,paper_median,our_runs", lines[0]);
        assertEquals("run,t4-r0000,r0000,succeeded,,,0.500,,,1.500,2.500,,,,", lines[1]);
        assertEquals("published,,,,FaceTuneGAN,smile,,,,1.500,,1.230,,,2", lines[4]);
        assertEquals("published,,,,\"FLAME, \"\"fitted\"\" | 100% #1\",,,,,,,1.450,,,", lines[7]);
        assertEquals(8, lines.length);
    }

    @Test
    void tableAsMarkdownEscapesPipes() throws Exception {
        var r = api.get("/api/experiments/t4/table?format=md");
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/markdown"));
        String md = r.body();
        assertTrue(md.contains("| t4-r0000 | r0000 | succeeded | 0.500 | - | - | 1.500 | 2.500 |"), md);
        assertTrue(md.contains("| FLAME, \"fitted\" \\| 100% #1 | all | 1.450 | - | - | - | - | - |"), md);
        assertTrue(md.contains("| FaceTuneGAN | all | 1.540 | 0.200 | - | E_transfer | 1.600 | 2 |"), md);
    }

    @Test
    void tableAsLatexEscapesSpecialCharacters() throws Exception {
        var r = api.get("/api/experiments/t4/table?format=latex");
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("application/x-latex"));
        String tex = r.body();
        assertTrue(tex.contains("run & key & status & E\\_rec & E\\_id\\_decomp & E\\_neu & E\\_transfer & blendshape \\\\"), tex);
        assertTrue(tex.contains("t4-r0002 & r0002 & failed & -- & -- & -- & -- & -- \\\\"), tex);
        assertTrue(tex.contains("FLAME, \"fitted\" | 100\\% \\#1 & all & 1.450"), tex);
        assertTrue(tex.contains("% published: Transfer \\& more\\_stuff (paper Table 4)"), tex);
        assertEquals(2, tex.split("\\\\begin\\{tabular\\}", -1).length - 1);
    }

    @Test
    void tableRefusesUnknownFormatAndExperiment() throws Exception {
        assertError(api.get("/api/experiments/t4/table?format=xlsx"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/none/table?format=csv"), 404, "not_found");
        JsonNode noPublished = api.json("/api/experiments/exp-01/table");
        assertTrue(noPublished.get("published").isNull());
        assertEquals(0, noPublished.get("runs").size());
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("experiments").forEach(e -> out.add(e.get("id").asText()));
        return out;
    }

    private static List<String> sorted(List<String> in) {
        List<String> out = new ArrayList<>(in);
        out.sort(null);
        return out;
    }
}
