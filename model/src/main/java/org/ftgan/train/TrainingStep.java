package org.ftgan.train;

import java.util.Arrays;
import java.util.List;
import org.ftgan.nn.ContentEncoder;
import org.ftgan.nn.DecoderWithMapping;
import org.ftgan.nn.Discriminator;
import org.ftgan.nn.HostArray;
import org.ftgan.nn.ModelConfig;
import org.ftgan.nn.Parameter;
import org.ftgan.nn.StyleEncoder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One FaceTuneGAN training iteration (MODEL.md "One training iteration", the peer reference's
 * {@code step()}): a generator step, then a discriminator step, each with hand-composed backward
 * passes through the networks' modules and one Adam update.
 *
 * <p>Generator step. Repeated calls of a network are batched where they are independent, which is
 * exact because every layer (instance norm included) works per sample, and gives the GEMMs larger
 * operands: Es runs once on [x; s], the decoder once on [(Ec(x), Es(x)); (Ec(x), Es(s))] giving
 * [xr; xt], and D once on [xr; xt; s]. The second content encoder, style encoder and decoder calls
 * (on xt) are replicas sharing the parameters. Df(x) and Df(s) are detached targets, as in the
 * reference. D's backward over the s rows, with upstream one-hot at cls(s), also yields
 * g = d D_cls(s)(s) / d s for the R1 penalty: D is not updated before the discriminator step, so
 * this is the g the reference's double backward differentiates. D's parameter gradients from the
 * generator step are discarded.
 *
 * <p>Discriminator step: L_D = softplus(-D(s)) + softplus(D(xt detached)) + gamma/2 mean_b ||g_b||^2.
 * D runs once on [s; xt] for the first two terms. The R1 term's parameter gradient,
 * gamma/B sum_b (d^2 D(s_b) / d theta d s) g_b, is computed exactly by {@link R1Penalty}
 * (forward-over-reverse through D's layers), as PyTorch's double backward.
 *
 * <p>All buffers are allocated on the first call (again only if the batch size changes). Not
 * thread-safe; one instance per training loop.
 */
public final class TrainingStep {
    private static final StepObserver NO_OBSERVER = new StepObserver() {
    };

    private final FaceTuneGanModel model;
    private final LossWeights weights;
    private final LaplacianSmoothingLoss laplacian;
    private final int vertices;
    private final int classes;
    private final DataType type;

    private final ContentEncoder contentEncoder;
    private final ContentEncoder contentEncoderOnTransfer;
    private final StyleEncoder styleEncoder;
    private final StyleEncoder styleEncoderOnTransfer;
    private final DecoderWithMapping decoder;
    private final DecoderWithMapping decoderOnTransfer;
    private final Discriminator discriminator;
    private final Discriminator discriminatorOnContent;
    private final Discriminator discriminatorStep;
    private final R1Penalty r1Penalty;

    private int batch = -1;
    /** [x; s], the style encoder's batched input. */
    private StackedBatch contentAndStyle;
    /** [Ec(x); Ec(x)], the decoder's batched content input. */
    private StackedBatch doubledContent;
    /** xt, kept for the discriminator step (detached there). */
    private INDArray transfer;
    /** [xr; xt; s], the generator step's discriminator input, and the gradients of its logits and features. */
    private StackedBatch discriminatorInput;
    private StackedBatch gradLogits;
    private StackedBatch gradFeatures;
    /** dL/d[xr; xt]. */
    private StackedBatch gradDecoded;
    private INDArray gradCycle;
    private INDArray gradStyleOfTransfer;
    /** dL/d[Es(x); Es(s)]. */
    private StackedBatch gradStyles;
    private INDArray gradContent;
    /** g = d D_cls(s)(s) / d s. */
    private INDArray r1Direction;
    /** [s; xt], and the gradient of its logits. */
    private StackedBatch discriminatorStepInput;
    private StackedBatch discriminatorStepGradLogits;

    private double reconstruction;
    private double cycle;
    private double styleReconstruction;
    private double adversarial;
    private double featureMatching;
    private double laplacianLoss;
    private double generatorLoss;
    private double clipNorm;

    public TrainingStep(FaceTuneGanModel model, LossWeights weights, LaplacianSmoothingLoss laplacian) {
        if (model == null || weights == null || laplacian == null) {
            throw new IllegalArgumentException("TrainingStep needs a model, loss weights and a Laplacian smoothing loss");
        }
        ModelConfig config = model.config();
        if (laplacian.vertexCount() != config.vertices(0)) {
            throw new IllegalArgumentException("Laplacian smoothing loss has " + laplacian.vertexCount()
                    + " vertices, config " + config.name() + " has " + config.vertices(0));
        }
        this.model = model;
        this.weights = weights;
        this.laplacian = laplacian;
        this.vertices = config.vertices(0);
        this.classes = config.classes();
        this.type = model.generatorParameters().get(0).value().dataType();
        var nets = model.networks();
        this.contentEncoder = nets.contentEncoder();
        this.contentEncoderOnTransfer = contentEncoder.replica();
        this.styleEncoder = nets.styleEncoder();
        this.styleEncoderOnTransfer = styleEncoder.replica();
        this.decoder = nets.decoder();
        this.decoderOnTransfer = decoder.replica();
        this.discriminator = nets.discriminator();
        this.discriminatorOnContent = discriminator.replica();
        this.discriminatorStep = discriminator.replica();
        this.r1Penalty = new R1Penalty(discriminator);
    }

    public FaceTuneGanModel model() {
        return model;
    }

    /**
     * Clips the generator's and the discriminator's gradients, each to this global L2 norm, before
     * their Adam steps; 0 turns clipping off (the default). A non-finite norm is left alone, so the
     * loss check of the caller sees the divergence.
     */
    public void setGradientClipping(double maxNorm) {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("gradient clipping norm must be finite and >= 0 (0 is off), got " + maxNorm);
        }
        this.clipNorm = maxNorm;
    }

    private void clip(List<Parameter> parameters) {
        if (clipNorm > 0) {
            GradientClipping.clipGlobalNorm(parameters, clipNorm);
        }
    }

    public LossWeights weights() {
        return weights;
    }

    /**
     * One training iteration on content meshes {@code x} and style meshes {@code s}, both normalized
     * [B, V0, 3] in the parameters' data type, with the style classes cls(s) (B values in 0..classes-1).
     * Updates the generator's, then the discriminator's parameters and returns the loss terms
     * (evaluated before the updates). The inputs are read, never changed.
     */
    public TrainingLosses run(INDArray x, INDArray s, int[] styleClasses) {
        return run(x, s, styleClasses, NO_OBSERVER);
    }

    /** {@link #run(INDArray, INDArray, int[])}, showing the gradients of each phase to {@code observer}. */
    public TrainingLosses run(INDArray x, INDArray s, int[] styleClasses, StepObserver observer) {
        generatorGradients(x, s, styleClasses);
        observer.generatorGradientsReady();
        clip(model.generatorParameters());
        model.generatorOptimizer().step();
        double[] d = discriminatorGradients(s, styleClasses);
        observer.discriminatorGradientsReady();
        clip(model.discriminatorParameters());
        model.discriminatorOptimizer().step();
        return new TrainingLosses(reconstruction, cycle, styleReconstruction, adversarial, featureMatching, laplacianLoss,
                generatorLoss, d[0], d[1], d[2], d[3]);
    }

    /**
     * Zeroes all gradients, then fills the generator parameters' gradients with dL_G/d theta_G and
     * returns L_G. Also keeps xt and g = d D_cls(s)(s) / d s for {@link #discriminatorGradients}.
     */
    double generatorGradients(INDArray x, INDArray s, int[] styleClasses) {
        checkInputs(x, s, styleClasses);
        allocate((int) x.size(0));
        int b = batch;
        model.generatorParameters().forEach(Parameter::zeroGrad);

        ArrayBlocks.copy(x, contentAndStyle.block(0));
        ArrayBlocks.copy(s, contentAndStyle.block(1));
        INDArray xs = contentAndStyle.block(0);
        INDArray ss = contentAndStyle.block(1);

        // forward: styles [Es(x); Es(s)], content Ec(x), decoded [xr; xt]
        INDArray styles = styleEncoder.forward(contentAndStyle.all());
        INDArray styleOfContent = ArrayBlocks.rows(styles, 0, b);
        INDArray styleOfStyle = ArrayBlocks.rows(styles, b, 2L * b);
        INDArray content = contentEncoder.forward(xs);
        ArrayBlocks.copy(content, doubledContent.block(0));
        ArrayBlocks.copy(content, doubledContent.block(1));
        INDArray decoded = decoder.forward(doubledContent.all(), styles);
        INDArray reconstructed = ArrayBlocks.rows(decoded, 0, b);
        ArrayBlocks.copy(ArrayBlocks.rows(decoded, b, 2L * b), transfer);
        // cycle xc = Dec(Ec(xt), Es(x)) and Es(xt)
        INDArray cycled = decoderOnTransfer.forward(contentEncoderOnTransfer.forward(transfer), styleOfContent);
        INDArray styleOfTransfer = styleEncoderOnTransfer.forward(transfer);
        // discriminator on [xr; xt; s] (gradients flow) and on x (detached target only)
        ArrayBlocks.copy(reconstructed, discriminatorInput.block(0));
        ArrayBlocks.copy(transfer, discriminatorInput.block(1));
        ArrayBlocks.copy(ss, discriminatorInput.block(2));
        Discriminator.Output d = discriminator.forward(discriminatorInput.all());
        INDArray featuresOfContent = discriminatorOnContent.forward(xs).features();

        // losses, their gradients added into zeroed buffers
        ArrayBlocks.zero(gradDecoded.all());
        ArrayBlocks.zero(gradCycle);
        ArrayBlocks.zero(gradStyleOfTransfer);
        ArrayBlocks.zero(gradStyles.all());
        ArrayBlocks.zero(gradLogits.all());
        ArrayBlocks.zero(gradFeatures.all());
        INDArray gradReconstructed = gradDecoded.block(0);
        INDArray gradTransfer = gradDecoded.block(1);
        reconstruction = AverageVertexDistance.valueAndGradient(reconstructed, xs, 1.0, gradReconstructed, null);
        cycle = AverageVertexDistance.valueAndGradient(cycled, xs, 1.0, gradCycle, null);
        styleReconstruction = MeanAbsoluteError.valueAndGradient(styleOfTransfer, styleOfStyle,
                weights.styleReconstruction(), gradStyleOfTransfer, gradStyles.block(1));
        adversarial = Softplus.meanSoftplusOfNegated(ArrayBlocks.rows(d.logits(), b, 2L * b), styleClasses,
                weights.adversarial(), gradLogits.block(1));
        int channels = model.config().lastChannels();
        featureMatching = FeatureMatchingLoss.valueAndGradient(weights.featurePooling(), channels,
                ArrayBlocks.rows(d.features(), 0, b), featuresOfContent, weights.featureMatching(), gradFeatures.block(0))
                + FeatureMatchingLoss.valueAndGradient(weights.featurePooling(), channels,
                ArrayBlocks.rows(d.features(), b, 2L * b), ArrayBlocks.rows(d.features(), 2L * b, 3L * b),
                weights.featureMatching(), gradFeatures.block(1));
        laplacianLoss = laplacian.valueAndGradient(transfer, weights.laplacian(), gradTransfer);
        generatorLoss = reconstruction + cycle + weights.styleReconstruction() * styleReconstruction
                + weights.adversarial() * adversarial + weights.featureMatching() * featureMatching
                + weights.laplacian() * laplacianLoss;
        setOneHot(gradLogits.block(2), styleClasses, 1.0);

        // backward, in reverse order of the forward
        INDArray gradDiscriminatorInput = discriminator.backward(gradLogits.all(), gradFeatures.all());
        ArrayBlocks.addTo(ArrayBlocks.rows(gradDiscriminatorInput, 0, 2L * b), gradDecoded.all());
        ArrayBlocks.copy(ArrayBlocks.rows(gradDiscriminatorInput, 2L * b, 3L * b), r1Direction);
        ArrayBlocks.addTo(styleEncoderOnTransfer.backward(gradStyleOfTransfer), gradTransfer);
        DecoderWithMapping.Gradients cycleGrad = decoderOnTransfer.backward(gradCycle);
        ArrayBlocks.addTo(cycleGrad.style(), gradStyles.block(0));
        ArrayBlocks.addTo(contentEncoderOnTransfer.backward(cycleGrad.content()), gradTransfer);
        DecoderWithMapping.Gradients decodedGrad = decoder.backward(gradDecoded.all());
        ArrayBlocks.addTo(decodedGrad.style(), gradStyles.all());
        ArrayBlocks.copy(ArrayBlocks.rows(decodedGrad.content(), 0, b), gradContent);
        ArrayBlocks.addTo(ArrayBlocks.rows(decodedGrad.content(), b, 2L * b), gradContent);
        contentEncoder.backward(gradContent);
        styleEncoder.backward(gradStyles.all());
        return generatorLoss;
    }

    /**
     * Zeroes the discriminator's gradients, then fills them with dL_D/d theta_D for the style meshes
     * {@code s}, the xt of the last {@link #generatorGradients} (detached) and the kept R1 direction g.
     *
     * @return real, fake, r1 (mean ||g||^2) and L_D
     */
    double[] discriminatorGradients(INDArray s, int[] styleClasses) {
        if (batch < 0 || s.size(0) != batch) {
            throw new IllegalStateException("discriminator step: style meshes of batch " + s.size(0)
                    + " do not follow a generator step of batch " + batch);
        }
        int b = batch;
        model.discriminatorParameters().forEach(Parameter::zeroGrad);
        double r1 = ArrayBlocks.sumOfSquares(r1Direction) / b;
        ArrayBlocks.copy(s, discriminatorStepInput.block(0));
        ArrayBlocks.copy(transfer, discriminatorStepInput.block(1));
        INDArray logits = discriminatorStep.forward(discriminatorStepInput.all()).logits();
        ArrayBlocks.zero(discriminatorStepGradLogits.all());
        double real = Softplus.meanSoftplusOfNegated(ArrayBlocks.rows(logits, 0, b), styleClasses, 1.0,
                discriminatorStepGradLogits.block(0));
        double fake = Softplus.meanSoftplus(ArrayBlocks.rows(logits, b, 2L * b), styleClasses, 1.0,
                discriminatorStepGradLogits.block(1));
        discriminatorStep.backward(discriminatorStepGradLogits.all(), null);
        if (weights.r1Gamma() > 0 && r1 > 0) {
            r1Penalty.addGradient(s, r1Direction, styleClasses, weights.r1Gamma() / b);
        }
        double total = real + fake + weights.r1Gamma() / 2 * r1;
        return new double[] {real, fake, r1, total};
    }

    /**
     * Recomputes g = d D_cls(s)(s) / d s with the discriminator's current parameters (its own
     * forward and backward; the parameter gradients it adds are zeroed), for evaluating L_D alone.
     */
    void computeR1Direction(INDArray s, int[] styleClasses) {
        checkInputs(s, s, styleClasses);
        allocate((int) s.size(0));
        ArrayBlocks.copy(s, discriminatorStepInput.block(0));
        INDArray realRows = discriminatorStepInput.block(0);
        discriminatorOnContent.forward(realRows);
        INDArray oneHot = discriminatorStepGradLogits.block(0);
        ArrayBlocks.zero(oneHot);
        setOneHot(oneHot, styleClasses, 1.0);
        ArrayBlocks.copy(discriminatorOnContent.backward(oneHot, null), r1Direction);
        model.discriminatorParameters().forEach(Parameter::zeroGrad);
    }

    /** Sets xt, the detached fake batch of the discriminator step (for evaluating L_D alone). */
    void setTransfer(INDArray xt) {
        ArrayBlocks.copy(xt, transfer);
    }

    INDArray r1Direction() {
        return r1Direction;
    }

    private static void setOneHot(INDArray rows, int[] classes, double value) {
        HostArray e = HostArray.of(rows, "one-hot logit gradient");
        int k = (int) rows.size(1);
        for (int i = 0; i < classes.length; i++) {
            e.set(i * k + classes[i], value);
        }
    }

    private void checkInputs(INDArray x, INDArray s, int[] styleClasses) {
        checkMeshes(x, "content meshes x");
        checkMeshes(s, "style meshes s");
        if (x.size(0) != s.size(0)) {
            throw new IllegalArgumentException("content meshes x has batch " + x.size(0) + ", style meshes s " + s.size(0));
        }
        if (styleClasses == null || styleClasses.length != x.size(0)) {
            throw new IllegalArgumentException("style classes: expected " + x.size(0) + " values, got "
                    + (styleClasses == null ? "null" : styleClasses.length));
        }
        for (int i = 0; i < styleClasses.length; i++) {
            if (styleClasses[i] < 0 || styleClasses[i] >= classes) {
                throw new IllegalArgumentException("style classes[" + i + "] = " + styleClasses[i] + " outside 0.." + (classes - 1));
            }
        }
    }

    private void checkMeshes(INDArray a, String what) {
        if (a == null || a.rank() != 3 || a.size(1) != vertices || a.size(2) != 3 || a.size(0) < 1) {
            throw new IllegalArgumentException(what + ": expected shape [batch, " + vertices + ", 3], got "
                    + (a == null ? "null" : Arrays.toString(a.shape())));
        }
        if (a.dataType() != type) {
            throw new IllegalArgumentException(what + ": expected data type " + type + " (the parameters'), got " + a.dataType());
        }
        HostArray.requireContiguous(a, what);
    }

    private void allocate(int b) {
        if (b == batch) {
            return;
        }
        ModelConfig c = model.config();
        long features = (long) c.lastVertices() * c.lastChannels();
        contentAndStyle = new StackedBatch(type, 2, b, vertices, 3);
        doubledContent = new StackedBatch(type, 2, b, c.contentDim());
        transfer = Nd4j.create(type, b, vertices, 3);
        discriminatorInput = new StackedBatch(type, 3, b, vertices, 3);
        gradLogits = new StackedBatch(type, 3, b, classes);
        gradFeatures = new StackedBatch(type, 3, b, features);
        gradDecoded = new StackedBatch(type, 2, b, vertices, 3);
        gradCycle = Nd4j.create(type, b, vertices, 3);
        gradStyleOfTransfer = Nd4j.create(type, b, c.styleDim());
        gradStyles = new StackedBatch(type, 2, b, c.styleDim());
        gradContent = Nd4j.create(type, b, c.contentDim());
        r1Direction = Nd4j.create(type, b, vertices, 3);
        discriminatorStepInput = new StackedBatch(type, 2, b, vertices, 3);
        discriminatorStepGradLogits = new StackedBatch(type, 2, b, classes);
        batch = b;
    }
}
