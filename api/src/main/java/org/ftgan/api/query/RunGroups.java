package org.ftgan.api.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.List;
import org.ftgan.api.ApiError;
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

    /** @throws ApiError 404 not_found for an unknown experiment; 400 invalid_parameter for bad or unknown keys */
    public ObjectNode groups(String experimentId, List<String> by, Metric metric) {
        if (by.isEmpty() || by.size() > MAX_KEYS) {
            throw new ApiError(400, "invalid_parameter", "by: give 1 to " + MAX_KEYS
                    + " comma-separated config keys, for example by=loss.lambda_srec,model.content_dim");
        }
        LinkedHashSet<ConfigKey> keys = new LinkedHashSet<>();
        for (String name : by) {
            if (!keys.add(ConfigKey.parse("by", name.startsWith("config.") ? name.substring("config.".length()) : name))) {
                throw new ApiError(400, "invalid_parameter", "by: key '" + name + "' is repeated");
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
                throw new ApiError(404, "not_found", "no experiment with id '" + experimentId + "'");
            }
            ConfigKeyCheck.requireExisting(c, "by", ordered, experimentId);
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("experiment_id", experimentId);
            out.put("metric", metric.label());
            ArrayNode byNode = out.putArray("by");
            ordered.forEach(k -> byNode.add(k.name()));
            ArrayNode groups = out.putArray("groups");
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode g = groups.addObject();
                    ObjectNode values = g.putObject("key");
                    for (int i = 0; i < ordered.size(); i++) {
                        values.set(ordered.get(i).name(), Json.parse(rs.getString("k" + i), "group key"));
                    }
                    Json.putDouble(g, "mean", rs, "mean");
                    Json.putDouble(g, "std", rs, "std");
                    g.put("n", rs.getLong("n"));
                    g.put("runs", rs.getLong("runs"));
                }
            }
            return out;
        });
    }
}
