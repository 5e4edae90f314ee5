package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** End-to-end gradient checks of the composed networks on the tiny config (random parameter entries), on both kernels. */
class NetworkGradientTest extends DoublePrecisionTest {
    private static final int INPUT_ENTRIES = 30;
    private static final int ENTRIES_PER_PARAMETER = 4;
    private static final int BATCH = 2;

    private ModelConfig config;
    private NetworkTopology topology;
    private SplittableRandom rng;

    @BeforeEach
    void tinyNetwork() {
        config = ModelConfig.tiny();
        topology = RandomTopology.generate(config, 5);
        rng = new SplittableRandom(11);
    }

    private INDArray meshes() {
        return GradientCheck.randn(rng, BATCH, config.vertices(0), 3);
    }

    private static List<INDArray> gradCopies(List<Parameter> params) {
        List<INDArray> copies = new ArrayList<>();
        for (Parameter p : params) {
            copies.add(p.grad().dup());
        }
        return copies;
    }

    private void assertParameterGradients(List<Parameter> params, List<INDArray> analytic, DoubleSupplier loss) {
        for (int i = 0; i < params.size(); i++) {
            GradientCheck.assertGradient(params.get(i).name(), params.get(i).value(), analytic.get(i), loss,
                    ENTRIES_PER_PARAMETER, rng);
        }
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void contentEncoder(boolean cpuKernels) {
        useKernels(cpuKernels);
        ContentEncoder ec = new ContentEncoder(config, topology, rng);
        checkMeshModule(ec);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void styleEncoder(boolean cpuKernels) {
        useKernels(cpuKernels);
        StyleEncoder es = new StyleEncoder(config, topology, rng);
        checkMeshModule(es);
    }

    private void checkMeshModule(Layer net) {
        INDArray x = meshes();
        INDArray r = GradientCheck.randn(rng, net.forward(x).shape());
        net.zeroGrad();
        INDArray dx = net.backward(r).dup();
        List<INDArray> grads = gradCopies(net.parameters());
        DoubleSupplier loss = () -> GradientCheck.dot(net.forward(x), r);
        GradientCheck.assertGradient("input meshes", x, dx, loss, INPUT_ENTRIES, rng);
        assertParameterGradients(net.parameters(), grads, loss);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void mappingAndDecoder(boolean cpuKernels) {
        useKernels(cpuKernels);
        DecoderWithMapping dec = new DecoderWithMapping(config, topology, rng);
        assertEquals(288, dec.mapping().outputWidth());
        checkDecoder(dec, 1);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void mappingAndDecoderWithAdainInEveryBlock(boolean cpuKernels) {
        useKernels(cpuKernels);
        DecoderWithMapping dec = new DecoderWithMapping(config.withAdain(AdainPlacement.ALL), topology, rng);
        // coarse: res blocks 4 x 2 x 32 + up0 2 x 16 = 288; all adds up1 (level 0, 16 channels): 2 x 16
        assertEquals(288 + 32, dec.mapping().outputWidth());
        assertEquals(6, dec.decoder().adainLayers().size());
        checkDecoder(dec, 1);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void mappingAndDecoderWithAdainInTheResidualBlocksOnly(boolean cpuKernels) {
        useKernels(cpuKernels);
        DecoderWithMapping dec = new DecoderWithMapping(config.withAdain(AdainPlacement.RES), topology, rng);
        assertEquals(288 - 32, dec.mapping().outputWidth());
        assertEquals(4, dec.decoder().adainLayers().size());
        // Without a norm after the residual blocks the loss is larger, and so is the round-off of its
        // central differences (|L| eps / h): at the residual convolutions' biases, whose true gradient is
        // exactly zero (an instance norm follows), it reached the check's resolution. A probe 10x smaller
        // scales every gradient and the round-off alike and keeps the zeros checkable.
        checkDecoder(dec, 0.1);
    }

    private void checkDecoder(DecoderWithMapping dec, double probeScale) {
        INDArray content = GradientCheck.randn(rng, BATCH, config.contentDim());
        INDArray style = GradientCheck.randn(rng, BATCH, config.styleDim());
        INDArray r = GradientCheck.randn(rng, BATCH, config.vertices(0), 3).muli(probeScale);
        dec.forward(content, style);
        dec.zeroGrad();
        DecoderWithMapping.Gradients g = dec.backward(r);
        INDArray dContent = g.content().dup();
        INDArray dStyle = g.style().dup();
        List<INDArray> grads = gradCopies(dec.parameters());
        DoubleSupplier loss = () -> GradientCheck.dot(dec.forward(content, style), r);
        GradientCheck.assertGradient("content", content, dContent, loss, INPUT_ENTRIES, rng);
        GradientCheck.assertGradient("style (through AdaIN and the mapping)", style, dStyle, loss, INPUT_ENTRIES, rng);
        assertParameterGradients(dec.parameters(), grads, loss);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void discriminatorLogitsAndFeatures(boolean cpuKernels) {
        useKernels(cpuKernels);
        Discriminator d = new Discriminator(config, topology, rng);
        INDArray x = meshes();
        Discriminator.Output out = d.forward(x);
        INDArray rLogits = GradientCheck.randn(rng, out.logits().shape());
        INDArray rFeatures = GradientCheck.randn(rng, out.features().shape());
        d.zeroGrad();
        INDArray dx = d.backward(rLogits, rFeatures).dup();
        List<INDArray> grads = gradCopies(d.parameters());
        DoubleSupplier loss = () -> {
            Discriminator.Output o = d.forward(x);
            return GradientCheck.dot(o.logits(), rLogits) + GradientCheck.dot(o.features(), rFeatures);
        };
        GradientCheck.assertGradient("input meshes", x, dx, loss, INPUT_ENTRIES, rng);
        assertParameterGradients(d.parameters(), grads, loss);
    }

    @Test
    void discriminatorLogitsOnlyOnTheNd4jPath() {
        Kernels.use(Kernels.nd4j());
        Discriminator d = new Discriminator(config, topology, rng);
        INDArray x = meshes();
        INDArray rLogits = GradientCheck.randn(rng, d.forward(x).logits().shape());
        d.zeroGrad();
        INDArray dx = d.backward(rLogits, null).dup();
        DoubleSupplier loss = () -> GradientCheck.dot(d.forward(x).logits(), rLogits);
        GradientCheck.assertGradient("input meshes", x, dx, loss, 10, rng);
    }

    @Test
    void replicasComputeTheSameAndAccumulateIntoSharedParameters() {
        DecoderWithMapping dec = new DecoderWithMapping(config, topology, rng);
        DecoderWithMapping twin = dec.replica();
        INDArray content = GradientCheck.randn(rng, BATCH, config.contentDim());
        INDArray style = GradientCheck.randn(rng, BATCH, config.styleDim());
        INDArray r = GradientCheck.randn(rng, BATCH, config.vertices(0), 3);
        INDArray first = dec.forward(content, style);
        INDArray second = twin.forward(content, style);
        assertEquals(0.0, first.sub(second).amaxNumber().doubleValue(), 0.0);
        dec.zeroGrad();
        dec.backward(r);
        INDArray once = dec.parameters().get(0).grad().dup();
        twin.backward(r);
        assertEquals(0.0, dec.parameters().get(0).grad().sub(once.mul(2)).amaxNumber().doubleValue(), 1e-12);
    }
}
