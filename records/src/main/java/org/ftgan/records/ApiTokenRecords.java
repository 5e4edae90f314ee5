package org.ftgan.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The api_tokens table: bearer tokens of the HTTP API. A token is 32 random bytes from
 * {@link SecureRandom}, written as {@code ftg_} and URL-safe base64; only its SHA-256 is stored, so
 * {@link #create} is the one place the token is ever seen.
 */
public final class ApiTokenRecords {
    /** What a presented token turned out to be. */
    public enum Check { VALID, REVOKED, UNKNOWN }

    /** The outcome of {@link #check}: the token's name when it is known (valid or revoked), else null. */
    public record Verdict(Check check, String name) {
    }

    private static final String PREFIX = "ftg_";
    private static final int TOKEN_BYTES = 32;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    public ApiTokenRecords(Database db) {
        this.db = db;
    }

    /**
     * Creates a token called {@code name} and returns it; it cannot be read back later.
     *
     * @throws IllegalArgumentException if the name is malformed or already taken (revoked tokens keep theirs)
     */
    public String create(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name must be 1-100 characters of letters, digits and . _ @ -,"
                    + " starting with a letter or digit; got '" + name + "'");
        }
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        boolean inserted = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (name, token_sha256) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setString(2, sha256(token));
                return ps.executeUpdate() == 1;
            }
        });
        if (!inserted) {
            throw new IllegalArgumentException("a token named '" + name + "' exists already; choose another name");
        }
        return token;
    }

    /** Checks a presented token; a valid one has its last use stamped (at most once a minute, to spare writes). */
    public Verdict check(String token) {
        if (token == null || token.isEmpty()) {
            return new Verdict(Check.UNKNOWN, null);
        }
        String hash = sha256(token);
        return db.inTransaction(c -> {
            long id;
            String name;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, revoked_at IS NOT NULL FROM api_tokens WHERE token_sha256 = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Verdict(Check.UNKNOWN, null);
                    }
                    id = rs.getLong(1);
                    name = rs.getString(2);
                    if (rs.getBoolean(3)) {
                        return new Verdict(Check.REVOKED, name);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = now() WHERE id = ?"
                    + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return new Verdict(Check.VALID, name);
        });
    }

    /**
     * Revokes the token called {@code name}; requests with it are refused from now on.
     *
     * @return false if there is no token of that name or it was revoked already
     */
    public boolean revoke(String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_tokens SET revoked_at = now() WHERE name = ? AND revoked_at IS NULL")) {
                ps.setString(1, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
