package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.ftgan.records.ApiTokenRecords;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ftgan token create|revoke` against a real PostgreSQL given by URL. Starting the embedded
 * PostgreSQL needs commons-io 2.21 (zonky's); in this module ND4J's 2.7 is nearer and wins unless
 * the parent pom pins commons-io, which `ftgan up` and `ftgan token --data` on a fresh data dir need too.
 */
class TokenCommandTest {
    @TempDir
    static Path dir;
    static EmbeddedDatabase postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static String[] args(String... first) {
        String[] db = {"--db", postgres.jdbcUrl(), "--db-user", postgres.user(), "--db-password", postgres.password()};
        String[] out = new String[first.length + db.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(db, 0, out, first.length, db.length);
        return out;
    }

    @Test
    void createPrintsTheTokenOnceOnItsLastLineAndRevokeRefusesIt() {
        CliRun created = CliRun.of(args("token", "create", "--name", "ci-bot"));
        assertEquals(0, created.exitCode(), created.err());
        String[] lines = created.out().strip().split("\\R");
        String token = lines[lines.length - 1];
        assertTrue(token.startsWith("ftg_"), created.out());
        assertEquals(1, created.out().split(java.util.regex.Pattern.quote(token), -1).length - 1, "printed once");
        try (Database db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            ApiTokenRecords tokens = new ApiTokenRecords(db);
            assertEquals(ApiTokenRecords.Check.VALID, tokens.check(token).check());

            CliRun again = CliRun.of(args("token", "create", "--name", "ci-bot"));
            assertEquals(2, again.exitCode());
            assertTrue(again.err().contains("'ci-bot' exists already"), again.err());

            CliRun revoked = CliRun.of(args("token", "revoke", "--name", "ci-bot"));
            assertEquals(0, revoked.exitCode(), revoked.err());
            assertEquals(ApiTokenRecords.Check.REVOKED, tokens.check(token).check());
            CliRun twice = CliRun.of(args("token", "revoke", "--name", "ci-bot"));
            assertEquals(2, twice.exitCode());
            assertTrue(twice.err().contains("no active token named 'ci-bot'"), twice.err());
        }
    }

    /** `ftgan up --postgres-port N` runs PostgreSQL on another port: `token --data` finds it there. */
    @Test
    void aDataDirWhosePostgresRunsOnAnotherPortIsFound() {
        CliRun created = CliRun.of("token", "create", "--name", "by-data-dir", "--data", dir.toString());
        assertEquals(0, created.exitCode(), created.out() + created.err());
        String[] lines = created.out().strip().split("\\R");
        String token = lines[lines.length - 1];
        try (Database db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            assertEquals(ApiTokenRecords.Check.VALID, new ApiTokenRecords(db).check(token).check(),
                    "the token is in the PostgreSQL running on the data dir (port " + postgres.port() + ")");
        }
    }
}
