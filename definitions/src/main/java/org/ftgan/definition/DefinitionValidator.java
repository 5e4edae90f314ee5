package org.ftgan.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
 * config through the runs: a swept key need not be in the base), so what validates will train;
 * then what the runs ask of their dataset ({@link DatasetFitCheck}: the hierarchy's depth against a
 * synthetic template, subjects enough for the evaluation's triplets).
 * Shared by the HTTP submit path and {@code ftgan validate}.
 */
public final class DefinitionValidator {
    /** Most runs one definition may expand to. */
    public static final long MAX_RUNS = 100_000;
    public static final int MAX_PARALLEL = 1000;
    /** Runs whose configs are parsed by RunConfig; beyond it, the last run is parsed too. */
    static final int RUN_CONFIG_CHECKS = 10_000;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> TOP = sorted("name", "description", "tags", "dataset", "model", "topology", "loss",
            "training", "evaluation", "sweep", "published");
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
        ClosestKey.reportUnknown(root, "", TOP, problems);
        String name = name(root, problems);
        String description = optionalText(root, "description", problems);
        List<String> tags = tags(root.get("tags"), problems);
        DatasetSpec dataset = DatasetSection.check(root.get("dataset"), env, problems);
        ObjectNode base = baseConfig((ObjectNode) root, problems);
        JsonNode sweepNode = root.get("sweep");
        int maxParallel = SweepSection.maxParallel(sweepNode, problems);
        Sweep sweep = SweepSection.check(sweepNode, base, problems);
        EarlyStopping earlyStopping = SweepSection.earlyStopping(sweepNode, problems);
        JsonNode published = root.get("published");
        if (published != null) {
            PublishedFigures.check(published, problems);
        }
        if (problems.isEmpty()) {
            Map<List<Integer>, List<String>> runsByFactors = runConfigs(sweep, earlyStopping, problems);
            if (problems.isEmpty()) {
                DatasetFitCheck.check(dataset, runsByFactors, sweep.size(), problems);
            }
        }
        if (!problems.isEmpty()) {
            return new ValidationReport(sourceName, problems, null);
        }
        ExperimentDefinition definition = new ExperimentDefinition(name, description == null ? "" : description, tags,
                dataset, base, sweep, maxParallel, earlyStopping, published, yamlOrJsonText, root);
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
                ValueRule rule = ConfigKeys.rule(section, k, section + "." + k, problems);
                if (rule != null) {
                    rule.check(n.get(k), section + "." + k, problems);
                }
            });
            base.set(section, n.deepCopy());
        }
        return base;
    }

    /**
     * Parses runs' configs with RunConfig (dummy data and output paths), for what only RunConfig
     * checks across keys (one budget, one factor per level, Adam's settings). The same problem in
     * several runs is reported once, naming the runs.
     */
    private static Map<List<Integer>, List<String>> runConfigs(Sweep sweep, EarlyStopping earlyStopping, List<Problem> problems) {
        Map<String, List<String>> runsByProblem = new LinkedHashMap<>();
        Map<List<Integer>, List<String>> runsByFactors = new LinkedHashMap<>();
        long checked = Math.min(sweep.size(), RUN_CONFIG_CHECKS);
        for (long i = 0; i < checked; i++) {
            runConfig(sweep.run(i), earlyStopping, runsByProblem, runsByFactors);
        }
        if (checked < sweep.size()) {
            runConfig(sweep.run(sweep.size() - 1), earlyStopping, runsByProblem, runsByFactors);
        }
        runsByProblem.forEach((line, runs) -> {
            int split = line.indexOf(": ");
            String path = split < 0 ? "(run config)" : line.substring(0, split);
            String message = split < 0 ? line : line.substring(split + 2);
            if (sweep.size() > 1) {
                message += " " + RunKeys.describe(runs);
            }
            problems.add(new Problem(path, message));
        });
        return runsByFactors;
    }

    private static void runConfig(RunSpec run, EarlyStopping earlyStopping, Map<String, List<String>> runsByProblem,
                                  Map<List<Integer>, List<String>> runsByFactors) {
        ObjectNode root = run.config();
        root.put("data", "data");
        root.put("output", "output");
        try {
            RunConfig config = RunConfig.parse(root, Path.of(RUN_CONFIG_SOURCE), Path.of("/"));
            runsByFactors.computeIfAbsent(config.topology().factors(), k -> new ArrayList<>()).add(run.key());
            String late = earlyStopping == null ? null : SweepSection.checkAgainst(earlyStopping, config.evaluation().everySteps());
            if (late != null) {
                runsByProblem.computeIfAbsent(late, k -> new ArrayList<>()).add(run.key());
            }
        } catch (RunConfigException e) {
            String line = e.getMessage().startsWith(RUN_CONFIG_SOURCE + ": ")
                    ? e.getMessage().substring(RUN_CONFIG_SOURCE.length() + 2) : e.getMessage();
            runsByProblem.computeIfAbsent(line, k -> new ArrayList<>()).add(run.key());
        }
    }

    private static Set<String> sorted(String... names) {
        return new TreeSet<>(List.of(names));
    }
}
