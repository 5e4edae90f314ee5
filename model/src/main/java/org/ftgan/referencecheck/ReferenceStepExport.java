package org.ftgan.referencecheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ftgan.nn.AdainPlacement;
import org.ftgan.nn.ModelConfig;
import org.ftgan.nn.NetworkTopology;
import org.ftgan.nn.Parameter;
import org.ftgan.nn.RandomTopology;
import org.ftgan.topology.DownSampling;
import org.ftgan.topology.Spirals;
import org.ftgan.topology.UpSampling;
import org.ftgan.train.Adam;
import org.ftgan.train.FaceTuneGanModel;
import org.ftgan.train.FeaturePooling;
import org.ftgan.train.LaplacianSmoothingLoss;
import org.ftgan.train.LossWeights;
import org.ftgan.train.RandomStream;
import org.ftgan.train.StepObserver;
import org.ftgan.train.TrainingLosses;
import org.ftgan.train.TrainingStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one FaceTuneGAN training iteration (generator step, then discriminator step) in Java and
 * writes everything the reference needs to replay it, and everything to compare, into a directory:
 *
 * <pre>
 * manifest.json                 config, dtype, loss weights, Adam settings, parameter names, Java's loss terms
 * topology/spiral{i}.npy        [V_i, L] int32 spiral indices per level
 * topology/down{i}.npy          [V_{i+1}] int32 fine vertices kept by D_i
 * topology/up_index{i}.npy      [V_i, 3] int32 coarse vertices of U_i; up_weight{i}.npy [V_i, 3] float64
 * topology/laplacian_neighbours.npy [V_0, K] int32, laplacian_mask.npy [V_0, K] float64 (1 = real neighbour)
 * batch/x.npy, batch/s.npy      [B, V_0, 3] content and style meshes; batch/classes.npy [B] int32 cls(s)
 * initial/NAME.npy              every parameter before the iteration (Java layout: weights [in, out], bias [1, out])
 * grad/NAME.npy                 dL_G/dtheta_G and dL_D/dtheta_D, before any Adam step
 * grad_without_r1/NAME.npy      dL_D/dtheta_D of the same iteration with gamma_r1 = 0 (isolates the R1 term's gradient)
 * final/NAME.npy                every parameter after both Adam steps
 * </pre>
 *
 * The topology is {@link RandomTopology} (the reference's own kind, with the config's exact vertex
 * counts) and the Laplacian neighbours are its spirals' entries 1..6, as in the reference's
 * {@code step()}. The batch is standard normal with uniform classes, as the reference's {@code batch()};
 * all draws come from {@code seed}. Arrays are written as .npy files (ND4J's writer).
 */
public final class ReferenceStepExport {
    /** Export format version, checked by the Python side. */
    public static final int FORMAT = 1;

    /** What to export: a model preset, the floating-point type of the Java run, the batch size and the seed. */
    public record Options(String config, DataType type, int batch, long seed) {
        public Options {
            ModelConfig.preset(config);
            if (type != DataType.FLOAT && type != DataType.DOUBLE) {
                throw new IllegalArgumentException("dtype must be float32 or float64, got " + type);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceStepExport() {
    }

    /** Runs the iteration and writes the export into {@code dir} (created; must be empty or absent). Returns Java's loss terms. */
    public static TrainingLosses write(Options options, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException("export directory " + dir + " is not empty; give an empty or new directory");
            }
        }
        DataType previous = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(options.type(), options.type());
        try {
            return export(options, dir);
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    private static TrainingLosses export(Options o, Path dir) throws IOException {
        ModelConfig config = ModelConfig.preset(o.config());
        NetworkTopology topology = RandomTopology.generate(config, o.seed());
        LaplacianSmoothingLoss laplacian = LaplacianSmoothingLoss.fromSpirals(topology.spirals().get(0));
        LossWeights weights = LossWeights.defaults();
        Adam.Settings adam = Adam.Settings.defaults();
        writeTopology(topology, laplacian, dir.resolve("topology"));

        int v0 = config.vertices(0);
        INDArray x = Nd4j.create(o.type(), o.batch(), v0, 3);
        INDArray s = Nd4j.create(o.type(), o.batch(), v0, 3);
        int[] classes = new int[o.batch()];
        RandomStream random = new RandomStream("reference-check", o.seed());
        random.fillGaussian(x, 0, 1);
        random.fillGaussian(s, 0, 1);
        for (int i = 0; i < classes.length; i++) {
            classes[i] = random.nextInt(config.classes());
        }
        Path batch = Files.createDirectories(dir.resolve("batch"));
        npy(x, batch.resolve("x.npy"));
        npy(s, batch.resolve("s.npy"));
        npy(Nd4j.createFromArray(classes), batch.resolve("classes.npy"));

        FaceTuneGanModel model = FaceTuneGanModel.create(config, topology, o.seed(), adam);
        List<Parameter> generator = model.generatorParameters();
        List<Parameter> discriminator = model.discriminatorParameters();
        writeValues(generator, dir.resolve("initial"));
        writeValues(discriminator, dir.resolve("initial"));
        Path grad = dir.resolve("grad");
        TrainingLosses losses = new TrainingStep(model, weights, laplacian).run(x, s, classes, new StepObserver() {
            @Override
            public void generatorGradientsReady() {
                writeGradients(generator, grad);
            }

            @Override
            public void discriminatorGradientsReady() {
                writeGradients(discriminator, grad);
            }
        });
        writeValues(generator, dir.resolve("final"));
        writeValues(discriminator, dir.resolve("final"));

        // The same iteration from the same start without R1: the difference of the two discriminator
        // gradients is the R1 term's own gradient, which the float32 report compares on its own.
        FaceTuneGanModel withoutR1 = FaceTuneGanModel.create(config, topology, o.seed(), adam);
        LossWeights noR1 = new LossWeights(weights.adversarial(), weights.featureMatching(), weights.styleReconstruction(),
                weights.laplacian(), 0.0, weights.featurePooling());
        List<Parameter> discriminatorWithoutR1 = withoutR1.discriminatorParameters();
        new TrainingStep(withoutR1, noR1, laplacian).run(x, s, classes, new StepObserver() {
            @Override
            public void discriminatorGradientsReady() {
                writeGradients(discriminatorWithoutR1, dir.resolve("grad_without_r1"));
            }
        });

        writeManifest(o, config, weights, adam, generator, discriminator, losses, dir.resolve("manifest.json"));
        return losses;
    }

    private static void writeManifest(Options o, ModelConfig c, LossWeights w, Adam.Settings adam, List<Parameter> generator,
                                      List<Parameter> discriminator, TrainingLosses l, Path file) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("dtype", o.type() == DataType.DOUBLE ? "float64" : "float32");
        m.put("seed", o.seed());
        m.put("batch", o.batch());
        describe(m, c, w, adam);
        describeParameters(m, generator, discriminator);
        ObjectNode losses = m.putObject("losses");
        losses.put("rec", l.reconstruction());
        losses.put("cycle", l.cycle());
        losses.put("srec", l.styleReconstruction());
        losses.put("adv", l.adversarial());
        losses.put("feat", l.featureMatching());
        losses.put("lap", l.laplacian());
        losses.put("generator", l.generator());
        losses.put("real", l.discriminatorReal());
        losses.put("fake", l.discriminatorFake());
        losses.put("r1", l.r1());
        losses.put("discriminator", l.discriminator());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), m);
    }

    /** The manifest's parameter names, in the networks' order, shared by both exports. */
    static void describeParameters(ObjectNode m, List<Parameter> generator, List<Parameter> discriminator) {
        ObjectNode names = m.putObject("parameters");
        ArrayNode g = names.putArray("generator");
        generator.forEach(p -> g.add(p.name()));
        ArrayNode d = names.putArray("discriminator");
        discriminator.forEach(p -> d.add(p.name()));
    }

    /** The manifest's config, weights and adam sections, shared by both exports. */
    static void describe(ObjectNode m, ModelConfig c, LossWeights w, Adam.Settings adam) {
        if (c.adain() != AdainPlacement.COARSE) {
            // the reference's Decoder has AdaIN in the coarse blocks only: it cannot load this network
            throw new IllegalArgumentException("model.adain " + c.adain().id() + ": the PyTorch reference only has MODEL.md's "
                    + AdainPlacement.COARSE.id() + " placement, so this network cannot be checked against it");
        }
        if (w.featurePooling() != FeaturePooling.FLATTENED) {
            // the reference's feature matching compares the flattened features only
            throw new IllegalArgumentException("loss.feature_pooling " + w.featurePooling().id() + ": the PyTorch reference only has MODEL.md's "
                    + FeaturePooling.FLATTENED.id() + " feature matching, so this loss cannot be checked against it");
        }
        ObjectNode cfg = m.putObject("config");
        cfg.put("name", c.name());
        c.verticesPerLevel().forEach(cfg.putArray("V")::add);
        c.channels().forEach(cfg.putArray("ch")::add);
        cfg.put("content", c.contentDim());
        cfg.put("style", c.styleDim());
        cfg.put("mlp_hidden", c.mlpHidden());
        cfg.put("style_hidden", c.styleHidden());
        c.mappingHidden().forEach(cfg.putArray("mapping")::add);
        cfg.put("classes", c.classes());
        cfg.put("spiral_length", c.spiralLength());
        ObjectNode lam = m.putObject("weights");
        lam.put("adv", w.adversarial());
        lam.put("feat", w.featureMatching());
        lam.put("srec", w.styleReconstruction());
        lam.put("lap", w.laplacian());
        lam.put("r1", w.r1Gamma());
        ObjectNode a = m.putObject("adam");
        a.put("lr", adam.learningRate());
        a.put("beta1", adam.beta1());
        a.put("beta2", adam.beta2());
        a.put("eps", adam.epsilon());
        a.put("weight_decay", adam.weightDecay());
    }

    /** topology/: spirals, D and U of every level and the padded Laplacian neighbours with their mask. */
    static void writeTopology(NetworkTopology t, LaplacianSmoothingLoss laplacian, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < t.spirals().size(); i++) {
            Spirals sp = t.spirals().get(i);
            npy(Nd4j.createFromArray(sp.indices()).reshape(sp.vertexCount(), sp.length()), dir.resolve("spiral" + i + ".npy"));
        }
        for (int i = 0; i < t.down().size(); i++) {
            DownSampling d = t.down().get(i);
            npy(Nd4j.createFromArray(d.keptFineVertex()), dir.resolve("down" + i + ".npy"));
        }
        for (int i = 0; i < t.up().size(); i++) {
            UpSampling u = t.up().get(i);
            double[] w = new double[u.weight().length];
            for (int k = 0; k < w.length; k++) {
                w[k] = u.weight()[k];
            }
            npy(Nd4j.createFromArray(u.coarseVertex()).reshape(u.fineCount(), 3), dir.resolve("up_index" + i + ".npy"));
            npy(Nd4j.createFromArray(w).reshape(u.fineCount(), 3), dir.resolve("up_weight" + i + ".npy"));
        }
        int[] offsets = laplacian.offsets();
        int[] indices = laplacian.indices();
        int vertices = laplacian.vertexCount();
        int width = 1;
        for (int v = 0; v < vertices; v++) {
            width = Math.max(width, offsets[v + 1] - offsets[v]);
        }
        // padded to the widest 1-ring: index 0 with mask 0 where a vertex has fewer neighbours
        int[] neighbours = new int[vertices * width];
        double[] mask = new double[vertices * width];
        for (int v = 0; v < vertices; v++) {
            for (int k = offsets[v]; k < offsets[v + 1]; k++) {
                neighbours[v * width + k - offsets[v]] = indices[k];
                mask[v * width + k - offsets[v]] = 1.0;
            }
        }
        npy(Nd4j.createFromArray(neighbours).reshape(vertices, width), dir.resolve("laplacian_neighbours.npy"));
        npy(Nd4j.createFromArray(mask).reshape(vertices, width), dir.resolve("laplacian_mask.npy"));
    }

    static void writeValues(List<Parameter> parameters, Path dir) {
        for (Parameter p : parameters) {
            npyUnchecked(p.value(), dir, p.name());
        }
    }

    private static void writeGradients(List<Parameter> parameters, Path dir) {
        for (Parameter p : parameters) {
            npyUnchecked(p.grad(), dir, p.name());
        }
    }

    private static void npyUnchecked(INDArray a, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            npy(a, dir.resolve(name + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name + ".npy"), e);
        }
    }

    static void npy(INDArray a, Path file) throws IOException {
        Nd4j.writeAsNumpy(a.dup('c'), file.toFile());
    }
}
