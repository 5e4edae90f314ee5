package org.ftgan.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration V5: each run's copy of its overall FaceTuneGAN figures follows results, however they are written. */
class OverallResultsCopyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static EmbeddedDatabase pg;
    static Database db;

    @BeforeAll
    static void start() {
        pg = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
        db.migrate();
        new ExperimentRecords(db).insertIfAbsent(new NewExperiment("e", "e", "", List.of(), JSON.createObjectNode(), "", "h", "t"));
        new RunRecords(db).insertIfAbsent(List.of(run("e-r0", 0), run("e-r1", 1)));
    }

    @AfterAll
    static void stop() {
        db.close();
        pg.close();
    }

    private static PlannedRun run(String id, int index) {
        return new PlannedRun(id, "e", index, "k" + index, JSON.createObjectNode(), JSON.createObjectNode(), "c", "h", null, "v",
                index, 10L);
    }

    /** e_rec, e_id_decomp, e_neu, e_transfer as copied onto the run (null where none). */
    private static List<Double> copies(Database in, String runId) {
        return in.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT result_e_rec, result_e_id_decomp, result_e_neu,"
                    + " result_e_transfer FROM runs WHERE id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Double[] out = new Double[4];
                    for (int i = 0; i < 4; i++) {
                        double v = rs.getDouble(i + 1);
                        out[i] = rs.wasNull() ? null : v;
                    }
                    return Arrays.asList(out);
                }
            }
        });
    }

    private static ResultRow row(String metric, String method, String expression, double mean) {
        return new ResultRow(metric, method, expression, mean, 0.1, mean, 10);
    }

    @Test
    void figuresStoredBeforeTheMigrationAreCopiedByIt(@TempDir Path other) {
        try (EmbeddedDatabase old = EmbeddedDatabase.start(other.resolve("pg"), 0);
             Database oldDb = Database.connect(old.jdbcUrl(), old.user(), old.password())) {
            Flyway.configure().dataSource(oldDb.dataSource()).locations("classpath:db/migration").target("4").load().migrate();
            new ExperimentRecords(oldDb).insertIfAbsent(new NewExperiment("e", "e", "", List.of(), JSON.createObjectNode(), "", "h",
                    "t"));
            new RunRecords(oldDb).insertIfAbsent(List.of(run("e-r0", 0), run("e-r1", 1)));
            new ResultRecords(oldDb).replaceAll("e-r1", List.of(row("e_transfer", "facetunegan", "", 3.25),
                    row("e_rec", "blendshape", "", 8.0)));
            oldDb.migrate();
            assertEquals(Arrays.asList(null, null, null, 3.25), copies(oldDb, "e-r1"));
            assertEquals(Arrays.asList(null, null, null, null), copies(oldDb, "e-r0"));
        }
    }

    @Test
    void theCopiesAreTheOverallFaceTuneGanFiguresAndFollowEveryRewrite() {
        ResultRecords results = new ResultRecords(db);
        results.replaceAll("e-r0", List.of(row("e_rec", "facetunegan", "", 1.5), row("e_transfer", "facetunegan", "", 2.5),
                row("e_transfer", "blendshape", "", 9.0), row("e_transfer", "facetunegan", "smile", 7.0)));
        assertEquals(Arrays.asList(1.5, null, null, 2.5), copies(db, "e-r0"), "only method facetunegan over all expressions");
        assertEquals(Arrays.asList(null, null, null, null), copies(db, "e-r1"), "another run is untouched");

        results.replaceAll("e-r0", List.of(row("e_neu", "facetunegan", "", 0.75)));
        assertEquals(Arrays.asList(null, null, 0.75, null), copies(db, "e-r0"), "a retried evaluation's figures replace the old");

        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE results SET mean = 0.5 WHERE run_id = 'e-r0'");
            }
            return null;
        });
        assertEquals(Arrays.asList(null, null, 0.5, null), copies(db, "e-r0"), "an UPDATE by hand too");
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE results SET method = 'blendshape' WHERE run_id = 'e-r0'");
            }
            return null;
        });
        assertEquals(Arrays.asList(null, null, null, null), copies(db, "e-r0"), "a row that stops being an overall figure");

        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE results");
            }
            return null;
        });
        assertEquals(Arrays.asList(null, null, null, null), copies(db, "e-r0"), "and a TRUNCATE");
    }
}
