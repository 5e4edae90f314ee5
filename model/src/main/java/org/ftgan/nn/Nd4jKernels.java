package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link Kernels} as ND4J ops only, so that arrays may live on a CUDA device: gathers with
 * {@code gather}, scatter-adds with {@code scatter_add} under its lock (which adds rows sharing a
 * target, as padded spirals need; see {@link IndexOps} for why not {@code unsorted_segment_sum}),
 * per-sample channel values with broadcast ops. Gradient-checked on the CPU beside {@link CpuKernels}.
 *
 * <p>The temporaries some passes need are closed before the pass returns (try-with-resources), so
 * their native (or device) memory is freed at once instead of whenever the garbage collector finds
 * their small Java objects: the Java heap hardly grows in a training step, so collections are rare,
 * and on the tiny network the process's resident size climbed by hundreds of MB before one came.
 */
final class Nd4jKernels implements Kernels {
    static final Nd4jKernels INSTANCE = new Nd4jKernels();

    private Nd4jKernels() {
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public void gather(INDArray x, RowIndex index, INDArray out) {
        IndexOps.gatherRows(x, index.deviceIndex(), out);
    }

    @Override
    public void scatterSum(INDArray rows, RowIndex index, INDArray out) {
        int batch = (int) out.size(0);
        long c = out.size(2);
        IndexOps.segmentSum(rows.reshape('c', rows.length() / c, c), index.segments(batch),
                out.reshape('c', (long) batch * index.sources(), c));
    }

    @Override
    public void interpolate(INDArray x, RowIndex index, INDArray out) {
        int batch = (int) x.size(0);
        long c = x.size(2);
        int rows = index.rows();
        try (INDArray expanded = Nd4j.create(x.dataType(), batch, (long) index.index().length, c)) {
            IndexOps.gatherRows(x, index.deviceIndex(), expanded);
            INDArray e4 = expanded.reshape('c', batch, rows, index.group(), c);
            Nd4j.exec(new BroadcastMulOp(e4, index.deviceWeights(x.dataType()), e4, 1, 2));
            try (INDArray sum = e4.sum(2)) {
                out.assign(sum);
            }
        }
    }

    @Override
    public void interpolateBackward(INDArray dy, RowIndex index, INDArray dx) {
        int batch = (int) dy.size(0);
        long c = dy.size(2);
        int rows = index.rows();
        try (INDArray e4 = Nd4j.create(dy.dataType(), batch, rows, index.group(), c)) {
            Nd4j.exec(new BroadcastCopyOp(e4, dy, e4, 0, 1, 3));
            Nd4j.exec(new BroadcastMulOp(e4, index.deviceWeights(dy.dataType()), e4, 1, 2));
            scatterSum(e4.reshape('c', batch, (long) index.index().length, c), index, dx);
        }
    }

    @Override
    public void spiralForward(INDArray x, RowIndex spirals, INDArray weight, INDArray bias, INDArray y, SpiralWork work) {
        int batch = (int) x.size(0);
        long in = x.size(2);
        int rows = spirals.rows();
        work.input = x;
        work.narrowed = false;
        work.gathered = Tensors.reuse(work.gathered, x.dataType(), (long) batch * rows, spirals.group() * in);
        long t = Profiler.start();
        gather(x, spirals, work.gathered.reshape('c', batch, (long) spirals.index().length, in));
        Profiler.record("SpiralConv.gather", t);
        t = Profiler.start();
        INDArray y2d = work.output2d.of(y, (long) batch * rows, y.size(2));
        Gemm.multiply(work.gathered, weight, y2d, false, false, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        y2d.addiRowVector(bias);
    }

    @Override
    public void spiralBackward(INDArray dy, RowIndex spirals, INDArray weight, INDArray weightGrad, INDArray biasGrad,
                               INDArray dx, SpiralWork work) {
        int batch = (int) dy.size(0);
        int rows = spirals.rows();
        long in = dx.size(2);
        INDArray dy2d = work.gradOutput2d.of(dy, (long) batch * rows, dy.size(2));
        long t = Profiler.start();
        if (work.ones == null || work.ones.size(1) != (long) batch * rows || work.ones.dataType() != dy.dataType()) {
            work.ones = Nd4j.ones(dy.dataType(), 1, (long) batch * rows);
        }
        Gemm.multiply(work.ones, dy2d, biasGrad, false, false, 1.0, 1.0);
        Gemm.multiply(work.gathered, dy2d, weightGrad, true, false, 1.0, 1.0);
        Gemm.multiply(dy2d, weight, work.gathered, false, true, 1.0, 0.0);
        Profiler.record("SpiralConv.gemm", t);
        t = Profiler.start();
        scatterSum(work.gathered.reshape('c', batch, (long) spirals.index().length, in), spirals, dx);
        Profiler.record("SpiralConv.scatter", t);
        work.input = null;
    }

    @Override
    public void elu(INDArray x, INDArray y) {
        Nd4j.exec(DynamicCustomOp.builder("elu").addInputs(x).addOutputs(y).addFloatingPointArguments(1.0).build());
    }

    @Override
    public void eluBackward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        Nd4j.exec(DynamicCustomOp.builder("elu_bp").addInputs(x, dy).addOutputs(dx).addFloatingPointArguments(1.0).build());
    }

    @Override
    public void relu(INDArray x, INDArray y) {
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(y).addFloatingPointArguments(0.0).build());
    }

