package org.ftgan.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens on a real PostgreSQL: created once, stored hashed, checked, revoked. */
class ApiTokenRecordsTest {
    @TempDir
    static Path dir;
    static EmbeddedDatabase pg;
    static Database db;
    static ApiTokenRecords tokens;

    @BeforeAll
    static void start() {
        pg = EmbeddedDatabase.start(dir, 0);
        db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
        db.migrate();
        tokens = new ApiTokenRecords(db);
    }

    @AfterAll
    static void stop() {
        db.close();
        pg.stop();
    }

    @Test
    void aCreatedTokenIsValidAndOnlyItsHashIsStored() {
        String token = tokens.create("alice");
        assertTrue(token.startsWith("ftg_") && token.length() == 4 + 43, token);
        assertEquals(new ApiTokenRecords.Verdict(ApiTokenRecords.Check.VALID, "alice"), tokens.check(token));
        String stored = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT token_sha256, last_used_at IS NOT NULL FROM api_tokens WHERE name = 'alice'");
                 ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(2), "a valid check stamps last_used_at");
                return rs.getString(1);
            }
        });
        assertEquals(ApiTokenRecords.sha256(token), stored);
        assertNotEquals(token, stored);
    }

    @Test
    void unknownAndTamperedTokensAreUnknown() {
        String token = tokens.create("bob");
        assertEquals(new ApiTokenRecords.Verdict(ApiTokenRecords.Check.UNKNOWN, null), tokens.check(token + "x"));
        assertEquals(ApiTokenRecords.Check.UNKNOWN, tokens.check("").check());
        assertEquals(ApiTokenRecords.Check.UNKNOWN, tokens.check(null).check());
        assertNotEquals(token, tokens.create("bob2"), "every token is new randomness");
    }

    @Test
    void aRevokedTokenIsRevokedAndItsNameStaysTaken() {
        String token = tokens.create("carol");
        assertTrue(tokens.revoke("carol"));
        assertFalse(tokens.revoke("carol"), "revoking twice changes nothing");
        assertFalse(tokens.revoke("nobody"));
        assertEquals(new ApiTokenRecords.Verdict(ApiTokenRecords.Check.REVOKED, "carol"), tokens.check(token));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokens.create("carol"));
        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
    }

    @Test
    void malformedNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokens.create("a b"));
        assertTrue(e.getMessage().contains("'a b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokens.create(""));
    }
}
