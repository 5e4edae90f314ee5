package org.ftgan.records.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.ftgan.records.Database;

/**
 * An experiment's runs grouped by the values of some config keys, with a metric's mean, sample
 * standard deviation (n - 1; null for a group of one) and n over the runs that have a value, and
 * the group's run count. Groups are ordered by their key values (as JSON values sort in PostgreSQL).
 */
public final class RunGroups {
    public static final int MAX_KEYS = 6;

    private final Database db;

    public RunGroups(Database db) {
        this.db = db;
    }

    /**
     * One group.
     *
     * @param key  the group's value of each key (JSON null where its runs lack the key), in the order asked for
     * @param mean null when no run of the group has a value
     * @param std  null for fewer than two values
     * @param n    how many of its runs have a value
     * @param runs how many runs it has
     */
    public record Group(Map<String, JsonNode> key, Double mean, Double std, long n, long runs) {
    }

    /** The groups of an experiment's runs by {@code by}, ordered by their key values. */
    public record Groups(String experimentId, Metric metric, List<String> by, List<Group> groups) {
    }

    /**
     * @throws NotFoundException for an unknown experiment
     * @throws InvalidQueryException naming by, for bad, repeated or unknown keys
     */
    public Groups groups(String experimentId, List<String> by, Metric metric) {
        if (by.isEmpty() || by.size() > MAX_KEYS) {
            throw new InvalidQueryException("by", "give 1 to " + MAX_KEYS
                    + " comma-separated config keys, for example by=loss.lambda_srec,model.content_dim");
        }
        LinkedHashSet<ConfigKey> keys = new LinkedHashSet<>();
        for (String name : by) {
            if (!keys.add(ConfigKey.parse("by", name.startsWith("config.") ? name.substring("config.".length()) : name))) {
                throw new InvalidQueryException("by", "key '" + name + "' is repeated");
            }
        }
        List<ConfigKey> ordered = List.copyOf(keys);
        Sql sql = new Sql().add("SELECT ");
        for (int i = 0; i < ordered.size(); i++) {
            sql.add("coalesce(g.k" + i + ", 'null'::jsonb)::text AS k" + i + ", ");
        }
        sql.add("avg(g.v) AS mean, stddev_samp(g.v) AS std, count(g.v) AS n, count(*) AS runs FROM (SELECT ");
        for (int i = 0; i < ordered.size(); i++) {
            sql.add("r.config #> ?::text[] AS k" + i + ", ", (Object) ordered.get(i).path());
        }
        sql.add(metric.valueOf("r")).add(" AS v FROM runs r WHERE r.experiment_id = ?) g GROUP BY ", experimentId);
        StringBuilder positions = new StringBuilder();
        for (int i = 0; i < ordered.size(); i++) {
            positions.append(i == 0 ? "" : ", ").append("g.k").append(i);
        }
        sql.add(positions + " ORDER BY " + positions);

        return db.inTransaction(c -> {
            if (!ExperimentQuery.exists(c, experimentId)) {
                throw NotFoundException.experiment(experimentId);
            }
            ConfigKeyCheck.requireExisting(c, "by", ordered, experimentId);
            List<Group> groups = new ArrayList<>();
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, JsonNode> values = new LinkedHashMap<>();
                    for (int i = 0; i < ordered.size(); i++) {
                        values.put(ordered.get(i).name(), Columns.json(rs.getString("k" + i), "group key"));
                    }
                    groups.add(new Group(values, Columns.nullableDouble(rs, "mean"), Columns.nullableDouble(rs, "std"),
                            rs.getLong("n"), rs.getLong("runs")));
                }
            }
            return new Groups(experimentId, metric, ordered.stream().map(ConfigKey::name).toList(), groups);
        });
    }
}
