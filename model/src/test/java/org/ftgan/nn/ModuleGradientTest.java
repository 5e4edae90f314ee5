package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.ftgan.topology.DownSampling;
import org.ftgan.topology.Spirals;
import org.ftgan.topology.UpSampling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every module's input and parameter gradients against finite differences, on both implementations. */
class ModuleGradientTest extends DoublePrecisionTest {
    private static final int JAVA_ENTRIES = 60;
    /** ND4J's gather op costs milliseconds even on these tiny arrays; fewer entries keep the suite quick. */
    private static final int ND4J_ENTRIES = 20;
    private int entries = JAVA_ENTRIES;

    private void use(boolean cpuKernels) {
        Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
        entries = cpuKernels ? JAVA_ENTRIES : ND4J_ENTRIES;
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void downSample(boolean cpuKernels) {
        use(cpuKernels);
        SplittableRandom rng = new SplittableRandom(1);
        DownSample d = new DownSample(RandomTopology.down(20, 6, rng));
        GradientCheck.checkModule(d, GradientCheck.randn(rng, 3, 20, 4), 2, entries);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void upSample(boolean cpuKernels) {
        use(cpuKernels);
        SplittableRandom rng = new SplittableRandom(3);
        UpSample u = new UpSample(RandomTopology.up(20, 6, rng));
        GradientCheck.checkModule(u, GradientCheck.randn(rng, 3, 6, 4), 4, entries);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void instanceNorm(boolean cpuKernels) {
        use(cpuKernels);
        SplittableRandom rng = new SplittableRandom(5);
        INDArray x = GradientCheck.randn(rng, 3, 11, 4).muli(3).addi(1.5);
        GradientCheck.checkModule(new InstanceNorm(), x, 6, entries);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void adainInputAndStyleGradients(boolean cpuKernels) {
        use(cpuKernels);
        SplittableRandom rng = new SplittableRandom(7);
        int c = 4;
        AdaIN adain = new AdaIN(c);
        INDArray x = GradientCheck.randn(rng, 3, 11, c);
        INDArray style = GradientCheck.randn(rng, 3, 2 * c);
        INDArray r = GradientCheck.randn(rng, 3, 11, c);
        adain.forward(x, style);
        StyledGradients g = adain.backward(r);
        INDArray dx = g.input().dup();
        INDArray dStyle = g.style().dup();
        DoubleSupplier loss = () -> GradientCheck.dot(adain.forward(x, style), r);
        GradientCheck.assertGradient("AdaIN input", x, dx, loss, entries, rng);
        GradientCheck.assertGradient("AdaIN gamma and beta", style, dStyle, loss, 100, rng);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void activations(boolean cpuKernels) {
        use(cpuKernels);
        SplittableRandom rng = new SplittableRandom(9);
        GradientCheck.checkModule(new ELU(), GradientCheck.randn(rng, 3, 5, 4), 10, entries);
        GradientCheck.checkModule(new ReLU(), GradientCheck.randn(rng, 3, 17), 11, entries);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void linearMeanAndFlatten(boolean cpuKernels) {
        use(cpuKernels);
        SplittableRandom rng = new SplittableRandom(12);
        GradientCheck.checkModule(new Linear("fc", 7, 5, rng), GradientCheck.randn(rng, 3, 7), 13, entries);
        GradientCheck.checkModule(new MeanOverVertices(), GradientCheck.randn(rng, 3, 6, 4), 14, entries);
        Sequential flattenThenLinear = new Sequential(List.of(new Flatten(6, 4), new Linear("fc", 24, 3, rng)));
        GradientCheck.checkModule(flattenThenLinear, GradientCheck.randn(rng, 2, 6, 4), 15, entries);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void spiralBlocksWithEachNorm(boolean cpuKernels) {
        use(cpuKernels);
        SplittableRandom rng = new SplittableRandom(16);
        Spirals fine = RandomTopology.spirals(24, 9, rng);
        DownSampling down = RandomTopology.down(24, 8, rng);
        UpSampling up = RandomTopology.up(24, 8, rng);
        SpiralBlock encoderBlock = new SpiralBlock("enc", 3, 5, fine, NormKind.INSTANCE, null, down, rng);
        GradientCheck.checkModule(encoderBlock, GradientCheck.randn(rng, 2, 24, 3), 17, entries);
        SpiralBlock plain = new SpiralBlock("plain", 3, 5, fine, NormKind.NONE, null, down, rng);
        GradientCheck.checkModule(plain, GradientCheck.randn(rng, 2, 24, 3), 18, entries);
        SpiralBlock decoderBlock = new SpiralBlock("dec", 5, 4, fine, NormKind.ADAIN, up, null, rng);
        GradientCheck.checkStyled("AdaIN block", decoderBlock, GradientCheck.randn(rng, 2, 8, 5),
                GradientCheck.randn(rng, 2, 8), 19, entries);
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void spiralResBlocksWithEachNorm(boolean cpuKernels) {
        use(cpuKernels);
        SplittableRandom rng = new SplittableRandom(20);
        Spirals s = RandomTopology.spirals(15, 9, rng);
        // the ND4J path checks the AdaIN variant only (it contains instance norm); its gathers are slow
        for (NormKind norm : cpuKernels ? NormKind.values() : new NormKind[] {NormKind.ADAIN}) {
            SpiralResBlock block = new SpiralResBlock("res", 4, s, norm, rng);
            if (norm == NormKind.ADAIN) {
                assertEquals(2, block.adainLayers().size());
                GradientCheck.checkStyled("AdaIN residual block", block, GradientCheck.randn(rng, 2, 15, 4),
                        GradientCheck.randn(rng, 2, 16), 21, entries);
            } else {
                GradientCheck.checkModule(block, GradientCheck.randn(rng, 2, 15, 4), 21, entries);
            }
        }
    }
}
