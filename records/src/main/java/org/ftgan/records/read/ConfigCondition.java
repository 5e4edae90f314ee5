package org.ftgan.records.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A condition on a run's config value at {@code key}: compared as JSON, the way it is stored.
 * Ordering operators only match values of the same JSON type, so {@code lt 1} never matches a string.
 *
 * @param operator  one of {@link #OPERATORS}' keys: eq, ne, lt, lte, gt, gte
 * @param jsonValue the value as JSON text
 */
public record ConfigCondition(ConfigKey key, String operator, String jsonValue) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The operators a condition takes and their SQL. */
    public static final Map<String, String> OPERATORS = Map.of(
            "eq", "=", "ne", "<>", "lt", "<", "lte", "<=", "gt", ">", "gte", ">=");

    public ConfigCondition {
        if (!OPERATORS.containsKey(operator)) {
            throw new IllegalArgumentException("operator '" + operator + "' is not one of " + OPERATORS.keySet());
        }
    }

    /** {@code {"loss": {"lambda_srec": 0.4}}} for loss.lambda_srec eq 0.4. */
    private String containing() {
        try {
            JsonNode node = JSON.readTree(jsonValue);
            String[] path = key.path();
            for (int i = path.length - 1; i >= 0; i--) {
                ObjectNode wrap = JSON.createObjectNode();
                wrap.set(path[i], node);
                node = wrap;
            }
            return node.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("filter value " + jsonValue + " was built as JSON but does not parse", e);
        }
    }

    /** The condition on the runs table aliased {@code run}. */
    Sql condition(String run) {
        String sqlOp = OPERATORS.get(operator);
        Sql sql = new Sql();
        if (operator.equals("eq")) {
            // containment lets PostgreSQL use the GIN index on config; the equality below keeps arrays
            // exact (containment would also match a list that merely includes the value)
            sql.add(run + ".config @> ?::jsonb AND ", containing());
        }
        sql.add("(" + run + ".config #> ?::text[]) " + sqlOp + " ?::jsonb", key.path(), jsonValue);
        if (!operator.equals("eq") && !operator.equals("ne")) {
            sql.add(" AND jsonb_typeof(" + run + ".config #> ?::text[]) = jsonb_typeof(?::jsonb)", key.path(), jsonValue);
        }
        return sql;
    }
}
