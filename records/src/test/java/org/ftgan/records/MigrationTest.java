package org.ftgan.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
    @TempDir
    static Path dir;
    static EmbeddedDatabase pg;
    static Database db;

    @BeforeAll
    static void start() {
        pg = EmbeddedDatabase.start(dir, 0);
        db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
    }

    @AfterAll
    static void stop() {
        db.close();
        pg.stop();
    }

    @Test
    void appliesOnAnEmptyDatabaseAndAgainAsANoOp() throws Exception {
        db.migrate();
        List<String> history1 = history();
        db.migrate();
        assertEquals(history1, history(), "a second migrate applies nothing");
        // later migrations (api tokens, ...) follow the first; every one must have succeeded
        assertEquals("1:experiments runs curves results:true", history1.get(0));
        assertTrue(history1.contains("3:api tokens:true"), history1.toString());
        assertTrue(history1.stream().allMatch(h -> h.endsWith(":true")), history1.toString());
        for (String table : List.of("experiments", "runs", "curves", "results", "artifacts", "events", "api_tokens")) {
            assertTrue(exists("SELECT 1 FROM information_schema.tables WHERE table_name = ?", table), table);
        }
        for (String index : List.of("runs_experiment_status_idx", "runs_config_idx", "experiments_status_created_idx",
                "experiments_tags_idx", "results_metric_method_expression_idx", "events_run_idx")) {
            assertTrue(exists("SELECT 1 FROM pg_indexes WHERE indexname = ?", index), index);
        }
    }

    @Test
    void statusChecksRejectUnknownValues() {
        db.migrate();
        RecordsException e = assertThrows(RecordsException.class, () -> db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO experiments (id, name, definition, definition_yaml, definition_hash, status)"
                        + " VALUES ('x', 'x', '{}', '', 'h', 'paused')");
            }
        }));
        assertTrue(e.getMessage().contains("experiments_status_check"), e.getMessage());
    }

    @Test
    void runsTakeEveryRunStatusAndNothingElse() {
        db.migrate();
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO experiments (id, name, definition, definition_yaml, definition_hash)"
                        + " VALUES ('statuses', 'statuses', '{}', '', 'h') ON CONFLICT DO NOTHING");
            }
            return null;
        });
        for (org.ftgan.names.RunStatus status : org.ftgan.names.RunStatus.values()) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM runs WHERE id = 'statuses-r0000'");
                    return s.executeUpdate(insertRun(status.dbName()));
                }
            });
        }
        RecordsException e = assertThrows(RecordsException.class, () -> db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM runs WHERE id = 'statuses-r0000'");
                return s.executeUpdate(insertRun("paused"));
            }
        }));
        assertTrue(e.getMessage().contains("runs_status_check"), e.getMessage());
    }

    private static String insertRun(String status) {
        return "INSERT INTO runs (id, experiment_id, run_index, run_key, config, overrides, config_hash, definition_hash,"
                + " dataset_hash, code_version, seed, status) VALUES ('statuses-r0000', 'statuses', 0, 'k', '{}', '{}', 'c',"
                + " 'h', 'd', 'v', 1, '" + status + "')";
    }

    private static List<String> history() {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version, description, success FROM flyway_schema_history"
                         + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getBoolean(3));
                }
            }
            return out;
        });
    }

    private static boolean exists(String sql, String name) {
        return db.inTransaction((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
