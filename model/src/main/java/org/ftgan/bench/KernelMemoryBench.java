package org.ftgan.bench;

import java.io.IOException;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.ftgan.nn.Kernels;
import org.ftgan.nn.RowIndex;
import org.ftgan.nn.SpiralWork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory of each kernel alone: calls one kernel many times on fixed arrays (batch 8, 1,000
 * vertices, 16 channels, spirals of 9, a 4x down-sampling and its 3-weight up-sampling, roughly the
 * tiny network's level 0), collects garbage, and prints how much the process's resident size grew,
 * per round of calls. A kernel that keeps native memory grows by about the same amount every round;
 * one whose temporaries wait for the garbage collector grows in the first round only (the C
 * allocator keeps the freed pages for reuse). This is how the ND4J kernels' leak was found
 * ({@code unsorted_segment_sum}: +1.09 MB per call, every round; {@code benchmarks/RESULTS.md}).
 *
 * <p>Usage: {@code java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp cli/target/ftgan.jar
 * org.ftgan.bench.KernelMemoryBench [cpu|nd4j] [calls per round, 200] [rounds, 3] [kernel,...]}.
 */
public final class KernelMemoryBench {
    private static final String[] ALL = {"gather", "scatterSum", "interpolate", "interpolateBackward", "spiralForward",
        "spiralForwardBackward", "elu", "eluBackward", "relu", "reluBackward", "eluTangent", "eluTangentBackward", "add",
        "addBias", "instanceNorm", "instanceNormBackward", "adain", "adainBackward", "meanOverVertices",
        "meanOverVerticesBackward", "copyColumns", "adamUpdate"};

    private KernelMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Kernels kernels = args.length > 0 && args[0].equals("cpu") ? Kernels.cpu() : Kernels.nd4j();
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String[] names = args.length > 3 ? args[3].split(",") : ALL;
        Kernels.use(kernels);
        Arrays a = new Arrays(new SplittableRandom(1));
        System.out.printf("%s kernels, %d calls per round; RSS growth per round after System.gc(), in KB per call%n",
                kernels.name(), calls);
        for (String name : names) {
            StringBuilder line = new StringBuilder(String.format("  %-26s", name));
            for (int round = 0; round < rounds; round++) {
                long before = settledResidentBytes();
                for (int i = 0; i < calls; i++) {
                    a.call(kernels, name);
                }
                long after = settledResidentBytes();
                line.append(String.format(" %9.1f", (after - before) / 1e3 / calls));
            }
            System.out.println(line + String.format("   (JavaCPP physical bytes now %.1f MB)", Pointer.physicalBytes() / 1e6));
        }
    }

    /** RSS after two collections, with time for ND4J's deallocator threads to free what they found. */
    private static long settledResidentBytes() throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return TrainMemoryBench.residentBytes();
    }

    /** The kernels' arguments, made once. */
    private static final class Arrays {
        static final int B = 8;
        static final int V = 1000;
        static final int C = 16;
        static final int L = 9;
        static final int COARSE = 250;
        final RowIndex spirals;
        final RowIndex down;
        final RowIndex up;
        final INDArray x = rand(B, V, C);
        final INDArray xTangent = rand(B, V, C);
        final INDArray y = zeros(B, V, C);
        final INDArray yTangent = zeros(B, V, C);
        final INDArray dy = rand(B, V, C);
        final INDArray dx = zeros(B, V, C);
        final INDArray coarse = rand(B, COARSE, C);
        final INDArray coarseOut = zeros(B, COARSE, C);
        final INDArray weight = rand(L * C, C);
        final INDArray weightGrad = zeros(L * C, C);
        final INDArray bias = rand(1, C);
        final INDArray biasGrad = zeros(1, C);
        final INDArray invStd = Nd4j.create(DataType.DOUBLE, B, C);
        final INDArray gammaBeta = rand(B, 2 * C);
        final INDArray gammaBetaGrad = zeros(B, 2 * C);
        final INDArray perChannel = zeros(B, C);
        final INDArray columnsFrom = rand(100, 40);
        final INDArray columnsTo = zeros(100, 40);
        final INDArray parameter = rand(1000, 100);
        final INDArray parameterGrad = rand(1000, 100);
        final INDArray first = zeros(1000, 100);
        final INDArray second = zeros(1000, 100);
        final Kernels.AdamStep adam = new Kernels.AdamStep(0.9, 0.999, 1e-8, 0, 1e-3, 0.5);
        final SpiralWork work = new SpiralWork();

        Arrays(SplittableRandom rng) {
            int[] s = new int[V * L];
            for (int i = 0; i < s.length; i++) {
                s[i] = rng.nextInt(V);
            }
            spirals = RowIndex.of(s, L, V);
            int[] d = new int[COARSE];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextInt(V);
            }
            down = RowIndex.of(d, 1, V);
            int[] u = new int[V * 3];
            float[] w = new float[V * 3];
            for (int i = 0; i < u.length; i++) {
                u[i] = rng.nextInt(COARSE);
                w[i] = (float) rng.nextDouble();
            }
            up = RowIndex.weighted(u, w, 3, COARSE);
        }

        void call(Kernels k, String name) {
            switch (name) {
                case "gather" -> k.gather(x, down, coarseOut);
                case "scatterSum" -> k.scatterSum(coarse, down, dx);
                case "interpolate" -> k.interpolate(coarse, up, y);
                case "interpolateBackward" -> k.interpolateBackward(dy, up, coarseOut);
                case "spiralForward" -> k.spiralForward(x, spirals, weight, bias, y, work);
                case "spiralForwardBackward" -> {
                    k.spiralForward(x, spirals, weight, bias, y, work);
                    k.spiralBackward(dy, spirals, weight, weightGrad, biasGrad, dx, work);
                }
                case "elu" -> k.elu(x, y);
                case "eluBackward" -> k.eluBackward(x, y, dy, dx);
                case "relu" -> k.relu(x, y);
                case "reluBackward" -> k.reluBackward(x, y, dy, dx);
                case "eluTangent" -> k.eluTangent(x, xTangent, y, yTangent);
                case "eluTangentBackward" -> k.eluTangentBackward(x, xTangent, dy, yTangent, dx, y);
                case "add" -> k.add(x, dy, y);
                case "addBias" -> k.addBias(y, bias);
                case "instanceNorm" -> k.instanceNorm(x, 1e-5, y, invStd);
                case "instanceNormBackward" -> k.instanceNormBackward(y, invStd, dy, dx);
                case "adain" -> k.adain(x, gammaBeta, y);
                case "adainBackward" -> k.adainBackward(x, gammaBeta, dy, dx, gammaBetaGrad);
                case "meanOverVertices" -> k.meanOverVertices(x, perChannel);
                case "meanOverVerticesBackward" -> k.meanOverVerticesBackward(perChannel, dx);
                case "copyColumns" -> k.copyColumns(columnsFrom, 3, columnsTo, 5, 20);
                case "adamUpdate" -> k.adamUpdate(parameter, parameterGrad, first, second, adam);
                default -> throw new IllegalArgumentException("unknown kernel '" + name + "'; known: " + String.join(", ", ALL));
            }
        }

        private static INDArray rand(long... shape) {
            return Nd4j.rand(DataType.FLOAT, shape);
        }

        private static INDArray zeros(long... shape) {
            return Nd4j.create(DataType.FLOAT, shape);
        }
    }
}
