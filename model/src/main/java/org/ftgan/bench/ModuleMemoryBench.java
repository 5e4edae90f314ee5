package org.ftgan.bench;

import org.bytedeco.javacpp.Pointer;
import org.ftgan.nn.DecoderWithMapping;
import org.ftgan.nn.Discriminator;
import org.ftgan.nn.FaceTuneGanNetworks;
import org.ftgan.nn.ModelConfig;
import org.ftgan.nn.RandomTopology;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs forward + backward of all four networks (the decoder through two replicas, as a training step
 * calls it more than once) for many iterations and prints native memory as it goes, to show that the
 * modules' reused buffers keep it flat.
 *
 * <p>Usage: {@code java -cp ... org.ftgan.bench.ModuleMemoryBench [config] [batch] [iterations]}
 */
public final class ModuleMemoryBench {
    private ModuleMemoryBench() {
    }

    public static void main(String[] args) {
        ModelConfig config = ModelConfig.preset(args.length > 0 ? args[0] : "tiny");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        FaceTuneGanNetworks nets = FaceTuneGanNetworks.create(config, RandomTopology.generate(config, 0), 0);
        DecoderWithMapping second = nets.decoder().replica();
        Discriminator d = nets.discriminator();
        INDArray meshes = Nd4j.rand(DataType.FLOAT, batch, config.vertices(0), 3);
        INDArray gradMeshes = Nd4j.rand(DataType.FLOAT, batch, config.vertices(0), 3);
        INDArray gradLogits = Nd4j.rand(DataType.FLOAT, batch, config.classes());
        System.out.printf("config %s, batch %d, %d iterations; memory in MB: process RSS, Java heap committed,"
                + " and their difference (native memory, JIT code and metaspace)%n", config.name(), batch, iterations);
        long startTime = System.nanoTime();
        for (int i = 1; i <= iterations; i++) {
            INDArray content = nets.contentEncoder().forward(meshes);
            INDArray style = nets.styleEncoder().forward(meshes);
            nets.decoder().forward(content, style);
            second.forward(content, style);
            DecoderWithMapping.Gradients ga = nets.decoder().backward(gradMeshes);
            second.backward(gradMeshes);
            nets.contentEncoder().backward(ga.content());
            nets.styleEncoder().backward(ga.style());
            d.forward(meshes);
            d.backward(gradLogits, null);
            if (i == 1 || i % Math.max(1, iterations / 10) == 0) {
                long rss = Pointer.physicalBytes();
                long heap = Runtime.getRuntime().totalMemory();
                System.out.printf("  iteration %5d: RSS %8.1f, heap %8.1f, RSS - heap %8.1f, %.1f s%n", i, rss / 1e6, heap / 1e6,
                        (rss - heap) / 1e6, (System.nanoTime() - startTime) / 1e9);
            }
        }
    }
}
