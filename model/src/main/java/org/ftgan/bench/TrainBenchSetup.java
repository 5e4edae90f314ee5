package org.ftgan.bench;

import java.util.Arrays;
import org.ftgan.nn.ModelConfig;
import org.ftgan.nn.NetworkTopology;
import org.ftgan.nn.RandomTopology;
import org.ftgan.train.Adam;
import org.ftgan.train.FaceTuneGanModel;
import org.ftgan.train.LaplacianSmoothingLoss;
import org.ftgan.train.LossWeights;
import org.ftgan.train.RandomStream;
import org.ftgan.train.TrainingStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training benchmarks' setup, as the PyTorch reference's: a config's networks in float on a
 * {@link RandomTopology}, Laplacian neighbours taken from the level-0 spirals' entries 1..6 (the
 * reference's {@code spiral[:, 1:7]}, minus a vertex's own index, which the loss does not accept),
 * and fresh standard-normal batches with random style classes for every iteration.
 */
final class TrainBenchSetup {
    final ModelConfig config;
    final TrainingStep step;
    final int batch;
    private final RandomStream random = new RandomStream("bench-batches", 1);
    private final INDArray content;
    private final INDArray style;
    private final int[] classes;

    TrainBenchSetup(String configName, int batch) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        this.config = ModelConfig.preset(configName);
        this.batch = batch;
        NetworkTopology topology = RandomTopology.generate(config, 0);
        FaceTuneGanModel model = FaceTuneGanModel.create(config, topology, 0, Adam.Settings.defaults());
        this.step = new TrainingStep(model, LossWeights.defaults(), LaplacianSmoothingLoss.fromSpirals(topology.spirals().get(0)));
        this.content = Nd4j.create(DataType.FLOAT, batch, config.vertices(0), 3);
        this.style = Nd4j.create(DataType.FLOAT, batch, config.vertices(0), 3);
        this.classes = new int[batch];
    }

    /** One training iteration on a new random batch. */
    void iterate() {
        random.fillGaussian(content, 0, 1);
        random.fillGaussian(style, 0, 1);
        for (int i = 0; i < batch; i++) {
            classes[i] = random.nextInt(config.classes());
        }
        step.run(content, style, classes);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
