package org.ftgan.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.ftgan.eval.SamplePool;
import org.ftgan.nn.AdainPlacement;
import org.ftgan.nn.ModelConfig;

/**
 * Everything one training run is made of, as written by a person in YAML (see the README's example):
 * the prepared dataset, the network (a preset plus overrides; vertices per level come from the
 * template's hierarchy, not from the preset), the hierarchy's factors, the loss weights, the
 * optimizer and budget, checkpointing, and the evaluation draw. Relative paths are relative to the
 * config file's directory. Unknown keys and wrong types are errors naming the file and the key path.
 *
 * <p>{@link #hash()} identifies the training trajectory: SHA-256 of the normalized JSON of every
 * setting that changes the numbers a step computes (model, topology, loss, optimizer, batch, seed).
 * The budget, logging, checkpoint schedule, evaluation and paths are left out, so a run can be
 * resumed with a larger budget or from a moved directory; the dataset is checked separately by its
 * content hash.
 */
public record RunConfig(Path source, Path dataDir, Path outputDir, Model model, Topology topology, LossWeights loss,
                        Training training, Evaluation evaluation) {

    /** The network: a preset's numbers, each replaceable. */
    public record Model(String preset, List<Integer> channels, int contentDim, int styleDim, int mlpHidden,
                        int styleHidden, List<Integer> mappingHidden, int spiralLength, AdainPlacement adain) {
        public Model {
            channels = List.copyOf(channels);
            mappingHidden = List.copyOf(mappingHidden);
        }
    }

    /** The mesh hierarchy: one reduction factor per down-sampling level; where it is cached. */
    public record Topology(List<Integer> factors, int dilation, Path cacheDir) {
        public Topology {
            factors = List.copyOf(factors);
        }

        public int[] factorArray() {
            return factors.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Optimizer and schedule. Exactly one of {@code steps} and {@code epochs} is positive; a
     * checkpoint interval of 0 is off; {@code clipGradNorm} > 0 clips each network's gradients to
     * that global L2 norm before its Adam step (0 is off); {@code divergenceThreshold} > 0 stops the
     * run as diverged as soon as a loss term exceeds it (0 is off: only NaN and infinity stop it), as
     * PyTorch Lightning's {@code EarlyStopping(divergence_threshold=...)}.
     */
    public record Training(long steps, int epochs, int batch, double learningRate, double beta1, double beta2,
                           double weightDecay, long seed, int logEvery, long checkpointEverySteps,
                           double checkpointEveryMinutes, int keepLast, double clipGradNorm,
                           double divergenceThreshold) {
        /** The step budget, an epoch being the training split's full batches. */
        public long totalSteps(int batchesPerEpoch) {
            return steps > 0 ? steps : (long) epochs * batchesPerEpoch;
        }
    }

    /**
     * Triplet count and seed of the evaluation draw, and the pool the identity-decomposition subjects
     * and triplets come from (test split by default, as MODEL.md; "all" for sets whose test split is
     * too small to hold complete triplets, such as tiny quickstart sets); {@code peakTriplets} also
     * scores transfer on triplets of peak frames only, reported beside the window figures.
     */
    public record Evaluation(int triplets, long seed, SamplePool pool, boolean peakTriplets, long everySteps, int trainingTriplets,
                             boolean keepBest) {
        /** Steps between evaluations during training unless the config says otherwise. */
        public static final long DEFAULT_EVERY_STEPS = 1000;
        /** Triplets of the evaluation during training: a fixed subset, drawn with the same seed every time. */
        public static final int DEFAULT_TRAINING_TRIPLETS = 200;

        /** The evaluation during training is on ({@code every_steps} > 0). */
        public boolean duringTraining() {
            return everySteps > 0;
        }
    }

    /** The keys a run config's top level and each of its sections accept (experiment definitions check against them too). */
    public static final Set<String> TOP_KEYS = Set.of("data", "output", "model", "topology", "loss", "training", "evaluation");
    public static final Set<String> MODEL_KEYS = Set.of("preset", "channels", "content_dim", "style_dim", "mlp_hidden",
            "style_hidden", "mapping_hidden", "spiral_length", "adain");
    public static final Set<String> TOPOLOGY_KEYS = Set.of("factors", "dilation", "cache_dir");
    public static final Set<String> LOSS_KEYS = Set.of("lambda_adv", "lambda_feat", "lambda_srec", "lambda_lap", "gamma_r1",
            "feature_pooling");
    public static final Set<String> TRAINING_KEYS = Set.of("steps", "epochs", "batch", "lr", "betas", "weight_decay", "seed",
            "log_every", "checkpoint_every_steps", "checkpoint_every_minutes", "keep_last", "clip_grad_norm",
            "divergence_threshold");
    public static final Set<String> EVALUATION_KEYS = Set.of("triplets", "seed", "pool", "peak_triplets", "every_steps", "training_triplets",
            "keep_best");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Reads a YAML (or JSON) run config. */
    public static RunConfig load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new RunConfigException(file + ": no such run config file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new RunConfigException(file + ": not valid YAML: " + e.getMessage());
        }
        Path abs = file.toAbsolutePath().normalize();
        return parse(root, abs, abs.getParent());
    }

    /** Parses a tree; {@code source} names it in errors, relative paths resolve against {@code baseDir}. */
    public static RunConfig parse(JsonNode root, Path source, Path baseDir) {
        ConfigReader r = new ConfigReader(String.valueOf(source));
        r.requireKnownKeys(root, "", TOP_KEYS);
        Path data = baseDir.resolve(r.text(root, "", "data", null)).normalize();
        Path output = baseDir.resolve(r.text(root, "", "output", null)).normalize();

        JsonNode m = section(r, root, "model", MODEL_KEYS);
        String preset = r.text(m, "model", "preset", "coma");
        ModelConfig base;
        try {
            base = ModelConfig.preset(preset);
        } catch (IllegalArgumentException e) {
            throw r.error("model.preset", e.getMessage());
        }
        AdainPlacement adain;
        try {
            adain = AdainPlacement.parse(r.text(m, "model", "adain", base.adain().id()));
        } catch (IllegalArgumentException e) {
            throw r.error("model.adain", e.getMessage());
        }
        Model model = new Model(preset,
                r.positiveInts(m, "model", "channels", base.channels()),
                r.positiveInt(m, "model", "content_dim", base.contentDim()),
                r.positiveInt(m, "model", "style_dim", base.styleDim()),
                r.positiveInt(m, "model", "mlp_hidden", base.mlpHidden()),
                r.positiveInt(m, "model", "style_hidden", base.styleHidden()),
                r.positiveInts(m, "model", "mapping_hidden", base.mappingHidden()),
                r.positiveInt(m, "model", "spiral_length", base.spiralLength()), adain);
        if (model.channels().size() < 2) {
            throw r.error("model.channels", "needs at least 2 entries, got " + model.channels());
        }

        JsonNode t = section(r, root, "topology", TOPOLOGY_KEYS);
        List<Integer> factors = r.positiveInts(t, "topology", "factors",
                java.util.Collections.nCopies(model.channels().size(), 4));
        if (factors.size() != model.channels().size()) {
            throw r.error("topology.factors", "has " + factors.size() + " entries, model.channels has "
                    + model.channels().size() + " (one factor per down-sampling level)");
        }
        String cache = r.child(t, "cache_dir") == null ? null : r.text(t, "topology", "cache_dir", null);
        Topology topology = new Topology(factors, r.positiveInt(t, "topology", "dilation", 1),
                cache == null ? output.resolve("topology-cache") : baseDir.resolve(cache).normalize());

        JsonNode l = section(r, root, "loss", LOSS_KEYS);
        LossWeights d = LossWeights.defaults();
        LossWeights loss;
        FeaturePooling pooling = featurePooling(r, l, d);
        try {
            loss = new LossWeights(r.number(l, "loss", "lambda_adv", d.adversarial()),
                    r.number(l, "loss", "lambda_feat", d.featureMatching()),
                    r.number(l, "loss", "lambda_srec", d.styleReconstruction()),
                    r.number(l, "loss", "lambda_lap", d.laplacian()),
                    r.number(l, "loss", "gamma_r1", d.r1Gamma()), pooling);
        } catch (IllegalArgumentException e) {
            throw r.error("loss", e.getMessage());
        }

        JsonNode tr = section(r, root, "training", TRAINING_KEYS);
        long steps = r.integer(tr, "training", "steps", 0);
        long epochs = r.integer(tr, "training", "epochs", 0);
        if ((steps > 0) == (epochs > 0) || steps < 0 || epochs < 0 || epochs > Integer.MAX_VALUE) {
            throw r.error("training", "give exactly one positive budget, steps or epochs (got steps " + steps
                    + ", epochs " + epochs + ")");
        }
        Adam.Settings adam = Adam.Settings.defaults();
        double[] betas = r.numbers(tr, "training", "betas", 2, new double[] {adam.beta1(), adam.beta2()});
        long checkpointSteps = r.integer(tr, "training", "checkpoint_every_steps", 0);
        double checkpointMinutes = r.number(tr, "training", "checkpoint_every_minutes", 0);
        if (checkpointSteps < 0) {
            throw r.error("training.checkpoint_every_steps", "expected >= 0 (0 is off), got " + checkpointSteps);
        }
        double clipGradNorm = r.number(tr, "training", "clip_grad_norm", 0);
        if (!(clipGradNorm >= 0) || Double.isInfinite(clipGradNorm)) {
            throw r.error("training.clip_grad_norm", "expected a finite number >= 0 (0 is off), got " + clipGradNorm);
        }
        double divergenceThreshold = r.number(tr, "training", "divergence_threshold", 0);
        if (!(divergenceThreshold >= 0) || Double.isInfinite(divergenceThreshold)) {
            throw r.error("training.divergence_threshold", "expected a finite number >= 0 (0 is off), got " + divergenceThreshold);
        }
        if (!(checkpointMinutes >= 0) || Double.isInfinite(checkpointMinutes)) {
            throw r.error("training.checkpoint_every_minutes", "expected a finite number >= 0 (0 is off), got " + checkpointMinutes);
        }
        Training training = new Training(steps, (int) epochs,
                r.positiveInt(tr, "training", "batch", 8),
                r.number(tr, "training", "lr", adam.learningRate()), betas[0], betas[1],
                r.number(tr, "training", "weight_decay", adam.weightDecay()),
                r.integer(tr, "training", "seed", Long.MIN_VALUE),
                r.positiveInt(tr, "training", "log_every", 10),
                checkpointSteps, checkpointMinutes,
                r.positiveInt(tr, "training", "keep_last", 3), clipGradNorm, divergenceThreshold);
        try {
            new Adam.Settings(training.learningRate(), training.beta1(), training.beta2(), adam.epsilon(), training.weightDecay());
        } catch (IllegalArgumentException e) {
            throw r.error("training", e.getMessage());
        }

        JsonNode ev = section(r, root, "evaluation", EVALUATION_KEYS);
        String pool = r.text(ev, "evaluation", "pool", SamplePool.TEST.id());
        if (!pool.equals(SamplePool.TEST.id()) && !pool.equals(SamplePool.ALL.id())) {
            throw r.error("evaluation.pool", "expected \"test\" or \"all\", got \"" + pool + "\"");
        }
        long evaluateEvery = r.integer(ev, "evaluation", "every_steps", Evaluation.DEFAULT_EVERY_STEPS);
        if (evaluateEvery < 0) {
            throw r.error("evaluation.every_steps", "expected 0 (no evaluation during training) or a positive step count, got "
                    + evaluateEvery);
        }
        Evaluation evaluation = new Evaluation(r.positiveInt(ev, "evaluation", "triplets", 1000),
                r.integer(ev, "evaluation", "seed", training.seed()),
                pool.equals(SamplePool.ALL.id()) ? SamplePool.ALL : SamplePool.TEST,
                r.bool(ev, "evaluation", "peak_triplets", false), evaluateEvery,
                r.positiveInt(ev, "evaluation", "training_triplets", Evaluation.DEFAULT_TRAINING_TRIPLETS),
                r.bool(ev, "evaluation", "keep_best", true));
        return new RunConfig(source, data, output, model, topology, loss, training, evaluation);
    }

    private static JsonNode section(ConfigReader r, JsonNode root, String key, Set<String> keys) {
        JsonNode n = r.child(root, key);
        if (n == null) {
            return JSON.createObjectNode();
        }
        r.requireKnownKeys(n, key, keys);
        return n;
    }

    /** The network's numbers on a template hierarchy with these vertex counts, for {@code classes} styles. */
    public ModelConfig modelConfig(int[] verticesPerLevel, int classes) {
        List<Integer> vertices = java.util.Arrays.stream(verticesPerLevel).boxed().toList();
        return new ModelConfig(model.preset(), vertices, model.channels(), model.contentDim(), model.styleDim(),
                model.mlpHidden(), model.styleHidden(), model.mappingHidden(), classes, model.spiralLength(), model.adain());
    }

    public Adam.Settings adamSettings() {
        return new Adam.Settings(training.learningRate(), training.beta1(), training.beta2(),
                Adam.Settings.defaults().epsilon(), training.weightDecay());
    }

    /** Every setting, paths absolute, in the YAML's key names: {@link #parse} reads it back to an equal config. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("data", dataDir.toAbsolutePath().toString());
        root.put("output", outputDir.toAbsolutePath().toString());
        ObjectNode m = root.putObject("model");
        m.put("preset", model.preset());
        ints(m.putArray("channels"), model.channels());
        m.put("content_dim", model.contentDim());
        m.put("style_dim", model.styleDim());
        m.put("mlp_hidden", model.mlpHidden());
        m.put("style_hidden", model.styleHidden());
        ints(m.putArray("mapping_hidden"), model.mappingHidden());
        m.put("spiral_length", model.spiralLength());
        m.put("adain", model.adain().id());
        ObjectNode t = root.putObject("topology");
        ints(t.putArray("factors"), topology.factors());
        t.put("dilation", topology.dilation());
        t.put("cache_dir", topology.cacheDir().toAbsolutePath().toString());
        ObjectNode l = root.putObject("loss");
        l.put("lambda_adv", loss.adversarial());
        l.put("lambda_feat", loss.featureMatching());
        l.put("lambda_srec", loss.styleReconstruction());
        l.put("lambda_lap", loss.laplacian());
        l.put("gamma_r1", loss.r1Gamma());
        l.put("feature_pooling", loss.featurePooling().id());
        ObjectNode tr = root.putObject("training");
        if (training.steps() > 0) {
            tr.put("steps", training.steps());
        } else {
            tr.put("epochs", training.epochs());
        }
        tr.put("batch", training.batch());
        tr.put("lr", training.learningRate());
        tr.putArray("betas").add(training.beta1()).add(training.beta2());
        tr.put("weight_decay", training.weightDecay());
        tr.put("seed", training.seed());
        tr.put("log_every", training.logEvery());
        tr.put("checkpoint_every_steps", training.checkpointEverySteps());
        tr.put("checkpoint_every_minutes", training.checkpointEveryMinutes());
        tr.put("keep_last", training.keepLast());
        tr.put("clip_grad_norm", training.clipGradNorm());
        tr.put("divergence_threshold", training.divergenceThreshold());
        ObjectNode ev = root.putObject("evaluation");
        ev.put("triplets", evaluation.triplets());
        ev.put("seed", evaluation.seed());
        ev.put("pool", evaluation.pool().id());
        ev.put("peak_triplets", evaluation.peakTriplets());
        ev.put("every_steps", evaluation.everySteps());
        ev.put("training_triplets", evaluation.trainingTriplets());
        ev.put("keep_best", evaluation.keepBest());
        return root;
    }

    /** loss.feature_pooling, MODEL.md's flattened features unless given; an unknown name is an error naming the key. */
    private static FeaturePooling featurePooling(ConfigReader r, JsonNode loss, LossWeights defaults) {
        try {
            return FeaturePooling.parse(r.text(loss, "loss", "feature_pooling", defaults.featurePooling().id()));
        } catch (IllegalArgumentException e) {
            throw r.error("loss.feature_pooling", e.getMessage());
        }
    }

    /** SHA-256 (hex) of the normalized JSON of the trajectory settings (see the class comment). */
    public String hash() {
        ObjectNode all = toJson();
        ObjectNode h = JSON.createObjectNode();
        ObjectNode model = all.get("model").deepCopy();
        if (this.model.adain() == ModelConfig.coma().adain()) { // absent when MODEL.md's, so earlier runs keep their hash
            model.remove("adain");
        }
        h.set("model", model);
        ObjectNode t = all.get("topology").deepCopy();
        t.remove("cache_dir");
        h.set("topology", t);
        ObjectNode loss = all.get("loss").deepCopy();
        if (this.loss.featurePooling() == FeaturePooling.FLATTENED) { // absent when MODEL.md's, so earlier runs keep their hash
            loss.remove("feature_pooling");
        }
        h.set("loss", loss);
        ObjectNode tr = h.putObject("training");
        for (String k : List.of("batch", "lr", "betas", "weight_decay", "seed")) {
            tr.set(k, all.get("training").get(k));
        }
        if (training.clipGradNorm() > 0) { // absent when off, so unclipped runs keep their hash
            tr.set("clip_grad_norm", all.get("training").get("clip_grad_norm"));
        }
        try {
            byte[] canonical = JSON.writeValueAsBytes(JSON.treeToValue(h, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the run config", e);
        }
    }

    /** The normalized JSON text of {@link #toJson()}, keys sorted. */
    public String toJsonText() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.treeToValue(toJson(), Object.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the run config as JSON", e);
        }
    }

    /** Reads a config written by {@link #toJsonText()} (a checkpoint's copy). */
    public static RunConfig readJson(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RunConfigException(file + ": not valid JSON: " + e.getMessage());
        }
        Path abs = file.toAbsolutePath().normalize();
        return parse(root, abs, abs.getParent());
    }

    private static void ints(ArrayNode a, List<Integer> values) {
        values.forEach(a::add);
    }
}
