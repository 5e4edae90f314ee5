package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.ftgan.records.PoolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More concurrent requests than database connections: a request that waits longer than the pool's
 * connection wait is 503 {@code overloaded} with Retry-After, and PostgreSQL being away stays 503
 * {@code records_unavailable}: the two call for different remedies.
 */
class ApiOverloadTest {
    @TempDir
    Path dir;

    @Test
    void aRequestThatCannotGetABusyPoolsConnectionInTimeIsOverloadedWithRetryAfter() throws Exception {
        try (ApiFixture api = new ApiFixture(dir, new PoolSettings(2, Duration.ofMillis(300)))) {
            api.experiment("e1", "one", List.of(), ApiFixture.JSON.createObjectNode());
            api.runs("e1", List.of(ApiFixture.config(0.5, 8, "coma")));
            HttpResponse<String> busy;
            try (Connection first = api.db.dataSource().getConnection(); Connection second = api.db.dataSource().getConnection()) {
                busy = api.getAsIs("/api/runs?experiment=e1");
            }
            assertEquals(503, busy.statusCode(), busy.body());
            assertEquals("overloaded", ApiFixture.parse(busy.body()).get("error").asText(), busy.body());
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
            assertEquals(1, api.json("/api/runs?experiment=e1").get("runs").size(), "answers again once a connection is free");
        }
    }

    @Test
    void postgresqlAwayIsStillRecordsUnavailableWithoutRetryAfter() throws Exception {
        try (ApiFixture api = new ApiFixture(dir, new PoolSettings(2, Duration.ofMillis(300)))) {
            api.postgres.stop();
            HttpResponse<String> away = api.getAsIs("/api/runs");
            assertEquals(503, away.statusCode(), away.body());
            assertEquals("records_unavailable", ApiFixture.parse(away.body()).get("error").asText(), away.body());
            assertEquals(null, away.headers().firstValue("Retry-After").orElse(null));
        }
    }
}
