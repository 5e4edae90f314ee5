package org.ftgan.api;

import static org.ftgan.api.ArtifactRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.artifacts.ArtifactInfo;
import org.ftgan.names.RunStatus;
import org.ftgan.records.ArtifactKind;
import org.ftgan.records.CurvePoint;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.ResultRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run detail (with curve downsampling), compare and groups. */
class RunDetailRoutesTest {
    static final int LOGGED = 1000;

    @TempDir
    static Path dir;
    static ApiFixture api;
    static List<String> runs;
    static List<CurvePoint> curve = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        api = new ApiFixture(dir);
        api.experiment("g", "grid", List.of(), ApiFixture.JSON.createObjectNode());
        api.experiment("h", "other", List.of(), ApiFixture.JSON.createObjectNode());
        List<ObjectNode> configs = new ArrayList<>();
        double[] srec = {0.2, 0.2, 0.2, 0.4, 0.4, 0.8};
        int[] dim = {4, 4, 8, 4, 4, 8};
        for (int i = 0; i < srec.length; i++) {
            configs.add(ApiFixture.config(srec[i], dim[i], "coma"));
        }
        runs = api.runs("g", configs);
        api.runs("h", List.of(ApiFixture.config(0.2, 4, "tiny")));
        double[] transfer = {1.0, 2.0, 4.0, 3.0, 5.0, 7.0};
        for (int i = 0; i < runs.size(); i++) {
            if (i != 2) {
                api.records.results().replaceAll(runs.get(i), List.of(
                        new ResultRow("e_transfer", "facetunegan", "", transfer[i], 0.5, transfer[i], 40)));
            }
        }
        api.records.results().replaceAll(runs.get(0), List.of(
                new ResultRow("e_rec", "facetunegan", "", 0.8, 0.2, 0.7, 100),
                new ResultRow("e_transfer", "facetunegan", "", 1.0, 0.5, 1.0, 40),
                new ResultRow("e_transfer", "blendshape", "", 2.5, 0.6, 2.4, 40),
                new ResultRow("e_transfer", "facetunegan", "smile", 1.2, 0.4, 1.1, 10),
                new ResultRow("e_transfer", "blendshape", "smile", 2.1, 0.3, 2.0, 10)));
        // steps 0, 3, 6, ...: L_rec every step, L_D every other
        for (int s = 0; s < LOGGED; s++) {
            Map<String, Double> terms = new HashMap<>();
            terms.put("L_rec", Math.sin(s / 50.0) + s / 1000.0);
            if (s % 2 == 0) {
                terms.put("L_D", 1.0 + s);
            }
            curve.add(new CurvePoint(s * 3L, s / 100, 50.0, s * 0.1, terms));
        }
        api.records.curves().upsert(runs.get(0), curve);
        // evaluation during training: E_transfer 3.0, 2.0, 2.5 at steps 500, 1000, 1500; no identity decomposition at 500
        double[] evalTransfer = {3.0, 2.0, 2.5};
        for (int i = 0; i < evalTransfer.length; i++) {
            api.records.evaluationCurves().upsert(runs.get(0), new EvaluationCurveRecords.Point(500L * (i + 1), 1.0 - i * 0.1,
                    i == 0 ? Double.NaN : 0.3, 2.2, evalTransfer[i], 1.1, 200, 1.5));
        }
        api.records.runs().markAttemptStarted(runs.get(0), 1, "worker-a");
        api.records.runs().setStatus(runs.get(0), RunStatus.SUCCEEDED, null, 1);
        byte[] content = "{}".getBytes(StandardCharsets.UTF_8);
        Path file = api.records.store().write("runs/" + runs.get(0) + "/evaluation.json", content);
        ArtifactInfo info = api.records.store().describe(file);
        api.records.artifacts().upsert("g", runs.get(0), ArtifactKind.EVALUATION, info);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void runDetailHasEverything() throws Exception {
        JsonNode r = api.json("/api/runs/" + runs.get(0) + "?points=200");
        assertEquals("succeeded", r.get("status").asText());
        assertEquals(0.2, r.get("config").get("loss").get("lambda_srec").asDouble());
        assertEquals(0.2, r.get("overrides").get("loss").get("lambda_srec").asDouble());
        assertEquals("hash-g", r.get("hashes").get("definition").asText());
        assertEquals("dataset-1", r.get("hashes").get("dataset").asText());
        assertEquals("code-1", r.get("code_version").asText());
        List<String> statuses = new ArrayList<>();
        r.get("events").forEach(e -> statuses.add(e.get("status").asText()));
        assertEquals(List.of("running", "succeeded"), statuses);
        JsonNode overall = r.get("results").get("overall");
        assertEquals(0.8, overall.get("e_rec").get("facetunegan").get("mean").asDouble());
        assertEquals(2.5, overall.get("e_transfer").get("blendshape").get("mean").asDouble());
        JsonNode smile = r.get("results").get("by_expression").get("smile").get("e_transfer");
        assertEquals(1.2, smile.get("facetunegan").get("mean").asDouble());
        assertEquals(2.1, smile.get("blendshape").get("mean").asDouble());
        assertEquals("runs/" + runs.get(0) + "/evaluation.json", r.get("artifacts").get(0).get("path").asText());
        assertEquals("evaluation", r.get("artifacts").get(0).get("kind").asText());
        assertError(api.get("/api/runs/nope"), 404, "not_found");

        JsonNode ev = r.get("evaluation_curve");
        assertEquals(3, ev.get("points").size());
        assertEquals(500, ev.get("points").get(0).get("step").asLong());
        assertTrue(ev.get("points").get(0).get("e_id_decomp").isNull(), "a metric without items is null: " + ev);
        assertEquals(1.1, ev.get("points").get(2).get("blendshape").asDouble());
        assertEquals(200, ev.get("points").get(2).get("triplets").asInt());
        assertEquals(1000, ev.get("best").get("step").asLong());
        assertEquals(2.0, ev.get("best").get("e_transfer").asDouble());
        assertEquals(1500, ev.get("last").get("step").asLong());
        JsonNode none = api.json("/api/runs/" + runs.get(1)).get("evaluation_curve");
        assertEquals(0, none.get("points").size());
        assertTrue(none.get("best").isNull() && none.get("last").isNull(), none.toString());
    }

