package org.ftgan.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL restarted under an open pool: the outage is reported as transient and the pool recovers. */
class DatabaseRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void writesFailAsUnavailableWhileTheServerIsDownAndSucceedAfterItIsBack() throws Exception {
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
        int port = pg.port();
        try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password())) {
            db.migrate();
            ExperimentRecords experiments = new ExperimentRecords(db);
            experiments.insertIfAbsent(experiment("before"));

            pg.stop();
            assertThrows(RecordsUnavailableException.class, () -> experiments.insertIfAbsent(experiment("during")));
            assertThrows(RecordsUnavailableException.class, () -> experiments.find("before"));

            pg = EmbeddedDatabase.start(dir, port);
            assertEquals(port, pg.port());
            assertTrue(experiments.insertIfAbsent(experiment("after")));
            assertEquals(List.of("after", "before"),
                    experiments.listRecent(10).stream().map(ExperimentRow::id).sorted().toList());
        } finally {
            pg.stop();
        }
    }

    @Test
    void idleConnectionsKilledByARestartDoNotFailTheNextWrite() throws Exception {
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
        int port = pg.port();
        try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password())) {
            db.migrate();
            ExperimentRecords experiments = new ExperimentRecords(db);
            experiments.insertIfAbsent(experiment("before"));
            pg.stop();
            pg = EmbeddedDatabase.start(dir, port);
            for (int i = 0; i < 4; i++) {
                assertTrue(experiments.insertIfAbsent(experiment("after-" + i)), "write " + i + " after the restart");
            }
            assertEquals(5, experiments.listRecent(10).size());
        } finally {
            pg.stop();
        }
    }

    private static NewExperiment experiment(String id) throws Exception {
        return new NewExperiment(id, "name " + id, "", List.of(), new ObjectMapper().readTree("{}"), "", "h", "me");
    }
}
