package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validated experiment definition: a base training config (the five run-config sections), the
 * dataset it runs on, and the sweep that expands it into runs. Immutable; obtained from
 * {@link DefinitionValidator} or {@link #parse}.
 */
public final class ExperimentDefinition {
    private final String name;
    private final String description;
    private final List<String> tags;
    private final DatasetSpec dataset;
    private final ObjectNode baseConfig;
    private final Sweep sweep;
    private final int maxParallel;
    private final EarlyStopping earlyStopping;
    private final JsonNode published;
    private final String sourceText;
    private final JsonNode written;

    /** {@code written} is the definition as parsed, before environment substitution (what {@link #hash()} covers). */
    ExperimentDefinition(String name, String description, List<String> tags, DatasetSpec dataset, ObjectNode baseConfig,
                         Sweep sweep, int maxParallel, EarlyStopping earlyStopping, JsonNode published, String sourceText, JsonNode written) {
        this.name = Objects.requireNonNull(name);
        this.description = description;
        this.tags = List.copyOf(tags);
        this.dataset = Objects.requireNonNull(dataset);
        this.baseConfig = baseConfig.deepCopy();
        this.sweep = Objects.requireNonNull(sweep);
        this.maxParallel = maxParallel;
        this.earlyStopping = earlyStopping;
        this.published = published == null ? null : published.deepCopy();
        this.sourceText = sourceText;
        this.written = written.deepCopy();
    }

    /**
     * Validates and returns the definition.
     *
     * @throws InvalidDefinitionException listing every problem
     */
    public static ExperimentDefinition parse(String yamlOrJsonText, String sourceName, Map<String, String> env) {
        ValidationReport report = new DefinitionValidator().validate(yamlOrJsonText, sourceName, env);
        return report.validDefinition().orElseThrow(() -> new InvalidDefinitionException(report));
    }

    public String name() {
        return name;
    }

    /** Free text, or "" when absent. */
    public String description() {
        return description;
    }

    public List<String> tags() {
        return tags;
    }

    public DatasetSpec dataset() {
        return dataset;
    }

    /** model, topology, loss, training and evaluation as written (each present, possibly empty). */
    public ObjectNode baseConfig() {
        return baseConfig.deepCopy();
    }

    public Sweep sweep() {
        return sweep;
    }

    /** How many of its runs may train at once. */
    public int maxParallel() {
        return maxParallel;
    }

    /** sweep.early_stopping, or null: every run trains to its budget. */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /** The paper's figures to print beside ours, or null. */
    public JsonNode published() {
        return published == null ? null : published.deepCopy();
    }

    /** The YAML or JSON text it was read from. */
    public String sourceText() {
        return sourceText;
    }

    /**
     * SHA-256 hex of the key-sorted JSON of the definition as written, without description, tags and
     * published (which do not change what runs). Environment variables are hashed unsubstituted
     * ({@code ${FTGAN_COMA_ROOT}}), so the same file has the same hash on every machine.
     */
    public String hash() {
        ObjectNode h = written.deepCopy();
        h.remove(List.of("description", "tags", "published"));
        return CanonicalJson.sha256(h);
    }

    /** Everything, resolved: dataset with defaults filled in and root substituted, base config, sweep as written. */
    public ObjectNode toJson() {
        ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
        out.put("name", name);
        out.put("description", description);
        tags.forEach(out.putArray("tags")::add);
        out.set("dataset", dataset.toJson());
        for (String s : ConfigKeys.SECTIONS) {
            out.set(s, baseConfig.get(s).deepCopy());
        }
        JsonNode s = written.get("sweep");
        ObjectNode sw = s != null && s.isObject() ? ((ObjectNode) s).deepCopy() : out.objectNode();
        sw.put("max_parallel", maxParallel);
        out.set("sweep", sw);
        out.put("runs", sweep.size());
        if (published != null) {
            out.set("published", published.deepCopy());
        }
        return out;
    }
}