    @Test
    void curveIsDownsampledToMeansPerStepBucket() throws Exception {
        int n = 7;
        JsonNode c = api.json("/api/runs/" + runs.get(0) + "?points=" + n).get("curve");
        assertEquals(LOGGED, c.get("logged_points").asLong());
        JsonNode points = c.get("points");
        assertEquals(n, points.size());
        long first = 0;
        long last = (LOGGED - 1) * 3L;
        long total = 0;
        for (int b = 0; b < n; b++) {
            double sumRec = 0;
            double sumD = 0;
            int count = 0;
            int countD = 0;
            long lastStep = -1;
            for (CurvePoint p : curve) {
                if ((p.step() - first) * n / (last - first + 1) == b) {
                    sumRec += p.terms().get("L_rec");
                    if (p.terms().containsKey("L_D")) {
                        sumD += p.terms().get("L_D");
                        countD++;
                    }
                    count++;
                    lastStep = p.step();
                }
            }
            JsonNode p = points.get(b);
            assertEquals(lastStep, p.get("step").asLong(), "bucket " + b);
            assertEquals(count, p.get("n").asLong(), "bucket " + b);
            assertEquals(sumRec / count, p.get("l_rec").asDouble(), 1e-9, "bucket " + b);
            assertEquals(sumD / countD, p.get("l_d").asDouble(), 1e-9, "bucket " + b);
            assertTrue(p.get("l_g").isNull());
            total += count;
        }
        assertEquals(LOGGED, total);
        assertEquals(last, points.get(n - 1).get("step").asLong());

        JsonNode raw = api.json("/api/runs/" + runs.get(0) + "?points=2000").get("curve");
        assertEquals(LOGGED, raw.get("points").size());
        assertEquals("none", raw.get("reduction").asText());
        assertTrue(raw.get("points").get(1).get("l_d").isNull());
        assertEquals(curve.get(5).terms().get("L_rec"), raw.get("points").get(5).get("l_rec").asDouble(), 0);

        assertEquals(0, api.json("/api/runs/" + runs.get(1) + "?points=10").get("curve").get("points").size());
        assertError(api.get("/api/runs/" + runs.get(0) + "?points=1"), 400, "invalid_parameter");
        assertError(api.get("/api/runs/" + runs.get(0) + "?points=2001"), 400, "invalid_parameter");
        assertError(api.get("/api/runs/" + runs.get(0) + "?points=many"), 400, "invalid_parameter");
    }

