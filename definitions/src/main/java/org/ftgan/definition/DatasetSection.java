package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticExpression;
import org.ftgan.data.synthetic.SyntheticPreset;
import org.ftgan.definition.ValueRule.IntegerRange;
import org.ftgan.definition.ValueRule.NumberRange;
import org.ftgan.definition.ValueRule.OneOf;

/** Checks a definition's {@code dataset:} section and makes its {@link DatasetSpec}. */
final class DatasetSection {
    /** Vertex positions a synthetic set may hold (subjects x expressions x frames x vertices): about 12 GB of float32. */
    static final long MAX_SYNTHETIC_POSITIONS = 1_000_000_000L;

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> DATASET = new TreeSet<>(List.of("kind", "root", "synth", "seed"));
    private static final Map<String, ValueRule> SYNTH = synthRules();

    private DatasetSection() {
    }

    /** The dataset, or null after adding its problems; {@code ${VAR}} in root comes from {@code env}. */
    static DatasetSpec check(JsonNode n, Map<String, String> env, List<Problem> problems) {
        if (n == null) {
            problems.add(new Problem("dataset", "is required (kind: synthetic, coma or facescape)"));
            return null;
        }
        if (!n.isObject()) {
            problems.add(new Problem("dataset", "expected a mapping (kind, root or synth, seed), got " + ValueRule.describe(n)));
            return null;
        }
        int before = problems.size();
        ClosestKey.reportUnknown(n, "dataset", DATASET, problems);
        JsonNode kindNode = n.get("kind");
        DatasetKind kind = null;
        if (kindNode == null) {
            problems.add(new Problem("dataset.kind", "is required (synthetic, coma or facescape)"));
        } else {
            int kindProblems = problems.size();
            new OneOf(new TreeSet<>(List.of("synthetic", "coma", "facescape"))).check(kindNode, "dataset.kind", problems);
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
        ClosestKey.reportUnknown(n, "dataset.synth", SYNTH.keySet(), problems);
        n.fieldNames().forEachRemaining(k -> {
            if (SYNTH.containsKey(k)) {
                SYNTH.get(k).check(n.get(k), "dataset.synth." + k, problems);
            }
        });
        if (problems.size() != before) {
            return null;
        }
        SyntheticPreset preset = n.has("preset") ? SyntheticPreset.parse(n.get("preset").asText()) : SyntheticPreset.DEFAULT;
        int expressions = n.path("expressions").asInt(SyntheticDatasetSpec.DEFAULT_EXPRESSIONS);
        int frames = n.path("frames").asInt(preset.frames());
        int hold = n.path("peak_hold_frames").asInt(preset.peakHoldFrames());
        int needed = SyntheticDatasetSpec.minimumFrames(expressions, hold);
        if (frames < needed) {
            problems.add(new Problem(n.has("frames") ? "dataset.synth.frames" : "dataset.synth.peak_hold_frames",
                    "a peak hold of " + hold + " frames needs at least " + needed + " frames per sequence (the hold must end "
                            + "a frame before every rest frame), got " + frames));
            return null;
        }
        SyntheticDatasetSpec s = new SyntheticDatasetSpec(
                n.path("subjects").asInt(SyntheticDatasetSpec.DEFAULT_SUBJECTS),
                expressions,
                n.path("vertices").asInt(SyntheticDatasetSpec.DEFAULT_VERTICES),
                frames,
                n.path("seed").asLong(1),
                n.has("frame_noise_mm") ? ValueRule.number(n.get("frame_noise_mm")) : SyntheticDatasetSpec.DEFAULT_FRAME_NOISE_MM,
                n.has("identity_dependence") ? ValueRule.number(n.get("identity_dependence")) : preset.identityDependence(),
                hold);
        long positions = (long) s.subjects() * s.expressions() * s.frames() * s.vertices();
        if (positions > MAX_SYNTHETIC_POSITIONS) {
            problems.add(new Problem("dataset.synth", String.format(Locale.ROOT,
                    "%d subjects x %d expressions x %d frames x %d vertices is %,d vertex positions, more than the %,d allowed",
                    s.subjects(), s.expressions(), s.frames(), s.vertices(), positions, MAX_SYNTHETIC_POSITIONS)));
            return null;
        }
        return s;
    }

    private static Map<String, ValueRule> synthRules() {
        Map<String, ValueRule> r = new TreeMap<>();
        r.put("subjects", new IntegerRange(1, 1000));
        r.put("expressions", new IntegerRange(1, SyntheticExpression.values().length));
        r.put("vertices", new IntegerRange(300, 1_000_000));
        r.put("frames", new IntegerRange(5, 10_000));
        r.put("seed", ValueRule.anyInteger());
        r.put("frame_noise_mm", new NumberRange(0, false, 1));
        r.put("preset", new OneOf(new TreeSet<>(Arrays.stream(SyntheticPreset.values()).map(SyntheticPreset::id).toList())));
        r.put("identity_dependence", new NumberRange(0, false, SyntheticDatasetSpec.MAX_IDENTITY_DEPENDENCE));
        r.put("peak_hold_frames", new IntegerRange(0, 1_000));
        return r;
    }
}
