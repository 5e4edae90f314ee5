package org.ftgan.referencecheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ftgan.data.PreparedDataset;
import org.ftgan.train.Batch;
import org.ftgan.train.RunConfig;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything {@code tools/reference_train.py} needs to train the PyTorch reference's modules exactly
 * as {@code ftgan train} trains a run config: the run's real hierarchy and Laplacian, its initial
 * parameters, the normalized training split and the batch order of every step (content rows, style
 * rows and the style classes), the loss weights and Adam settings. The reference trainer writes its
 * parameters back as .npy files beside a copy of the run config, which {@code ftgan eval --parameters}
 * scores with the Java evaluator, so both implementations are measured by one metric code.
 *
 * <pre>
 * manifest.json                  kind "training": config, weights, adam, steps, batch, log_every, parameter names
 * run-config.json                the resolved run config (for ftgan eval --parameters)
 * topology/...                   as {@link ReferenceStepExport}
 * initial/NAME.npy               parameters at step 0 (Java layout)
 * data/train.npy                 [N_train, V, 3] float32, the normalized training split in trainIndices order
 * batches/content.npy, style.npy [steps, B] int32 rows of data/train.npy; batches/classes.npy [steps, B] int32 cls(style)
 * </pre>
 */
public final class ReferenceTrainingExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceTrainingExport() {
    }

    /** Writes the export of the first {@code steps} steps of {@code config} into {@code dir} (new or empty). */
    public static void write(RunConfig config, int steps, Path dir) throws IOException {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException("export directory " + dir + " is not empty; give an empty or new directory");
            }
        }
        try (PreparedDataset data = PreparedDataset.open(config.dataDir())) {
            Trainer trainer = new Trainer(config, data, TrainingListener.NONE);
            ReferenceStepExport.writeTopology(trainer.networkTopology(), trainer.laplacian(), dir.resolve("topology"));
            ReferenceStepExport.writeValues(trainer.model().generatorParameters(), dir.resolve("initial"));
            ReferenceStepExport.writeValues(trainer.model().discriminatorParameters(), dir.resolve("initial"));

            int n = data.trainIndices().length;
            int v = data.vertexCount();
            float[] all = new float[n * 3 * v];
            float[] mesh = new float[3 * v];
            for (int row = 0; row < n; row++) {
                trainer.normalizedTrainingMesh(row, mesh);
                System.arraycopy(mesh, 0, all, row * 3 * v, 3 * v);
            }
            Files.createDirectories(dir.resolve("data"));
            ReferenceStepExport.npy(Nd4j.create(all, new long[] {n, v, 3}, DataType.FLOAT), dir.resolve("data").resolve("train.npy"));

            List<Batch> batches = trainer.plannedBatches(steps);
            int b = config.training().batch();
            int[] content = new int[steps * b];
            int[] style = new int[steps * b];
            int[] classes = new int[steps * b];
            int[] train = data.trainIndices();
            for (int s = 0; s < steps; s++) {
                Batch batch = batches.get(s);
                for (int i = 0; i < b; i++) {
                    content[s * b + i] = batch.content()[i];
                    style[s * b + i] = batch.style()[i];
                    classes[s * b + i] = data.classIndex(train[batch.style()[i]]);
                }
            }
            Path bd = Files.createDirectories(dir.resolve("batches"));
            ReferenceStepExport.npy(matrix(content, steps, b), bd.resolve("content.npy"));
            ReferenceStepExport.npy(matrix(style, steps, b), bd.resolve("style.npy"));
            ReferenceStepExport.npy(matrix(classes, steps, b), bd.resolve("classes.npy"));

            Files.writeString(dir.resolve("run-config.json"), config.toJsonText(), StandardCharsets.UTF_8);
            ObjectNode m = JSON.createObjectNode();
            m.put("format", ReferenceStepExport.FORMAT);
            m.put("kind", "training");
            m.put("dtype", "float32");
            m.put("steps", steps);
            m.put("batch", b);
            m.put("log_every", config.training().logEvery());
            m.put("seed", config.training().seed());
            ReferenceStepExport.describe(m, trainer.modelConfig(), config.loss(), config.adamSettings());
            ReferenceStepExport.describeParameters(m, trainer.model().generatorParameters(),
                    trainer.model().discriminatorParameters());
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("manifest.json").toFile(), m);
        }
    }

    private static INDArray matrix(int[] values, int rows, int cols) {
        return Nd4j.createFromArray(values).reshape(rows, cols);
    }
}
