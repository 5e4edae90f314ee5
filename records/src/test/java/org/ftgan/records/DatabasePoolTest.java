package org.ftgan.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's size is a setting, and a caller that cannot get a busy pool's connection in time is told so. */
class DatabasePoolTest {
    @TempDir
    Path dir;

    @Test
    void settingsOutsideTheirRangeAreRefusedNamingTheSetting() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new PoolSettings(1, Duration.ofSeconds(1)));
        assertTrue(size.getMessage().contains("pool size: 1 is not between 2 and"), size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PoolSettings(PoolSettings.MAX_SIZE + 1, Duration.ofSeconds(1)));
        IllegalArgumentException wait = assertThrows(IllegalArgumentException.class,
                () -> new PoolSettings(4, Duration.ofMillis(100)));
        assertTrue(wait.getMessage().contains("connection wait"), wait.getMessage());
        assertTrue(PoolSettings.API.size() > PoolSettings.SMALL.size());
    }

    @Test
    void aCallerWaitingPastTheConnectionWaitOfAFullyBusyPoolIsToldItIsOverloaded() throws Exception {
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
        try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password(), new PoolSettings(2, Duration.ofMillis(300)))) {
            assertEquals(2, db.poolSettings().size());
            CountDownLatch holding = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<?>[] holders = new CompletableFuture<?>[2];
            for (int i = 0; i < 2; i++) {
                holders[i] = CompletableFuture.runAsync(() -> db.inTransaction(c -> {
                    holding.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
            }
            assertTrue(holding.await(30, TimeUnit.SECONDS), "both connections lent out");
            RecordsException busy = assertThrows(RecordsException.class, () -> db.inTransaction(c -> 1));
            assertInstanceOf(RecordsOverloadedException.class, busy);
            assertTrue(busy.getMessage().contains("all 2 records connections stayed busy for 300 ms"), busy.getMessage());
            release.countDown();
            CompletableFuture.allOf(holders).get(30, TimeUnit.SECONDS);
            assertEquals(Integer.valueOf(1), db.<Integer>inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
        } finally {
            pg.stop();
        }
    }

    @Test
    void aServerThatIsAwayIsUnavailableNotOverloaded() throws Exception {
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
        try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password(), new PoolSettings(2, Duration.ofMillis(500)))) {
            pg.stop();
            RecordsUnavailableException away = assertThrows(RecordsUnavailableException.class, () -> db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                return null;
            }));
            assertFalse(away instanceof RecordsOverloadedException, away.getMessage());
        } finally {
            pg.stop();
        }
    }
}
