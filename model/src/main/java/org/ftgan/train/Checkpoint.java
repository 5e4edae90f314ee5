package org.ftgan.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ftgan.io.AtomicFiles;
import org.ftgan.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One saved training state, a directory:
 * <ul>
 * <li>{@code checkpoint.json}: format, step, the run config's hash, the dataset's content hash, the
 * {@link RunRandom} and {@link BatchSampler} states, both Adam step counts, and the index of the
 * tensors (name, data type, shape, byte offset);</li>
 * <li>{@code tensors.bin}: the tensors' elements, little-endian, row-major, one after the other:
 * generator and discriminator parameters, then each Adam's first and second moments;</li>
 * <li>{@code config.json}: the run config ({@link RunConfig#toJsonText()}), so evaluation needs no
 * other file.</li>
 * </ul>
 * The directory is built under a hidden staging name and renamed into place, so a reader never
 * sees half of one.
 */
public final class Checkpoint {
    public static final int FORMAT_VERSION = 1;
    public static final String INDEX_FILE = "checkpoint.json";
    public static final String TENSORS_FILE = "tensors.bin";
    public static final String CONFIG_FILE = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode index;

    private Checkpoint(Path dir, JsonNode index) {
        this.dir = dir;
        this.index = index;
    }

    public Path dir() {
        return dir;
    }

    public long step() {
        return index.get("step").asLong();
    }

    public String configHash() {
        return index.get("config_hash").asText();
    }

    public String datasetHash() {
        return index.get("dataset_hash").asText();
    }

    /** The run config this checkpoint was written under. */
    public RunConfig config() throws IOException {
        return RunConfig.readJson(dir.resolve(CONFIG_FILE));
    }

    /** Writes the state of a run at {@code step} as directory {@code target} (replacing one of that name). */
    public static void write(Path target, RunConfig config, String datasetHash, long step, FaceTuneGanModel model,
                             RunRandom random, BatchSampler sampler) throws IOException {
        write(target, config, datasetHash, step, model, random, sampler, LogInterval.empty());
    }

    /**
     * As {@link #write(Path, RunConfig, String, long, FaceTuneGanModel, RunRandom, BatchSampler)}, with
     * the loss sums of the unfinished progress interval (stored as the doubles' exact bits).
     */
    public static void write(Path target, RunConfig config, String datasetHash, long step, FaceTuneGanModel model,
                             RunRandom random, BatchSampler sampler, LogInterval interval) throws IOException {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        model.generatorParameters().forEach(p -> tensors.put("generator/" + p.name(), p.value()));
        model.discriminatorParameters().forEach(p -> tensors.put("discriminator/" + p.name(), p.value()));
        AdamState g = model.generatorOptimizer().exportState();
        AdamState d = model.discriminatorOptimizer().exportState();
        g.firstMoments().forEach((n, a) -> tensors.put("adam.generator.m/" + n, a));
        g.secondMoments().forEach((n, a) -> tensors.put("adam.generator.v/" + n, a));
        d.firstMoments().forEach((n, a) -> tensors.put("adam.discriminator.m/" + n, a));
        d.secondMoments().forEach((n, a) -> tensors.put("adam.discriminator.v/" + n, a));

        ObjectNode idx = JSON.createObjectNode();
        idx.put("format", FORMAT_VERSION);
        idx.put("step", step);
        idx.put("config_hash", config.hash());
        idx.put("dataset_hash", datasetHash);
        idx.put("generator_adam_step", g.step());
        idx.put("discriminator_adam_step", d.step());
        RunRandomState rs = random.state();
        ObjectNode r = idx.putObject("random");
        r.put("seed", rs.seed());
        ObjectNode streams = r.putObject("streams");
        rs.streams().forEach(streams::put);
        BatchSamplerState ss = sampler.state();
        ObjectNode s = idx.putObject("sampler");
        s.put("train_count", ss.trainCount());
        s.put("batch_size", ss.batchSize());
        s.put("epoch", ss.epoch());
        s.put("next_batch_in_epoch", ss.nextBatchInEpoch());
        s.put("order_stream_state", ss.orderStreamState());
        s.put("style_stream_state", ss.styleStreamState());
        ArrayNode order = s.putArray("order");
        Arrays.stream(ss.order()).forEach(order::add);
        ObjectNode li = idx.putObject("log_interval");
        li.put("steps", interval.steps());
        ArrayNode sums = li.putArray("loss_sum_bits");
        for (double v : interval.lossSums()) {
            sums.add(Long.toHexString(Double.doubleToRawLongBits(v)));
        }
        ArrayNode list = idx.putArray("tensors");
        long offset = 0;
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            INDArray a = e.getValue();
            ObjectNode t = list.addObject();
            t.put("name", e.getKey());
            t.put("dtype", typeName(a.dataType(), e.getKey()));
            ArrayNode shape = t.putArray("shape");
            Arrays.stream(a.shape()).forEach(shape::add);
            t.put("offset", offset);
            offset += a.length() * a.dataType().width();
        }
        idx.put("tensor_bytes", offset);

        Path staging = AtomicFiles.createStagingDirectory(target, "checkpoint");
        try {
            AtomicFiles.write(staging.resolve(TENSORS_FILE), out -> writeTensors(out, tensors.values()), true);
            AtomicFiles.writeBytes(staging.resolve(CONFIG_FILE), config.toJsonText().getBytes(StandardCharsets.UTF_8), true);
            AtomicFiles.writeBytes(staging.resolve(INDEX_FILE),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(idx), true);
            if (Files.exists(target)) {
                // a checkpoint of the same step (a resumed run reaching it again): swap, then drop the old one
                Path old = AtomicFiles.createStagingDirectory(target, "replaced");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    /** Opens a checkpoint directory and checks its index against the tensor file's size. */
    public static Checkpoint open(Path dir) throws IOException {
        Path indexFile = dir.resolve(INDEX_FILE);
        if (!Files.isRegularFile(indexFile)) {
            throw new CheckpointException(dir + " is no checkpoint: " + INDEX_FILE + " is missing");
        }
        JsonNode idx;
        try {
            idx = JSON.readTree(indexFile.toFile());
        } catch (IOException e) {
            throw new CheckpointException(indexFile + ": not valid JSON: " + e.getMessage());
        }
        if (idx.path("format").asInt(-1) != FORMAT_VERSION) {
            throw new CheckpointException(indexFile + ": format " + idx.path("format") + ", this build reads format " + FORMAT_VERSION);
        }
        for (String key : List.of("step", "config_hash", "dataset_hash", "random", "sampler", "tensors", "tensor_bytes",
                "generator_adam_step", "discriminator_adam_step")) {
            if (idx.get(key) == null) {
                throw new CheckpointException(indexFile + ": key '" + key + "' is missing");
            }
        }
        Path tensorsFile = dir.resolve(TENSORS_FILE);
        long expected = idx.get("tensor_bytes").asLong();
        if (!Files.isRegularFile(tensorsFile) || Files.size(tensorsFile) != expected) {
            throw new CheckpointException(tensorsFile + ": expected " + expected + " bytes, found "
                    + (Files.isRegularFile(tensorsFile) ? Files.size(tensorsFile) + " bytes" : "no file"));
        }
        return new Checkpoint(dir, idx);
    }

    /**
     * Puts the saved parameters, Adam states, random streams and sampler position into a run built
     * from the same config. Checks every name, shape and type before changing anything.
     */
    public void restoreInto(FaceTuneGanModel model, RunRandom random, BatchSampler sampler) throws IOException {
        Map<String, INDArray> tensors = readTensors();
        List<Runnable> assignments = new ArrayList<>();
        for (String group : List.of("generator", "discriminator")) {
            List<Parameter> params = group.equals("generator") ? model.generatorParameters() : model.discriminatorParameters();
            for (Parameter p : params) {
                INDArray saved = require(tensors, group + "/" + p.name(), p.value());
                assignments.add(() -> p.value().assign(saved));
            }
        }
        AdamState g = adamState(tensors, "generator", model.generatorOptimizer(), index.get("generator_adam_step").asLong());
        AdamState d = adamState(tensors, "discriminator", model.discriminatorOptimizer(),
                index.get("discriminator_adam_step").asLong());
        JsonNode r = index.get("random");
        SortedMap<String, Long> streams = new TreeMap<>();
        r.get("streams").fields().forEachRemaining(e -> streams.put(e.getKey(), e.getValue().asLong()));
        RunRandomState randomState = new RunRandomState(r.get("seed").asLong(), streams);
        JsonNode s = index.get("sampler");
        int[] order = new int[s.get("order").size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = s.get("order").get(i).asInt();
        }
        BatchSamplerState samplerState = new BatchSamplerState(s.get("train_count").asInt(), s.get("batch_size").asInt(),
                s.get("epoch").asInt(), s.get("next_batch_in_epoch").asInt(), order, s.get("order_stream_state").asLong(),
                s.get("style_stream_state").asLong());

        random.restore(randomState);
        sampler.restore(samplerState);
        model.generatorOptimizer().importState(g);
        model.discriminatorOptimizer().importState(d);
        assignments.forEach(Runnable::run);
    }

    /**
     * The loss sums of the progress interval that was open at this step; empty for a checkpoint
     * written before they were kept (its resumed run then reports that interval over fewer steps).
     */
    public LogInterval logInterval() {
        JsonNode li = index.get("log_interval");
        if (li == null) {
            return LogInterval.empty();
        }
        JsonNode bits = li.path("loss_sum_bits");
        if (!li.path("steps").canConvertToInt() || li.path("steps").asInt() < 0 || !bits.isArray()
                || bits.size() != LossTerms.NAMES.size()) {
            throw new CheckpointException(dir.resolve(INDEX_FILE) + ": log_interval must have steps >= 0 and "
                    + LossTerms.NAMES.size() + " loss_sum_bits, got " + li);
        }
        double[] sums = new double[bits.size()];
        for (int k = 0; k < sums.length; k++) {
            try {
                sums[k] = Double.longBitsToDouble(Long.parseUnsignedLong(bits.get(k).asText(), 16));
            } catch (NumberFormatException e) {
                throw new CheckpointException(dir.resolve(INDEX_FILE) + ": log_interval.loss_sum_bits[" + k
                        + "]: expected 16 hex digits, got " + bits.get(k));
            }
        }
        return new LogInterval(li.get("steps").asInt(), sums);
    }

    /** Puts only the saved network parameters into {@code model} (for evaluation). */
    public void restoreParameters(FaceTuneGanModel model) throws IOException {
        Map<String, INDArray> tensors = readTensors();
        List<Runnable> assignments = new ArrayList<>();
        for (Parameter p : model.generatorParameters()) {
            INDArray saved = require(tensors, "generator/" + p.name(), p.value());
            assignments.add(() -> p.value().assign(saved));
        }
        for (Parameter p : model.discriminatorParameters()) {
            INDArray saved = require(tensors, "discriminator/" + p.name(), p.value());
            assignments.add(() -> p.value().assign(saved));
        }
        assignments.forEach(Runnable::run);
    }

    private AdamState adamState(Map<String, INDArray> tensors, String group, Adam adam, long step) {
        SortedMap<String, INDArray> m = new TreeMap<>();
        SortedMap<String, INDArray> v = new TreeMap<>();
        for (Parameter p : adam.parameters()) {
            m.put(p.name(), require(tensors, "adam." + group + ".m/" + p.name(), p.value()));
            v.put(p.name(), require(tensors, "adam." + group + ".v/" + p.name(), p.value()));
        }
        return new AdamState(step, m, v);
    }

    private INDArray require(Map<String, INDArray> tensors, String name, INDArray like) {
        INDArray a = tensors.get(name);
        if (a == null) {
            throw new CheckpointException(dir + ": tensor '" + name + "' is missing (the checkpoint is of another network)");
        }
        if (a.dataType() != like.dataType() || !Arrays.equals(a.shape(), like.shape())) {
            throw new CheckpointException(dir + ": tensor '" + name + "' is " + a.dataType() + " " + Arrays.toString(a.shape())
                    + ", the network needs " + like.dataType() + " " + Arrays.toString(like.shape()));
        }
        return a;
    }

    private Map<String, INDArray> readTensors() throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(dir.resolve(TENSORS_FILE));
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            long position = 0;
            for (JsonNode t : index.get("tensors")) {
                String name = t.get("name").asText();
                DataType type = switch (t.get("dtype").asText()) {
                    case "f32" -> DataType.FLOAT;
                    case "f64" -> DataType.DOUBLE;
                    default -> throw new CheckpointException(dir + ": tensor '" + name + "' has unknown dtype " + t.get("dtype"));
                };
                long[] shape = new long[t.get("shape").size()];
                long n = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.get("shape").get(i).asLong();
                    n *= shape[i];
                }
                if (t.get("offset").asLong() != position) {
                    throw new CheckpointException(dir + ": tensor '" + name + "' claims offset " + t.get("offset")
                            + ", the tensors before it end at " + position);
                }
                byte[] bytes = new byte[Math.toIntExact(n * type.width())];
                in.readFully(bytes);
                position += bytes.length;
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                INDArray a;
                if (type == DataType.FLOAT) {
                    float[] f = new float[(int) n];
                    b.asFloatBuffer().get(f);
                    a = Nd4j.create(f, shape, 'c');
                } else {
                    double[] f = new double[(int) n];
                    b.asDoubleBuffer().get(f);
                    a = Nd4j.create(f, shape, 'c');
                }
                out.put(name, a);
            }
        }
        return out;
    }

    private static void writeTensors(OutputStream out, Iterable<INDArray> tensors) throws IOException {
        for (INDArray a : tensors) {
            INDArray c = a.dup('c');
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(c.length() * c.dataType().width())).order(ByteOrder.LITTLE_ENDIAN);
            if (c.dataType() == DataType.FLOAT) {
                b.asFloatBuffer().put(c.data().asFloat(), 0, (int) c.length());
            } else {
                b.asDoubleBuffer().put(c.data().asDouble(), 0, (int) c.length());
            }
            out.write(b.array());
        }
    }

    private static String typeName(DataType type, String name) {
        return switch (type) {
            case FLOAT -> "f32";
            case DOUBLE -> "f64";
            default -> throw new IllegalArgumentException("tensor '" + name + "': cannot checkpoint data type " + type);
        };
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
