package org.ftgan.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticExpression;
import org.ftgan.definition.ValueRule.IntegerRange;
import org.ftgan.definition.ValueRule.NumberRange;
import org.ftgan.definition.ValueRule.OneOf;
import org.ftgan.train.RunConfig;
import org.ftgan.train.RunConfigException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Checks an experiment definition (YAML or JSON text, format in the README's "Experiment
 * definitions") and lists every problem rather than stopping at the first: unknown keys (with the
 * closest known key), wrong types and ranges per key, for base values and for every grid value,
 * choice and random range alike, unset environment variables, sizes that no worker should attempt.
 * When those checks pass, the runs' configs are parsed by {@link RunConfig#parse} too (the base
 * config through the runs: a swept key need not be in the base), so what validates will train.
 * Shared by the HTTP submit path and {@code ftgan validate}.
 */
public final class DefinitionValidator {
    /** Most runs one definition may expand to. */
    public static final long MAX_RUNS = 100_000;
    public static final int MAX_PARALLEL = 1000;
    /** Vertex positions a synthetic set may hold (subjects x expressions x frames x vertices): about 12 GB of float32. */
    static final long MAX_SYNTHETIC_POSITIONS = 1_000_000_000L;
    /** Runs whose configs are parsed by RunConfig; beyond it, the last run is parsed too. */
    static final int RUN_CONFIG_CHECKS = 10_000;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> TOP = sorted("name", "description", "tags", "dataset", "model", "topology", "loss",
            "training", "evaluation", "sweep", "published");
    private static final Set<String> DATASET = sorted("kind", "root", "synth", "seed");
    private static final Set<String> SWEEP = sorted("grid", "random", "max_parallel");
    private static final Set<String> RANDOM = sorted("n", "seed", "space");
    private static final Set<String> RANGES = sorted("uniform", "log_uniform", "int_uniform", "choice");
    private static final Map<String, ValueRule> SYNTH = synthRules();
    private static final String RUN_CONFIG_SOURCE = "definition";

    private final ObjectMapper yaml;

