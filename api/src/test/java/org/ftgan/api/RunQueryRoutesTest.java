package org.ftgan.api;

import static org.ftgan.api.ArtifactRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftgan.names.RunStatus;
import org.ftgan.records.CurvePoint;
import org.ftgan.records.ResultRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunQueryRoutesTest {
    static final double[] SREC = {0.2, 0.4, 0.8};
    static final int RUNS = 37;

    @TempDir
    static Path dir;
    static ApiFixture api;
    static List<String> e1;
    static List<String> e2;
    /** e1 run id to its e_transfer figure; runs with index % 4 == 3 have none. */
    static final Map<String, Double> TRANSFER = new LinkedHashMap<>();
    /** e1 run id to (min, last) of its L_rec curve, for runs with a curve. */
    static final Map<String, double[]> LREC = new LinkedHashMap<>();

    @BeforeAll
    static void seed() throws Exception {
        api = new ApiFixture(dir);
        api.experiment("e1", "ablation", List.of("ablation"), ApiFixture.JSON.createObjectNode());
        api.experiment("e2", "other", List.of(), ApiFixture.JSON.createObjectNode());
        List<ObjectNode> configs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            configs.add(ApiFixture.config(SREC[i % 3], i % 2 == 0 ? 4 : 8, "coma"));
        }
        e1 = api.runs("e1", configs);
        ObjectNode odd = ApiFixture.config(0.4, 16, "1; DROP TABLE runs");
        e2 = api.runs("e2", List.of(ApiFixture.config(0.4, 4, "tiny"), odd));
        for (int i = 0; i < RUNS; i++) {
            String id = e1.get(i);
            if (i % 5 == 0) {
                api.records.runs().setStatus(id, RunStatus.FAILED, "diverged", 1);
            } else if (i % 5 == 1) {
                api.records.runs().setStatus(id, RunStatus.SUCCEEDED, null, 1);
            }
            if (i % 4 != 3) {
                // distinct values in a scrambled order
                double transfer = 1.0 + ((i * 7919) % 101) / 100.0;
                TRANSFER.put(id, transfer);
                api.records.results().replaceAll(id, List.of(new ResultRow("e_transfer", "facetunegan", "", transfer, 0.1, transfer, 10),
                        new ResultRow("e_transfer", "blendshape", "", transfer + 1, 0.1, transfer + 1, 10)));
            }
            if (i < 6) {
                List<CurvePoint> points = new ArrayList<>();
                double min = Double.MAX_VALUE;
                double last = 0;
                for (int s = 0; s < 20; s++) {
                    double v = 5.0 - i * 0.1 - s * 0.01 + (s == 7 ? -3 : 0);
                    min = Math.min(min, v);
                    last = v;
                    points.add(new CurvePoint(s * 10L, 0, 100, s, Map.of("L_rec", v, "L_G", 1.0)));
                }
                api.records.curves().upsert(id, points);
                LREC.put(id, new double[]{min, last});
            }
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void filtersByStatusAndConfigValue() throws Exception {
        JsonNode failed = api.json("/api/experiments/e1/runs?status=failed&limit=500");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RUNS; i += 5) {
            expected.add(e1.get(i));
        }
        assertEquals(expected, ids(failed));

        JsonNode srec = api.json("/api/experiments/e1/runs?where=config.loss.lambda_srec:gte:0.4&where=config.model.content_dim:eq:8&limit=500");
        List<String> want = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            if (SREC[i % 3] >= 0.4 && i % 2 == 1) {
                want.add(e1.get(i));
            }
        }
        assertEquals(want, ids(srec));
        // strings compare as strings; an ordering operator never matches a value of another JSON type
        assertEquals(RUNS, ids(api.json("/api/experiments/e1/runs?where=config.model.preset:eq:coma&limit=500")).size());
        assertEquals(0, ids(api.json("/api/experiments/e1/runs?where=config.model.preset:lt:5&limit=500")).size());
    }

    @Test
    void injectionLikeValueIsJustAValue() throws Exception {
        String where = URLEncoder.encode("config.model.preset:eq:1; DROP TABLE runs", StandardCharsets.UTF_8);
        assertEquals(List.of(e2.get(1)), ids(api.json("/api/runs?where=" + where)));
        String quoted = URLEncoder.encode("config.model.preset:eq:x' OR '1'='1", StandardCharsets.UTF_8);
        assertEquals(List.of(), ids(api.json("/api/runs?where=" + quoted)));
        assertEquals(RUNS + 2, ids(api.json("/api/runs?limit=500")).size());
    }

    @Test
    void listsAcrossExperimentsOrOne() throws Exception {
        assertEquals(e2, ids(api.json("/api/runs?experiment=e2")));
        assertEquals(List.of(e1.get(1), e1.get(4)),
                ids(api.json("/api/runs?where=config.loss.lambda_srec:eq:0.4&experiment=e1&limit=2")));
        assertError(api.get("/api/experiments/nope/runs"), 404, "not_found");
    }

    @Test
    void sortsByConfigKeyBothWays() throws Exception {
        JsonNode asc = api.json("/api/experiments/e1/runs?sort=config.loss.lambda_srec&limit=500");
        List<String> want = new ArrayList<>(e1);
        want.sort(Comparator.comparingDouble((String id) -> SREC[e1.indexOf(id) % 3]).thenComparing(id -> id));
        assertEquals(want, ids(asc));
        JsonNode desc = api.json("/api/experiments/e1/runs?sort=config.loss.lambda_srec&order=desc&limit=500");
        List<String> reversed = new ArrayList<>(want);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, ids(desc));
    }

    @Test
    void sortsByResultMetricWithMissingValuesLast() throws Exception {
        JsonNode asc = api.json("/api/experiments/e1/runs?metric=e_transfer&sort=metric&limit=500");
        List<String> withValue = new ArrayList<>(TRANSFER.keySet());
        withValue.sort(Comparator.comparingDouble(TRANSFER::get));
        List<String> got = ids(asc);
        assertEquals(withValue, got.subList(0, withValue.size()));
        assertEquals(RUNS, got.size());
        for (int i = withValue.size(); i < RUNS; i++) {
            assertTrue(asc.get("runs").get(i).get("metric").isNull());
        }
        assertEquals(TRANSFER.get(got.get(0)), asc.get("runs").get(0).get("metric").asDouble(), 0);

        JsonNode desc = api.json("/api/experiments/e1/runs?metric=e_transfer&sort=metric&order=desc&limit=500");
        List<String> reversed = new ArrayList<>(withValue);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, ids(desc).subList(0, withValue.size()));

        JsonNode filtered = api.json("/api/experiments/e1/runs?metric=e_transfer&where=metric:lt:1.5&limit=500");
        Set<String> below = new HashSet<>();
        TRANSFER.forEach((id, v) -> {
            if (v < 1.5) {
                below.add(id);
            }
        });
        assertEquals(below, new HashSet<>(ids(filtered)));
    }

    @Test
    void sortsByAggregatedCurveTerm() throws Exception {
        for (String agg : List.of("best", "last", "max")) {
            JsonNode r = api.json("/api/experiments/e1/runs?metric=L_rec&agg=" + agg + "&sort=metric&limit=6");
            List<String> want = new ArrayList<>(LREC.keySet());
            int k = agg.equals("last") ? 1 : 0;
            if (!agg.equals("max")) {
                want.sort(Comparator.comparingDouble(id -> LREC.get(id)[k]));
                assertEquals(want, ids(r), agg);
                assertEquals(LREC.get(want.get(0))[k], r.get("runs").get(0).get("metric").asDouble(), 1e-12, agg);
            }
            assertEquals("l_rec:" + agg, r.get("metric").asText());
        }
    }

    @Test
    void pagesNeverRepeatNorSkip() throws Exception {
        for (String query : List.of("sort=config.loss.lambda_srec", "sort=config.loss.lambda_srec&order=desc",
                "metric=e_transfer&sort=metric", "metric=e_transfer&sort=metric&order=desc", "sort=status",
                "sort=created_at&order=desc", "sort=config.model.content_dim&status=queued,failed")) {
            List<String> all = ids(api.json("/api/experiments/e1/runs?limit=500&" + query));
            List<String> paged = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = api.json("/api/experiments/e1/runs?limit=4&" + query
                        + (cursor == null ? "" : "&cursor=" + cursor));
                assertTrue(page.get("runs").size() <= 4);
                paged.addAll(ids(page));
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
                pages++;
            } while (cursor != null && pages < 100);
            assertEquals(all, paged, query);
            assertEquals(paged.size(), new HashSet<>(paged).size(), query);
        }
    }

    @Test
    void refusesUnknownKeysAndBadValues() throws Exception {
        assertError(api.get("/api/experiments/e1/runs?sort=bogus"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?sort=config.loss.nope"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?sort=config.secrets.x"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?sort=metric"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?where=config.loss.lambda_srec:like:0.4"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?where=loss.lambda_srec:eq:0.4"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?where=config.loss.lambda_srec"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?where=" + URLEncoder.encode("config.loss.x;drop:eq:1", StandardCharsets.UTF_8)),
                400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?metric=e_bogus"), 400, "invalid_parameter");
        // an evaluation figure has one value per run: any agg of it is that value
        assertEquals(api.json("/api/experiments/e1/runs?metric=e_rec").get("runs"),
                api.json("/api/experiments/e1/runs?metric=e_rec&agg=last").get("runs"));
        assertError(api.get("/api/experiments/e1/runs?agg=mean"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?metric=l_rec&agg=median"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?where=metric:lt:1"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?status=done"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?limit=0"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?limit=ten"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?order=up"), 400, "invalid_parameter");
        assertError(api.get("/api/experiments/e1/runs?cursor=notacursor"), 400, "invalid_parameter");
        JsonNode first = api.json("/api/experiments/e1/runs?limit=2&sort=status");
        String cursor = first.get("next_cursor").asText();
        assertError(api.get("/api/experiments/e1/runs?limit=2&sort=created_at&cursor=" + cursor), 400, "invalid_parameter");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"s\":\"created_at\",\"o\":\"asc\",\"v\":\"yesterday-ish\",\"i\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertError(api.get("/api/experiments/e1/runs?cursor=" + forged), 400, "invalid_parameter");
        // the runs table is still there after all of the above
        assertEquals(RUNS, ids(api.json("/api/experiments/e1/runs?limit=500")).size());
    }

    @Test
    void listEntriesCarryTheRunSummary() throws Exception {
        JsonNode r = api.json("/api/experiments/e1/runs?limit=1").get("runs").get(0);
        assertEquals(e1.get(0), r.get("id").asText());
        assertEquals("e1", r.get("experiment_id").asText());
        assertEquals("failed", r.get("status").asText());
        assertEquals(0.2, r.get("overrides").get("loss").get("lambda_srec").asDouble());
        assertNotNull(r.get("created_at").asText());
        assertFalse(r.has("config"));
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("runs").forEach(r -> out.add(r.get("id").asText()));
        return out;
    }
}
