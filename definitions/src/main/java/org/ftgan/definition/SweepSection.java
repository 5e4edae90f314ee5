package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.ftgan.definition.ValueRule.IntegerRange;
import org.ftgan.definition.ValueRule.NumberRange;

/** Checks a definition's {@code sweep:} section (grid, random, search, max_parallel, early_stopping) and makes its {@link Sweep}. */
final class SweepSection {
    private static final Set<String> SWEEP = new TreeSet<>(List.of("grid", "random", "search", "max_parallel", "early_stopping"));
    private static final Set<String> SEARCH = new TreeSet<>(List.of("method", "n", "seed", "space", "metric", "mode", "n_startup"));
    private static final Set<String> EARLY_STOPPING = new TreeSet<>(List.of("method", "metric", "mode", "min_steps",
            "reduction_factor", "max_steps"));
    /** reduction_factor when absent (asha), as Ray Tune's and the ASHA paper's default. */
    static final int DEFAULT_REDUCTION_FACTOR = 3;
    private static final Set<String> RANDOM = new TreeSet<>(List.of("n", "seed", "space"));
    private static final Set<String> RANGES = new TreeSet<>(List.of("uniform", "log_uniform", "int_uniform", "choice"));

    private SweepSection() {
    }

    /** sweep.max_parallel, 1 when absent. */
    static int maxParallel(JsonNode sweep, List<Problem> problems) {
        JsonNode n = sweep == null ? null : sweep.get("max_parallel");
        if (n == null) {
            return 1;
        }
        new IntegerRange(1, DefinitionValidator.MAX_PARALLEL).check(n, "sweep.max_parallel", problems);
        return n.asInt();
    }

    /**
     * sweep.early_stopping, or null when absent or wrong (its problems added). What it needs of each
     * run's config (evaluation during training, min_steps a multiple of its interval) is checked by
     * {@link #checkAgainst}.
     */
    static EarlyStopping earlyStopping(JsonNode sweep, List<Problem> problems) {
        JsonNode n = sweep == null || !sweep.isObject() ? null : sweep.get("early_stopping");
        if (n == null) {
            return null;
        }
        String path = "sweep.early_stopping";
        if (!n.isObject()) {
            problems.add(new Problem(path, "expected a mapping (method, metric, mode, min_steps, reduction_factor, max_steps), got "
                    + ValueRule.describe(n)));
            return null;
        }
        int before = problems.size();
        ClosestKey.reportUnknown(n, path, EARLY_STOPPING, problems);
        boolean method = required(n, "method", path + ".method", new ValueRule.OneOf(Set.copyOf(EarlyStopping.METHODS)), problems);
        required(n, "metric", path + ".metric", new ValueRule.OneOf(Set.copyOf(EarlyStopping.METRICS)), problems);
        if (n.has("mode")) {
            new ValueRule.OneOf(Set.copyOf(EarlyStopping.MODES)).check(n.get("mode"), path + ".mode", problems);
        }
        boolean minSteps = required(n, "min_steps", path + ".min_steps", new IntegerRange(1, ConfigKeys.MAX_STEPS), problems);
        if (n.has("reduction_factor")) {
            if (method && !n.get("method").asText().equals(EarlyStopping.ASHA)) {
                problems.add(new Problem(path + ".reduction_factor", "only method asha has rungs to space; remove it for "
                        + n.get("method").asText()));
            } else {
                new IntegerRange(2, 100).check(n.get("reduction_factor"), path + ".reduction_factor", problems);
            }
        }
        if (n.has("max_steps")) {
            int b = problems.size();
            new IntegerRange(1, ConfigKeys.MAX_STEPS).check(n.get("max_steps"), path + ".max_steps", problems);
            if (b == problems.size() && minSteps && n.get("max_steps").asLong() <= n.get("min_steps").asLong()) {
                problems.add(new Problem(path + ".max_steps", "expected more than min_steps (" + n.get("min_steps").asLong()
                        + "), got " + n.get("max_steps").asLong()));
            }
        }
        if (problems.size() != before) {
            return null;
        }
        return new EarlyStopping(n.get("method").asText(), n.get("metric").asText(), n.path("mode").asText("min"),
                n.get("min_steps").asLong(), n.path("reduction_factor").asInt(DEFAULT_REDUCTION_FACTOR),
                n.path("max_steps").asLong(Long.MAX_VALUE));
    }