    public DefinitionValidator() {
        yaml = new ObjectMapper(new YAMLFactory());
        yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * Validates one definition.
     *
     * @param yamlOrJsonText the definition (JSON is YAML too)
     * @param sourceName     names it in the report (a file name, or "request" for the HTTP API)
     * @param env            the environment {@code ${VAR}} in dataset.root is substituted from
     */
    public ValidationReport validate(String yamlOrJsonText, String sourceName, Map<String, String> env) {
        List<Problem> problems = new ArrayList<>();
        JsonNode root = read(yamlOrJsonText, problems);
        if (root == null) {
            return new ValidationReport(sourceName, problems, null);
        }
        if (!root.isObject()) {
            problems.add(new Problem("(top level)", "expected a mapping (name, dataset, model, ...), got " + ValueRule.describe(root)));
            return new ValidationReport(sourceName, problems, null);
        }
        for (String k : List.of("data", "output")) {
            if (root.has(k)) {
                problems.add(new Problem(k, "is set by the worker for each run, not by a definition"));
            }
        }
        unknownKeys(root, "", TOP, problems);
        String name = name(root, problems);
        String description = optionalText(root, "description", problems);
        List<String> tags = tags(root.get("tags"), problems);
        DatasetSpec dataset = dataset(root.get("dataset"), env, problems);
        ObjectNode base = baseConfig((ObjectNode) root, problems);
        JsonNode sweepNode = root.get("sweep");
        int maxParallel = maxParallel(sweepNode, problems);
        Sweep sweep = sweep(sweepNode, base, problems);
        JsonNode published = root.get("published");
        if (published != null) {
            PublishedFigures.check(published, problems);
        }
        if (problems.isEmpty()) {
            runConfigs(sweep, problems);
        }
        if (!problems.isEmpty()) {
            return new ValidationReport(sourceName, problems, null);
        }
        ExperimentDefinition definition = new ExperimentDefinition(name, description == null ? "" : description, tags,
                dataset, base, sweep, maxParallel, published, yamlOrJsonText, root);
        return new ValidationReport(sourceName, problems, definition);
    }

    private JsonNode read(String text, List<Problem> problems) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(malformed(e));
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(new Problem("(top level)", "the definition is empty"));
            return null;
        }
        return root;
    }

    /** One problem at the line and column the YAML parser stopped, with its reason rather than its context alone. */
    private static Problem malformed(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yamlError && yamlError.getProblemMark() != null) {
            Mark at = yamlError.getProblemMark();
            String reason = yamlError.getContext() == null ? yamlError.getProblem()
                    : yamlError.getContext() + ": " + yamlError.getProblem();
            return new Problem("line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1), "not valid YAML: " + reason);
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "(yaml)" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        String message = e.getOriginalMessage().lines().findFirst().orElse("malformed").trim();
        return new Problem(where, "not valid YAML: " + message);
    }

    private static String name(JsonNode root, List<Problem> problems) {
        JsonNode n = root.get("name");
        if (n == null) {
            problems.add(new Problem("name", "is required"));
            return null;
        }
        if (!n.isTextual() || !NAME.matcher(n.asText()).matches()) {
            problems.add(new Problem("name", "expected lower-case letters, digits and '-' (at most 63, not starting with '-'), got "
                    + ValueRule.describe(n)));
            return null;
        }
        return n.asText();
    }

    private static String optionalText(JsonNode parent, String key, List<Problem> problems) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            problems.add(new Problem(key, "expected a string, got " + ValueRule.describe(n)));
            return null;
        }
        return n.asText();
    }

    private static List<String> tags(JsonNode n, List<Problem> problems) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            problems.add(new Problem("tags", "expected a list of strings, got " + ValueRule.describe(n)));
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            new ValueRule.NonEmptyText().check(n.get(i), "tags[" + i + "]", problems);
            tags.add(n.get(i).asText());
        }
        return tags;
    }

    private static DatasetSpec dataset(JsonNode n, Map<String, String> env, List<Problem> problems) {
        if (n == null) {
            problems.add(new Problem("dataset", "is required (kind: synthetic, coma or facescape)"));
            return null;
        }
        if (!n.isObject()) {
            problems.add(new Problem("dataset", "expected a mapping (kind, root or synth, seed), got " + ValueRule.describe(n)));
            return null;
        }
        int before = problems.size();
        unknownKeys(n, "dataset", DATASET, problems);
        JsonNode kindNode = n.get("kind");
        DatasetKind kind = null;
        if (kindNode == null) {
            problems.add(new Problem("dataset.kind", "is required (synthetic, coma or facescape)"));
        } else {
            int kindProblems = problems.size();
            new OneOf(sorted("synthetic", "coma", "facescape")).check(kindNode, "dataset.kind", problems);
            if (problems.size() == kindProblems) {
                kind = DatasetKind.parse(kindNode.asText());
            }
        }
        long seed = 0;
        if (n.has("seed")) {
            ValueRule.anyInteger().check(n.get("seed"), "dataset.seed", problems);
            seed = n.get("seed").asLong();
        }
        Path root = null;
        SyntheticDatasetSpec synth = null;
        if (kind == DatasetKind.SYNTHETIC) {
            if (n.has("root")) {
                problems.add(new Problem("dataset.root", "a synthetic dataset is generated from dataset.synth; it has no root"));
            }
            synth = synth(n.get("synth"), problems);
        } else if (kind != null) {
            if (n.has("synth")) {
                problems.add(new Problem("dataset.synth", "only a synthetic dataset has synth settings, this one is " + kind.id()));
            }
            root = root(n.get("root"), env, problems);
        }
        return problems.size() == before ? new DatasetSpec(kind, root, synth, seed) : null;
    }

    private static Path root(JsonNode n, Map<String, String> env, List<Problem> problems) {
        if (n == null) {
            problems.add(new Problem("dataset.root", "is required: the raw dataset directory, e.g. ${FTGAN_COMA_ROOT}"));
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problems.add(new Problem("dataset.root", "expected a directory path, got " + ValueRule.describe(n)));
            return null;
        }
        Matcher m = VARIABLE.matcher(n.asText());
        StringBuilder out = new StringBuilder();
        boolean unset = false;
        while (m.find()) {
            String var = m.group(1);
            String value = VARIABLE_NAME.matcher(var).matches() ? env.get(var) : null;
            if (!VARIABLE_NAME.matcher(var).matches()) {
                problems.add(new Problem("dataset.root", "\"${" + var + "}\" is not a variable name (letters, digits, '_')"));
                unset = true;
            } else if (value == null || value.isEmpty()) {
                problems.add(new Problem("dataset.root", "environment variable " + var + " is not set"));
                unset = true;
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        if (unset) {
            return null;
        }
        m.appendTail(out);
        try {
            Path p = Path.of(out.toString());
            if (!p.isAbsolute()) {
                problems.add(new Problem("dataset.root", "expected an absolute path (a definition has no directory to be relative to), got \""
                        + out + "\""));
                return null;
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            problems.add(new Problem("dataset.root", "not a valid path: " + e.getMessage()));
            return null;
        }
    }

    private static SyntheticDatasetSpec synth(JsonNode n, List<Problem> problems) {
        if (n == null) {
            return SyntheticDatasetSpec.defaults(1);
        }
        if (!n.isObject()) {
            problems.add(new Problem("dataset.synth", "expected a mapping (" + String.join(", ", SYNTH.keySet()) + "), got "
                    + ValueRule.describe(n)));
            return null;
        }
        int before = problems.size();
        unknownKeys(n, "dataset.synth", SYNTH.keySet(), problems);
        n.fieldNames().forEachRemaining(k -> {
            if (SYNTH.containsKey(k)) {
                SYNTH.get(k).check(n.get(k), "dataset.synth." + k, problems);
            }
        });
        if (problems.size() != before) {
            return null;
        }
        SyntheticDatasetSpec s = new SyntheticDatasetSpec(
                n.path("subjects").asInt(SyntheticDatasetSpec.DEFAULT_SUBJECTS),
                n.path("expressions").asInt(SyntheticDatasetSpec.DEFAULT_EXPRESSIONS),
                n.path("vertices").asInt(SyntheticDatasetSpec.DEFAULT_VERTICES),
                n.path("frames").asInt(SyntheticDatasetSpec.DEFAULT_FRAMES),
                n.path("seed").asLong(1),
                n.has("frame_noise_mm") ? ValueRule.number(n.get("frame_noise_mm")) : SyntheticDatasetSpec.DEFAULT_FRAME_NOISE_MM);
        long positions = (long) s.subjects() * s.expressions() * s.frames() * s.vertices();
        if (positions > MAX_SYNTHETIC_POSITIONS) {
            problems.add(new Problem("dataset.synth", String.format(Locale.ROOT,
                    "%d subjects x %d expressions x %d frames x %d vertices is %,d vertex positions, more than the %,d allowed",
                    s.subjects(), s.expressions(), s.frames(), s.vertices(), positions, MAX_SYNTHETIC_POSITIONS)));
            return null;
        }
        return s;
    }

    /** The five sections, each checked key by key; absent ones become empty mappings. */
    private static ObjectNode baseConfig(ObjectNode root, List<Problem> problems) {
        ObjectNode base = CanonicalJson.MAPPER.createObjectNode();
        for (String section : ConfigKeys.SECTIONS) {
            JsonNode n = root.get(section);
            if (n == null || n.isNull()) {
                base.putObject(section);
                continue;
            }
            if (!n.isObject()) {
                problems.add(new Problem(section, "expected a mapping, got " + ValueRule.describe(n)));
                base.putObject(section);
                continue;
            }
            n.fieldNames().forEachRemaining(k -> {
                ValueRule rule = configKey(section, k, section + "." + k, problems);
                if (rule != null) {
                    rule.check(n.get(k), section + "." + k, problems);
                }
            });
            base.set(section, n.deepCopy());
        }
        return base;
    }

    /** The rule of a config key, or null after reporting it unknown (or reserved for the worker). */
    private static ValueRule configKey(String section, String key, String path, List<Problem> problems) {
        String reserved = ConfigKeys.WORKER_KEYS.get(section + "." + key);
        if (reserved != null) {
            problems.add(new Problem(path, reserved));
            return null;
        }
        Map<String, ValueRule> rules = ConfigKeys.section(section);
        ValueRule rule = rules.get(key);
        if (rule == null) {
            problems.add(new Problem(path, ClosestKey.unknownKeyMessage(key, rules.keySet())));
        }
        return rule;
    }

    private static int maxParallel(JsonNode sweep, List<Problem> problems) {
        JsonNode n = sweep == null ? null : sweep.get("max_parallel");
        if (n == null) {
            return 1;
        }
        new IntegerRange(1, MAX_PARALLEL).check(n, "sweep.max_parallel", problems);
        return n.asInt();
    }

    private static Sweep sweep(JsonNode n, ObjectNode base, List<Problem> problems) {
        if (n == null) {
            return new Sweep(base, List.of(), List.of(), 0, 0);
        }
        if (!n.isObject()) {
            problems.add(new Problem("sweep", "expected a mapping (grid, random, max_parallel), got " + ValueRule.describe(n)));
            return null;
        }
        int before = problems.size();
        unknownKeys(n, "sweep", SWEEP, problems);
        List<Sweep.GridAxis> grid = grid(n.get("grid"), problems);
        JsonNode random = n.get("random");
        List<Sweep.RandomAxis> randomAxes = new ArrayList<>();
        int count = 0;
        long seed = 0;
        if (random != null) {
            if (!random.isObject()) {
                problems.add(new Problem("sweep.random", "expected a mapping (n, seed, space), got " + ValueRule.describe(random)));
            } else {
                unknownKeys(random, "sweep.random", RANDOM, problems);
                count = required(random, "n", "sweep.random.n", new IntegerRange(1, MAX_RUNS), problems) ? random.get("n").asInt() : 0;
                seed = required(random, "seed", "sweep.random.seed", ValueRule.anyInteger(), problems) ? random.get("seed").asLong() : 0;
                randomAxes = space(random.get("space"), problems);
            }
        }
        // exact, however large: the message says by how much a sweep is too big
        BigInteger gridRuns = BigInteger.ONE;
        for (Sweep.GridAxis a : grid) {
            gridRuns = gridRuns.multiply(BigInteger.valueOf(a.values().size()));
        }
        BigInteger gridPart = grid.isEmpty() ? BigInteger.valueOf(count > 0 ? 0 : 1) : gridRuns;
        BigInteger total = gridPart.add(BigInteger.valueOf(count));
        if (total.compareTo(BigInteger.valueOf(MAX_RUNS)) > 0) {
            problems.add(new Problem("sweep", String.format(Locale.ROOT, "expands to %,d runs (grid %,d + random %,d), more than the %,d allowed",
                    total, grid.isEmpty() ? BigInteger.ZERO : gridRuns, count, MAX_RUNS)));
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

    private static List<Sweep.RandomAxis> space(JsonNode n, List<Problem> problems) {
        List<Sweep.RandomAxis> axes = new ArrayList<>();
        if (n == null) {
            problems.add(new Problem("sweep.random.space", "is required: the keys to draw, e.g. {loss: {lambda_adv: {log_uniform: [0.01, 1.0]}}}"));
            return axes;
        }
        forEachConfigKey(n, "sweep.random.space", problems, (section, key, rule, spec, path) -> {
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
                ValueRule rule = configKey(section, key, sp + "." + key, problems);
                if (rule != null) {
                    visitor.visit(section, key, rule, keys.get(key), sp + "." + key);
                }
            });
        });
    }

    /**
     * Parses runs' configs with RunConfig (dummy data and output paths), for what only RunConfig
     * checks across keys (one budget, one factor per level, Adam's settings). The same problem in
     * several runs is reported once, naming the runs.
     */
    private static void runConfigs(Sweep sweep, List<Problem> problems) {
        Map<String, List<String>> runsByProblem = new LinkedHashMap<>();
        long checked = Math.min(sweep.size(), RUN_CONFIG_CHECKS);
        for (long i = 0; i < checked; i++) {
            runConfig(sweep.run(i), runsByProblem);
        }
        if (checked < sweep.size()) {
            runConfig(sweep.run(sweep.size() - 1), runsByProblem);
        }
        runsByProblem.forEach((line, runs) -> {
            int split = line.indexOf(": ");
            String path = split < 0 ? "(run config)" : line.substring(0, split);
            String message = split < 0 ? line : line.substring(split + 2);
            if (sweep.size() > 1) {
                message += runs.size() == 1 ? " (run " + runs.get(0) + ")"
                        : " (runs " + String.join(", ", runs.subList(0, Math.min(3, runs.size())))
                        + (runs.size() > 3 ? " and " + (runs.size() - 3) + " more" : "") + ")";
            }
            problems.add(new Problem(path, message));
        });
    }

    private static void runConfig(RunSpec run, Map<String, List<String>> runsByProblem) {
        ObjectNode root = run.config();
        root.put("data", "data");
        root.put("output", "output");
        try {
            RunConfig.parse(root, Path.of(RUN_CONFIG_SOURCE), Path.of("/"));
        } catch (RunConfigException e) {
            String line = e.getMessage().startsWith(RUN_CONFIG_SOURCE + ": ")
                    ? e.getMessage().substring(RUN_CONFIG_SOURCE.length() + 2) : e.getMessage();
            runsByProblem.computeIfAbsent(line, k -> new ArrayList<>()).add(run.key());
        }
    }

    private static void unknownKeys(JsonNode n, String path, Set<String> known, List<Problem> problems) {
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k) && !(path.isEmpty() && (k.equals("data") || k.equals("output")))) {
                problems.add(new Problem(path.isEmpty() ? k : path + "." + k, ClosestKey.unknownKeyMessage(k, known)));
            }
        });
    }

    private static Map<String, ValueRule> synthRules() {
        Map<String, ValueRule> r = new java.util.TreeMap<>();
        r.put("subjects", new IntegerRange(1, 1000));
        r.put("expressions", new IntegerRange(1, SyntheticExpression.values().length));
        r.put("vertices", new IntegerRange(300, 1_000_000));
        r.put("frames", new IntegerRange(5, 10_000));
        r.put("seed", ValueRule.anyInteger());
        r.put("frame_noise_mm", new NumberRange(0, false, 1));
        return r;
    }

    private static Set<String> sorted(String... names) {
        return new TreeSet<>(List.of(names));
    }
}
