package org.ftgan.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ftgan.definition.ValueRule.IntegerRange;
import org.ftgan.definition.ValueRule.ListOf;
import org.ftgan.definition.ValueRule.NumberRange;
import org.ftgan.definition.ValueRule.OneOf;
import org.ftgan.train.RunConfig;

/**
 * The run-config keys a definition may set, section by section, with the rule each value must pass.
 * The keys are RunConfig's own (a mismatch fails at class load, so the two cannot drift) except
 * {@code topology.cache_dir}, which the worker sets. The upper bounds refuse absurd definitions
 * before a worker tries to run them; RunConfig itself has none.
 */
final class ConfigKeys {
    /** The five sections, in the order a run config is written. */
    static final List<String> SECTIONS = List.of("model", "topology", "loss", "training", "evaluation");

    /** Keys RunConfig accepts that a definition may not set, with why. */
    static final Map<String, String> WORKER_KEYS = Map.of("topology.cache_dir", "is set by the worker, not by a definition");

    static final long MAX_STEPS = 100_000_000L;
    static final int MAX_BATCH = 4096;
    static final int MAX_TRIPLETS = 1_000_000;

    private static final Map<String, Map<String, ValueRule>> RULES = rules();

    private ConfigKeys() {
    }

    /** The rules of one section's keys (sorted), or null for an unknown section. */
    static Map<String, ValueRule> section(String name) {
        return RULES.get(name);
    }

    /** The rule of a config key, or null after reporting it unknown (or reserved for the worker). */
    static ValueRule rule(String section, String key, String path, List<Problem> problems) {
        String reserved = ConfigKeys.WORKER_KEYS.get(section + "." + key);
        if (reserved != null) {
            problems.add(new Problem(path, reserved));
            return null;
        }
        Map<String, ValueRule> rules = section(section);
        ValueRule rule = rules.get(key);
        if (rule == null) {
            problems.add(new Problem(path, ClosestKey.unknownKeyMessage(key, rules.keySet())));
        }
        return rule;
    }

    private static Map<String, Map<String, ValueRule>> rules() {
        ValueRule width = new IntegerRange(1, 65_536);
        Map<String, ValueRule> model = new TreeMap<>();
        model.put("preset", new OneOf(new TreeSet<>(Set.of("tiny", "coma", "facescape"))));
        model.put("channels", new ListOf(new IntegerRange(1, 4096), 2, 16));
        model.put("content_dim", new IntegerRange(1, 4096));
        model.put("style_dim", new IntegerRange(1, 4096));
        model.put("mlp_hidden", width);
        model.put("style_hidden", width);
        model.put("mapping_hidden", new ListOf(width, 1, 32));
        model.put("spiral_length", new IntegerRange(1, 64));
        // MODEL.md: coarse; all: every decoder block; res: the residual blocks only (org.ftgan.nn.AdainPlacement)
        model.put("adain", new OneOf(new TreeSet<>(Set.of("coarse", "all", "res"))));

        Map<String, ValueRule> topology = new TreeMap<>();
        topology.put("factors", new ListOf(new IntegerRange(1, 64), 1, 16));
        topology.put("dilation", new IntegerRange(1, 16));

        Map<String, ValueRule> loss = new TreeMap<>();
        ValueRule weight = new NumberRange(0, false, 1e6);
        for (String k : RunConfig.LOSS_KEYS) {
            loss.put(k, weight);
        }
        // MODEL.md: flattened; vertex_mean: FUNIT's features averaged over positions (org.ftgan.train.FeaturePooling)
        loss.put("feature_pooling", new OneOf(new TreeSet<>(Set.of("flattened", "vertex_mean"))));

        Map<String, ValueRule> training = new TreeMap<>();
        training.put("steps", new IntegerRange(1, MAX_STEPS));
        training.put("epochs", new IntegerRange(1, 1_000_000));
        training.put("batch", new IntegerRange(1, MAX_BATCH));
        training.put("lr", new NumberRange(0, true, 1));
        training.put("betas", new ListOf(new NumberRange(0, false, 0.999999), 2, 2));
        training.put("weight_decay", new NumberRange(0, false, 1));
        training.put("seed", ValueRule.anyInteger());
        training.put("log_every", new IntegerRange(1, MAX_STEPS));
        training.put("checkpoint_every_steps", new IntegerRange(0, MAX_STEPS));
        training.put("checkpoint_every_minutes", new NumberRange(0, false, 1e6));
        training.put("keep_last", new IntegerRange(1, 1000));
        training.put("clip_grad_norm", new NumberRange(0, false, 1e6));
        training.put("divergence_threshold", new NumberRange(0, false, 1e30));

        Map<String, ValueRule> evaluation = new TreeMap<>();
        evaluation.put("triplets", new IntegerRange(1, MAX_TRIPLETS));
        evaluation.put("seed", ValueRule.anyInteger());
        evaluation.put("pool", new OneOf(new TreeSet<>(Set.of("test", "all"))));
        evaluation.put("peak_triplets", new ValueRule.Bool());
        evaluation.put("every_steps", new IntegerRange(0, MAX_STEPS));
        evaluation.put("training_triplets", new IntegerRange(1, MAX_TRIPLETS));
        evaluation.put("keep_best", new ValueRule.Bool());

        Map<String, Map<String, ValueRule>> all = new LinkedHashMap<>();
        all.put("model", requireSame("model", model, RunConfig.MODEL_KEYS));
        all.put("topology", requireSame("topology", topology, RunConfig.TOPOLOGY_KEYS));
        all.put("loss", requireSame("loss", loss, RunConfig.LOSS_KEYS));
        all.put("training", requireSame("training", training, RunConfig.TRAINING_KEYS));
        all.put("evaluation", requireSame("evaluation", evaluation, RunConfig.EVALUATION_KEYS));
        return Collections.unmodifiableMap(all);
    }

    private static Map<String, ValueRule> requireSame(String section, Map<String, ValueRule> rules, Set<String> runConfigKeys) {
        Set<String> expected = new TreeSet<>(runConfigKeys);
        expected.removeIf(k -> WORKER_KEYS.containsKey(section + "." + k));
        if (!expected.equals(rules.keySet())) {
            throw new IllegalStateException("definition rules for " + section + " cover " + rules.keySet()
                    + " but RunConfig accepts " + expected);
        }
        return Collections.unmodifiableMap(rules);
    }
}
