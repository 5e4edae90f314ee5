package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A run's training budget in its stored config (the five sections a sweep plans): {@code training.steps},
 * or {@code training.epochs}. Continuing a run to a larger budget rewrites it as a step count; nothing
 * else of the config changes, so the trajectory (RunConfig's hash, which leaves the budget out) is the
 * same and the run resumes from its checkpoints.
 */
public final class RunBudget {
    private RunBudget() {
    }

    /** A copy of {@code config} whose budget is {@code steps} steps ({@code training.epochs} removed). */
    public static ObjectNode withSteps(JsonNode config, long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a budget needs at least 1 step, got " + steps);
        }
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("a run config is a JSON object, got " + config);
        }
        ObjectNode copy = config.deepCopy();
        JsonNode training = copy.get("training");
        ObjectNode t = training != null && training.isObject() ? (ObjectNode) training : copy.putObject("training");
        t.remove("epochs");
        t.put("steps", steps);
        return copy;
    }

    /** The config hash of a stored run config, as {@link RunSpec#configHash()} computes it at planning. */
    public static String configHash(JsonNode config) {
        return CanonicalJson.sha256(config);
    }
}
