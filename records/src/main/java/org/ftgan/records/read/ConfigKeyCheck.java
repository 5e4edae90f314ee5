package org.ftgan.records.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses config keys that no run has: a typo in a filter or sort key would otherwise silently
 * match nothing or sort by nothing. Keys found are remembered (per experiment, and for all runs),
 * since a run's config never changes: only keys not seen yet cost a query.
 */
final class ConfigKeyCheck {
    /** Bounds the memory of found keys; the oldest are forgotten first. */
    private static final int REMEMBERED = 10_000;
    private static final Map<String, Boolean> FOUND = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    private ConfigKeyCheck() {
    }

    /**
     * @param experimentId the experiment whose runs must have the keys, or null for any run
     * @throws InvalidQueryException naming the parameter and the key
     */
    static void requireExisting(Connection c, String parameter, Collection<ConfigKey> keys, String experimentId)
            throws SQLException {
        for (ConfigKey k : keys) {
            // the database's name in the key: tests and benchmarks run several in one JVM
            String memo = c.getMetaData().getURL() + "|" + (experimentId == null ? "" : experimentId) + "|" + k.name();
            if (FOUND.containsKey(memo)) {
                continue;
            }
            Sql sql = new Sql().add("SELECT EXISTS (SELECT 1 FROM runs r WHERE r.config #> ?::text[] IS NOT NULL",
                    (Object) k.path());
            if (experimentId != null) {
                sql.add(" AND r.experiment_id = ?", experimentId);
            }
            sql.add(")");
            try (var ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new InvalidQueryException(parameter, "config key '" + k.name() + "' is in no run's config"
                            + (experimentId == null ? "" : " of experiment '" + experimentId + "'"));
                }
                FOUND.put(memo, Boolean.TRUE);
            }
        }
    }
}