    @Override
    public void reluBackward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(x, dy).addOutputs(dx).addFloatingPointArguments(0.0).build());
    }

    @Override
    public void eluTangent(INDArray x, INDArray xTangent, INDArray y, INDArray yTangent) {
        elu(x, y);
        eluBackward(x, y, xTangent, yTangent); // elu'(x) times xTangent
    }

    @Override
    public void eluTangentBackward(INDArray x, INDArray xTangent, INDArray dy, INDArray dyTangent, INDArray dx,
                                   INDArray dxTangent) {
        eluBackward(x, null, dy, dx);
        // elu''(x) v = elu'(x) v - relu'(x) v for v = xTangent dy: v e^x below 0, v - v = 0 above
        try (INDArray v = xTangent.mul(dy); INDArray part = Nd4j.createUninitialized(x.dataType(), x.shape())) {
            eluBackward(x, null, v, dxTangent);
            reluBackward(x, null, v, part);
            dxTangent.subi(part);
            eluBackward(x, null, dyTangent, part);
            dxTangent.addi(part);
        }
    }

    @Override
    public void add(INDArray a, INDArray b, INDArray out) {
        a.add(b, out);
    }

    @Override
    public void addBias(INDArray y, INDArray bias) {
        (y.rank() == 2 ? y : y.reshape('c', y.length() / bias.length(), bias.length())).addiRowVector(bias);
    }

    @Override
    public void instanceNorm(INDArray x, double eps, INDArray y, INDArray invStd) {
        try (INDArray mean = x.mean(1)) {
            ChannelOps.sub(x, mean, y);
        }
        try (INDArray squares = y.mul(y); INDArray var = squares.mean(1)) {
            INDArray inv = Transforms.pow(var.addi(eps), -0.5, false); // in place: var
            ChannelOps.mul(y, inv, y);
            invStd.assign(inv); // to DOUBLE and back is exact
        }
    }

    @Override
    public void instanceNormBackward(INDArray y, INDArray invStd, INDArray dy, INDArray dx) {
        // dx = invStd * (dy - mean_v(dy) - y * mean_v(dy * y))
        try (INDArray meanDy = dy.mean(1); INDArray product = dy.mul(y); INDArray meanDyY = product.mean(1)) {
            ChannelOps.mul(y, meanDyY, dx);
            dy.sub(dx, dx);
            ChannelOps.sub(dx, meanDy, dx);
        }
        if (invStd.dataType() == y.dataType()) {
            ChannelOps.mul(dx, invStd, dx);
        } else {
            try (INDArray cast = invStd.castTo(y.dataType())) {
                ChannelOps.mul(dx, cast, dx);
            }
        }
    }

    @Override
    public void adain(INDArray normalized, INDArray gammaBeta, INDArray y) {
        long c = y.size(2);
        try (INDArray gamma = gammaBeta.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c)).dup();
             INDArray beta = gammaBeta.get(NDArrayIndex.all(), NDArrayIndex.interval(c, 2 * c)).dup()) {
            ChannelOps.mul(normalized, gamma, y);
            ChannelOps.add(y, beta, y);
        }
    }

    @Override
    public void adainBackward(INDArray normalized, INDArray gammaBeta, INDArray dy, INDArray dNormalized, INDArray dGammaBeta) {
        long c = dy.size(2);
        try (INDArray product = dy.mul(normalized); INDArray dGamma = product.sum(1); INDArray dBeta = dy.sum(1);
             INDArray gamma = gammaBeta.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c)).dup()) {
            dGammaBeta.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c)).assign(dGamma);
            dGammaBeta.get(NDArrayIndex.all(), NDArrayIndex.interval(c, 2 * c)).assign(dBeta);
            ChannelOps.mul(dy, gamma, dNormalized);
        }
    }

    @Override
    public void meanOverVertices(INDArray x, INDArray y) {
        try (INDArray mean = x.mean(1)) {
            y.assign(mean);
        }
    }

    @Override
    public void meanOverVerticesBackward(INDArray dy, INDArray dx) {
        try (INDArray share = dy.div(dx.size(1))) {
            ChannelOps.spread(share, dx);
        }
    }

    @Override
    public void copyColumns(INDArray src, int srcColumn, INDArray dst, int dstColumn, int width) {
        dst.get(NDArrayIndex.all(), NDArrayIndex.interval(dstColumn, dstColumn + width))
                .assign(src.get(NDArrayIndex.all(), NDArrayIndex.interval(srcColumn, srcColumn + width)));
    }

    @Override
    public void adamUpdate(INDArray value, INDArray grad, INDArray first, INDArray second, AdamStep s) {
        try (INDArray g = value.mul(s.weightDecay()).addi(grad); INDArray scaled = g.mul(1 - s.beta1())) {
            first.muli(s.beta1()).addi(scaled);
            second.muli(s.beta2()).addi(g.muli(g).muli(1 - s.beta2()));
        }
        try (INDArray denominator = Transforms.sqrt(second, true).divi(s.biasCorrection2Sqrt()).addi(s.epsilon());
             INDArray update = first.mul(s.stepSize()).divi(denominator)) {
            value.subi(update);
        }
    }
}
