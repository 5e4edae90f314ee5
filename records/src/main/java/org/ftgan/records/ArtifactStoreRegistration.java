package org.ftgan.records;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * The artifact_store table: the identity of the one artifact store every worker of this platform
 * shares, recorded by the first worker that starts.
 */
public final class ArtifactStoreRegistration {
    /** The registered store: its identity, the root its first worker saw, and who registered it when. */
    public record Registered(String storeId, String root, String registeredBy, Instant registeredAt) {
    }

    private final Database db;

    public ArtifactStoreRegistration(Database db) {
        this.db = db;
    }

    /**
     * Records {@code storeId} as the platform's store unless one is recorded already, and returns
     * the recorded one either way (compare its id with {@code storeId}).
     */
    public Registered claim(String storeId, String root, String worker) {
        Rows.requireText(storeId, "artifact store id");
        Rows.requireText(root, "artifact store root");
        Rows.requireText(worker, "artifact store worker");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO artifact_store (store_id, root, registered_by)"
                    + " VALUES (?, ?, ?) ON CONFLICT (singleton) DO NOTHING")) {
                ps.setString(1, storeId);
                ps.setString(2, root);
                ps.setString(3, worker);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT store_id, root, registered_by, registered_at FROM artifact_store");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RecordsException("artifact_store has no row after its insert");
                }
                return new Registered(rs.getString(1), rs.getString(2), rs.getString(3), Rows.instant(rs, "registered_at"));
            }
        });
    }
}
