package org.ftgan.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void secondStartOnTheSameDirectoryFindsEverythingWrittenBefore() throws Exception {
        int port;
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0)) {
            port = pg.port();
            assertTrue(port > 0, "port 0 picks a free port");
            assertTrue(Files.isRegularFile(dir.resolve("pgdata/PG_VERSION")), "cluster lives in the given directory");
            try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password())) {
                db.migrate();
                new ExperimentRecords(db).insertIfAbsent(new NewExperiment("exp-1", "persisted", "", List.of("a"),
                        new ObjectMapper().readTree("{\"k\":1}"), "k: 1\n", "h1", "me"));
            }
        }
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
             Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password())) {
            db.migrate();
            ExperimentRow e = new ExperimentRecords(db).find("exp-1").orElseThrow();
            assertEquals("persisted", e.name());
            assertEquals(List.of("a"), e.tags());
            assertEquals(1, e.definition().get("k").asInt());
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
             Database db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
             Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW listen_addresses")) {
            rs.next();
            assertEquals("127.0.0.1", rs.getString(1));
        }
    }

    @Test
    void connectingToAStoppedServerIsTheTransientFailure() {
        int port;
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0)) {
            port = pg.port();
        }
        assertThrows(RecordsUnavailableException.class,
                () -> Database.connect("jdbc:postgresql://127.0.0.1:" + port + "/ftgan", "postgres", ""));
    }
}
