package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.ftgan.names.RunStatus;
import org.ftgan.records.PoolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads answered from memory until their records change ({@link org.ftgan.api.cache.ReadCache}):
 * on a real PostgreSQL, with changes written by another "process" (the records, as a worker
 * writes them) and reported by the database's notifications.
 */
class CachedReadsTest {
    @TempDir
    Path dir;

    private static ApiFixture seeded(Path dir, long cacheBytes) throws Exception {
        ApiFixture api = new ApiFixture(dir, PoolSettings.API, cacheBytes);
        api.experiment("e1", "one", List.of(), ApiFixture.JSON.createObjectNode());
        api.experiment("e2", "two", List.of(), ApiFixture.JSON.createObjectNode());
        api.runs("e1", List.of(ApiFixture.config(0.5, 8, "coma")));
        api.runs("e2", List.of(ApiFixture.config(0.8, 8, "coma")));
        return api;
    }

    private static String cache(HttpResponse<String> r) {
        return r.headers().firstValue("X-Cache").orElse("(none)");
    }

    @Test
    void aRepeatedReadIsAnsweredFromMemoryWithTheSameBodyAndTag() throws Exception {
        try (ApiFixture api = seeded(dir, 1 << 20)) {
            for (String path : List.of("/api/runs/e1-r0000?points=50", "/api/experiments/e1", "/api/runs?limit=10",
                    "/api/experiments/e1/runs?sort=config.loss.lambda_srec", "/api/compare?runs=e1-r0000,e2-r0000",
                    "/api/experiments/e1/table?format=md", "/api/experiments/e1/results-table", "/api/status")) {
                HttpResponse<String> first = api.get(path);
                HttpResponse<String> second = api.get(path);
                assertEquals(200, first.statusCode(), path + ": " + first.body());
                assertEquals("miss", cache(first), path);
                assertEquals("hit", cache(second), path);
                assertEquals(first.body(), second.body(), path);
                assertEquals(first.headers().firstValue("Content-Type"), second.headers().firstValue("Content-Type"), path);
                String tag = first.headers().firstValue("ETag").orElseThrow();
                assertEquals(tag, second.headers().firstValue("ETag").orElseThrow(), path);
                assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElseThrow(), path);

                HttpResponse<String> unchanged = api.get(path, "If-None-Match", tag);
                assertEquals(304, unchanged.statusCode(), path);
                assertEquals("", unchanged.body(), path);
                assertEquals(200, api.get(path, "If-None-Match", "\"some-other-tag\"").statusCode(), path);
            }
        }
    }

    @Test
    void aCommittedChangeDropsTheAnswersOfItsExperimentOnlyAndOfListsAcrossExperiments() throws Exception {
        try (ApiFixture api = seeded(dir, 1 << 20)) {
            String e1Run = "/api/runs/e1-r0000", e2Run = "/api/runs/e2-r0000", all = "/api/runs", e1Runs = "/api/experiments/e1/runs";
            String e2Compare = "/api/compare?runs=e2-r0000,e1-r0000";
            for (String p : List.of(e1Run, e2Run, all, e1Runs, e2Compare)) {
                api.get(p);
                assertEquals("hit", cache(api.get(p)), p);
            }
            String tagBefore = api.get(e1Run).headers().firstValue("ETag").orElseThrow();

            // a worker's write, from outside the API
            api.records.runs().setStatus("e1-r0000", RunStatus.RUNNING, null, 1);

            HttpResponse<String> changed = api.get(e1Run);
            assertEquals("miss", cache(changed), "e1's run changed");
            assertEquals("running", ApiFixture.parse(changed.body()).get("status").asText());
            assertTrue(!tagBefore.equals(changed.headers().firstValue("ETag").orElseThrow()), "a new body, a new tag");
            assertEquals(200, api.get(e1Run, "If-None-Match", tagBefore).statusCode(), "the old tag no longer matches");
            assertEquals("miss", cache(api.get(e1Runs)), "a list of e1's runs");
            assertEquals("miss", cache(api.get(all)), "a list across experiments");
            assertEquals("miss", cache(api.get(e2Compare)), "a comparison that includes an e1 run");
            assertEquals("hit", cache(api.get(e2Run)), "e2 did not change");
        }
    }

    @Test
    void aRolledBackChangeKeepsTheAnswersAndATruncateDropsThemAll() throws Exception {
        try (ApiFixture api = seeded(dir, 1 << 20)) {
            String e1Run = "/api/runs/e1-r0000";
            api.get(e1Run);
            try {
                api.db.inTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("UPDATE runs SET status = 'failed' WHERE id = 'e1-r0000'");
                    }
                    throw new IllegalStateException("rolled back on purpose");
                });
            } catch (IllegalStateException expected) {
                // nothing committed
            }
            assertEquals("hit", cache(api.get(e1Run)));

            api.db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("TRUNCATE events");
                }
                return null;
            });
            assertEquals("miss", cache(api.get(e1Run)), "after a TRUNCATE anything may have changed");
        }
    }

    @Test
    void withTheCacheOffEveryReadGoesToTheDatabaseAndStillCarriesATag() throws Exception {
        try (ApiFixture api = seeded(dir, 0)) {
            HttpResponse<String> first = api.get("/api/runs/e1-r0000");
            HttpResponse<String> second = api.get("/api/runs/e1-r0000");
            assertEquals("miss", cache(first));
            assertEquals("miss", cache(second));
            String tag = first.headers().firstValue("ETag").orElseThrow();
            assertEquals(tag, second.headers().firstValue("ETag").orElseThrow(), "same body, same tag");
            assertEquals(304, api.get("/api/runs/e1-r0000", "If-None-Match", tag).statusCode());
            assertEquals(0, api.server.cachedAnswers());
        }
    }

    @Test
    void errorsAreNeverKept() throws Exception {
        try (ApiFixture api = seeded(dir, 1 << 20)) {
            assertEquals(404, api.get("/api/runs/e3-r0000").statusCode());
            api.experiment("e3", "three", List.of(), ApiFixture.JSON.createObjectNode());
            api.runs("e3", List.of(ApiFixture.config(0.5, 8, "coma")));
            HttpResponse<String> now = api.get("/api/runs/e3-r0000");
            assertEquals(200, now.statusCode(), now.body());
            assertEquals(400, api.get("/api/runs?limit=nope").statusCode());
            assertEquals(400, api.get("/api/runs?limit=nope").statusCode());
        }
    }
}