    @Test
    void compareShowsOnlyDifferingKeys() throws Exception {
        String h = "h-r0000";
        JsonNode c = api.json("/api/compare?runs=" + runs.get(0) + "," + runs.get(2) + "," + h);
        JsonNode diff = c.get("config_differences");
        List<String> keys = new ArrayList<>();
        diff.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("model.content_dim", "model.preset"), keys);
        assertEquals(8, diff.get("model.content_dim").get(runs.get(2)).asInt());
        assertEquals("tiny", diff.get("model.preset").get(h).asText());
        assertEquals(1.0, c.get("metrics").get(runs.get(0)).get("results").get("e_transfer").get("facetunegan").get("mean").asDouble());
        assertEquals(curve.get(LOGGED - 1).terms().get("L_rec"),
                c.get("metrics").get(runs.get(0)).get("last_curve_values").get("l_rec").asDouble(), 0);
        assertEquals(curve.get(LOGGED - 2).terms().get("L_D"),
                c.get("metrics").get(runs.get(0)).get("last_curve_values").get("l_d").asDouble(), 0);
        assertFalse(c.get("metrics").get(h).get("results").has("e_transfer"));

        assertEquals(List.of("loss.lambda_srec"), fieldNames(api.json("/api/compare?runs=" + runs.get(1) + "," + runs.get(3))
                .get("config_differences")));
        assertError(api.get("/api/compare?runs=" + runs.get(0)), 400, "invalid_parameter");
        assertError(api.get("/api/compare?runs=" + runs.get(0) + "," + runs.get(0)), 400, "invalid_parameter");
        assertError(api.get("/api/compare?runs=a,b,c,d,e,f,g,h,i,j,k"), 400, "invalid_parameter");
        assertError(api.get("/api/compare"), 400, "invalid_parameter");
        assertError(api.get("/api/compare?runs=" + runs.get(0) + ",nope"), 404, "not_found");
    }

    @Test
    void groupsHaveMeanStdAndN() throws Exception {
        JsonNode g = api.json("/api/experiments/g/groups?by=loss.lambda_srec,model.content_dim&metric=e_transfer");
        JsonNode groups = g.get("groups");
        assertEquals(4, groups.size());
        // (0.2, 4): runs 0, 1 -> 1, 2
        assertGroup(groups.get(0), 0.2, 4, 1.5, Math.sqrt(0.5), 2, 2);
        // (0.2, 8): run 2 has no figure
        assertEquals(0.2, groups.get(1).get("key").get("loss.lambda_srec").asDouble());
        assertEquals(8, groups.get(1).get("key").get("model.content_dim").asInt());
        assertTrue(groups.get(1).get("mean").isNull());
        assertEquals(0, groups.get(1).get("n").asInt());
        assertEquals(1, groups.get(1).get("runs").asInt());
        // (0.4, 4): runs 3, 4 -> 3, 5
        assertGroup(groups.get(2), 0.4, 4, 4.0, Math.sqrt(2), 2, 2);
        // (0.8, 8): one run, no sample std
        assertEquals(7.0, groups.get(3).get("mean").asDouble(), 1e-12);
        assertTrue(groups.get(3).get("std").isNull());

        JsonNode one = api.json("/api/experiments/g/groups?by=config.model.content_dim&metric=e_transfer");
        assertEquals(2, one.get("groups").size());
        assertEquals((1.0 + 2 + 3 + 5) / 4, one.get("groups").get(0).get("mean").asDouble(), 1e-12);

        assertError(api.get("/api/experiments/g/groups?by=loss.nope&metric=e_transfer"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/g/groups?by=loss.lambda_srec"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/g/groups?metric=e_transfer"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/nope/groups?by=loss.lambda_srec&metric=e_transfer"), 404, "not_found");
    }

    private static void assertGroup(JsonNode g, double srec, int dim, double mean, double std, int n, int runsInGroup) {
        assertEquals(srec, g.get("key").get("loss.lambda_srec").asDouble());
        assertEquals(dim, g.get("key").get("model.content_dim").asInt());
        assertEquals(mean, g.get("mean").asDouble(), 1e-12);
        assertEquals(std, g.get("std").asDouble(), 1e-12);
        assertEquals(n, g.get("n").asInt());
        assertEquals(runsInGroup, g.get("runs").asInt());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