    /**
     * What early stopping needs of one run's config: evaluation during training on, and min_steps (the
     * first rung, so every rung) on its schedule. {@code everySteps} is the run's evaluation.every_steps.
     * Returns "path: message", or null when it fits.
     */
    static String checkAgainst(EarlyStopping es, long everySteps) {
        if (everySteps <= 0) {
            return "sweep.early_stopping: early stopping judges the figures of the evaluation during training, which is off"
                    + " (evaluation.every_steps is 0): set evaluation.every_steps";
        }
        if (es.minSteps() % everySteps != 0) {
            return "sweep.early_stopping.min_steps: " + es.minSteps() + " is not a multiple of evaluation.every_steps (" + everySteps
                    + "): no evaluation would fall on its rungs";
        }
        return null;
    }

    /** The sweep, or null after adding its problems; an absent sweep is one run of the base config. */
    static Sweep check(JsonNode n, ObjectNode base, List<Problem> problems) {
        if (n == null) {
            return new Sweep(base, List.of(), List.of(), 0, 0);
        }
        if (!n.isObject()) {
            problems.add(new Problem("sweep", "expected a mapping (grid, random, search, max_parallel, early_stopping), got " + ValueRule.describe(n)));
            return null;
        }
        int before = problems.size();
        ClosestKey.reportUnknown(n, "sweep", SWEEP, problems);
        List<Sweep.GridAxis> grid = grid(n.get("grid"), problems);
        JsonNode random = n.get("random");
        List<Sweep.RandomAxis> randomAxes = new ArrayList<>();
        int count = 0;
        long seed = 0;
        if (random != null) {
            if (!random.isObject()) {
                problems.add(new Problem("sweep.random", "expected a mapping (n, seed, space), got " + ValueRule.describe(random)));
            } else {
                ClosestKey.reportUnknown(random, "sweep.random", RANDOM, problems);
                count = required(random, "n", "sweep.random.n", new IntegerRange(1, DefinitionValidator.MAX_RUNS), problems) ? random.get("n").asInt() : 0;
                seed = required(random, "seed", "sweep.random.seed", ValueRule.anyInteger(), problems) ? random.get("seed").asLong() : 0;
                randomAxes = space(random.get("space"), "sweep.random.space", problems);
            }
        }
        Search search = search(n, problems);
        if (n.has("search")) {
            for (String other : List.of("grid", "random")) {
                if (n.has(other)) {
                    problems.add(new Problem("sweep.search", "a search proposes every run of the sweep; it cannot be combined with sweep."
                            + other + " (remove one of them)"));
                }
            }
        }
        // exact, however large: the message says by how much a sweep is too big
        BigInteger gridRuns = BigInteger.ONE;
        for (Sweep.GridAxis a : grid) {
            gridRuns = gridRuns.multiply(BigInteger.valueOf(a.values().size()));
        }
        BigInteger gridPart = grid.isEmpty() ? BigInteger.valueOf(count > 0 ? 0 : 1) : gridRuns;
        BigInteger total = gridPart.add(BigInteger.valueOf(count));
        if (total.compareTo(BigInteger.valueOf(DefinitionValidator.MAX_RUNS)) > 0) {
            problems.add(new Problem("sweep", String.format(Locale.ROOT, "expands to %,d runs (grid %,d + random %,d), more than the %,d allowed",
                    total, grid.isEmpty() ? BigInteger.ZERO : gridRuns, count, DefinitionValidator.MAX_RUNS)));
        }
        if (search != null && problems.size() == before) {
            return new Sweep(base, List.of(), List.of(), 0, 0, search);
        }
        return problems.size() == before ? new Sweep(base, grid, randomAxes, count, seed) : null;
    }

    private static boolean required(JsonNode parent, String key, String path, ValueRule rule, List<Problem> problems) {
        if (!parent.has(key)) {
            problems.add(new Problem(path, "is required"));
            return false;
        }
        int before = problems.size();
        rule.check(parent.get(key), path, problems);
        return problems.size() == before;
    }

    private static List<Sweep.GridAxis> grid(JsonNode n, List<Problem> problems) {
        List<Sweep.GridAxis> axes = new ArrayList<>();
        if (n == null) {
            return axes;
        }
        forEachConfigKey(n, "sweep.grid", problems, (section, key, rule, values, path) -> {
            if (!values.isArray() || values.isEmpty()) {
                problems.add(new Problem(path, "expected a non-empty list of values (one run per value), got " + ValueRule.describe(values)));
                return;
            }
            List<JsonNode> list = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                rule.check(values.get(i), path + "[" + i + "]", problems);
                int first = list.indexOf(values.get(i));
                if (first >= 0) {
                    problems.add(new Problem(path + "[" + i + "]", "repeats the value of " + path + "[" + first + "]"));
                }
                list.add(values.get(i));
            }
            axes.add(new Sweep.GridAxis(section, key, list));
        });
        return axes;
    }

    /**
     * sweep.search, or null when absent or wrong (its problems added). The metric and mode default to
     * early stopping's, else E_transfer and min.
     */
    private static Search search(JsonNode sweep, List<Problem> problems) {
        JsonNode n = sweep.get("search");
        if (n == null) {
            return null;
        }
        String path = "sweep.search";
        if (!n.isObject()) {
            problems.add(new Problem(path, "expected a mapping (method, n, seed, space, metric, mode, n_startup), got "
                    + ValueRule.describe(n)));
            return null;
        }
        int before = problems.size();
        ClosestKey.reportUnknown(n, path, SEARCH, problems);
        boolean method = required(n, "method", path + ".method", new ValueRule.OneOf(Set.copyOf(Search.METHODS)), problems);
        required(n, "n", path + ".n", new IntegerRange(1, DefinitionValidator.MAX_RUNS), problems);
        required(n, "seed", path + ".seed", ValueRule.anyInteger(), problems);
        if (n.has("metric")) {
            new ValueRule.OneOf(Set.copyOf(EarlyStopping.METRICS)).check(n.get("metric"), path + ".metric", problems);
        }
        if (n.has("mode")) {
            new ValueRule.OneOf(Set.copyOf(EarlyStopping.MODES)).check(n.get("mode"), path + ".mode", problems);
        }
        if (n.has("n_startup")) {
            if (method && !n.get("method").asText().equals(Search.TPE)) {
                problems.add(new Problem(path + ".n_startup", "only method tpe has random points before its model; remove it for "
                        + n.get("method").asText()));
            } else {
                new IntegerRange(1, DefinitionValidator.MAX_RUNS).check(n.get("n_startup"), path + ".n_startup", problems);
            }
        }
        int spaceBefore = problems.size();
        List<Sweep.RandomAxis> axes = space(n.get("space"), path + ".space", problems);
        if (axes.isEmpty() && problems.size() == spaceBefore) {
            problems.add(new Problem(path + ".space", "names no key: a search needs at least one key to choose"));
        }
        if (problems.size() != before) {
            return null;
        }
        JsonNode es = sweep.path("early_stopping");
        String metric = n.has("metric") ? n.get("metric").asText()
                : es.path("metric").isTextual() && EarlyStopping.METRICS.contains(es.get("metric").asText()) ? es.get("metric").asText()
                : Search.DEFAULT_METRIC;
        String mode = n.has("mode") ? n.get("mode").asText()
                : !n.has("metric") && es.path("mode").isTextual() && EarlyStopping.MODES.contains(es.get("mode").asText())
                ? es.get("mode").asText() : "min";
        return new Search(n.get("method").asText(), n.get("n").asInt(), n.get("seed").asLong(), metric, mode,
                n.path("n_startup").asInt(Search.DEFAULT_STARTUP), axes);
    }

    private static List<Sweep.RandomAxis> space(JsonNode n, String spacePath, List<Problem> problems) {
        List<Sweep.RandomAxis> axes = new ArrayList<>();
        if (n == null) {
            problems.add(new Problem(spacePath, "is required: the keys to draw, e.g. {loss: {lambda_adv: {log_uniform: [0.01, 1.0]}}}"));
            return axes;
        }
        forEachConfigKey(n, spacePath, problems, (section, key, rule, spec, path) -> {
            if (!spec.isObject() || spec.size() != 1) {
                problems.add(new Problem(path, "expected one of {uniform: [low, high]}, {log_uniform: [low, high]}, "
                        + "{int_uniform: [low, high]}, {choice: [values]}, got " + ValueRule.describe(spec)));
                return;
            }
            String kind = spec.fieldNames().next();
            RandomRange range = range(kind, spec.get(kind), rule, path + "." + kind, problems);
            if (range != null) {
                axes.add(new Sweep.RandomAxis(section, key, range));
            }
        });
        return axes;
    }

    private static RandomRange range(String kind, JsonNode args, ValueRule rule, String path, List<Problem> problems) {
        if (!RANGES.contains(kind)) {
            problems.add(new Problem(path, "unknown distribution" + ClosestKey.of(kind, RANGES).map(k -> ", did you mean \"" + k + "\"?")
                    .orElse(", expected one of " + String.join(", ", RANGES))));
            return null;
        }
        if (kind.equals("choice")) {
            if (!args.isArray() || args.isEmpty()) {
                problems.add(new Problem(path, "expected a non-empty list of values, got " + ValueRule.describe(args)));
                return null;
            }
            int before = problems.size();
            List<JsonNode> values = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                rule.check(args.get(i), path + "[" + i + "]", problems);
                values.add(args.get(i));
            }
            return problems.size() == before ? new RandomRange.Choice(values) : null;
        }
        boolean integral = kind.equals("int_uniform");
        if (!(rule instanceof NumberRange) && !(rule instanceof IntegerRange)) {
            problems.add(new Problem(path, "this key is not a number; draw it with choice"));
            return null;
        }
        if (rule instanceof IntegerRange && !integral) {
            problems.add(new Problem(path, kind + " draws fractions and this key takes integers; use int_uniform or choice"));
            return null;
        }
        if (!args.isArray() || args.size() != 2) {
            problems.add(new Problem(path, "expected [low, high], got " + ValueRule.describe(args)));
            return null;
        }
        int before = problems.size();
        for (int i = 0; i < 2; i++) {
            if (integral && !ValueRule.isInteger(args.get(i))) {
                problems.add(new Problem(path + "[" + i + "]", "expected an integer, got " + ValueRule.describe(args.get(i))));
            } else {
                rule.check(args.get(i), path + "[" + i + "]", problems);
            }
        }
        if (problems.size() != before) {
            return null;
        }
        double low = ValueRule.number(args.get(0));
        double high = ValueRule.number(args.get(1));
        if (integral ? low > high : low >= high) {
            problems.add(new Problem(path, "expected low " + (integral ? "<=" : "<") + " high, got " + args.get(0).asText()
                    + " and " + args.get(1).asText()));
            return null;
        }
        return switch (kind) {
            case "uniform" -> new RandomRange.Uniform(low, high);
            case "log_uniform" -> {
                if (low <= 0) {
                    problems.add(new Problem(path + "[0]", "log_uniform needs low > 0, got " + args.get(0).asText()));
                    yield null;
                }
                yield new RandomRange.LogUniform(low, high);
            }
            default -> new RandomRange.IntUniform(args.get(0).asLong(), args.get(1).asLong());
        };
    }

    /** What {@link #forEachConfigKey} calls for each known section.key leaf. */
    private interface LeafVisitor {
        void visit(String section, String key, ValueRule rule, JsonNode value, String path);
    }

    /** Walks a section -> key -> value mapping that mirrors the config, reporting unknown sections and keys. */
    private static void forEachConfigKey(JsonNode n, String path, List<Problem> problems, LeafVisitor visitor) {
        if (!n.isObject()) {
            problems.add(new Problem(path, "expected a mapping of config sections (model, topology, loss, training, evaluation), got "
                    + ValueRule.describe(n)));
            return;
        }
        n.fieldNames().forEachRemaining(section -> {
            String sp = path + "." + section;
            if (ConfigKeys.section(section) == null) {
                problems.add(new Problem(sp, ClosestKey.unknownKeyMessage(section, ConfigKeys.SECTIONS)));
                return;
            }
            JsonNode keys = n.get(section);
            if (!keys.isObject()) {
                problems.add(new Problem(sp, "expected a mapping of " + section + " keys, got " + ValueRule.describe(keys)));
                return;
            }
            keys.fieldNames().forEachRemaining(key -> {
                ValueRule rule = ConfigKeys.rule(section, key, sp + "." + key, problems);
                if (rule != null) {
                    visitor.visit(section, key, rule, keys.get(key), sp + "." + key);
                }
            });
        });
    }
}
