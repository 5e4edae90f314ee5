package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Discriminator D: meshes [B, V0, 3] -> one logit per style class [B, classes], plus the feature
 * layer Df [B, V_n x ch[n-1]] (the flattened output of the down-sampling SpiralBlocks without norm)
 * that the feature-matching loss compares.
 */
public final class Discriminator extends Module {
    private final Sequential features;
    private final Linear classifier;
    private INDArray featureGrad;
    private INDArray lastFeatures;

    public Discriminator(ModelConfig config, NetworkTopology topology, SplittableRandom rng) {
        List<Layer> l = new ArrayList<>(EncoderStack.downBlocks("discriminator", config, topology, NormKind.NONE, rng));
        l.add(new Flatten(config.lastVertices(), config.lastChannels()));
        this.features = new Sequential(l);
        this.classifier = new Linear("discriminator.classifier", config.lastVertices() * config.lastChannels(),
                config.classes(), rng);
    }

    private Discriminator(Sequential features, Linear classifier) {
        this.features = features;
        this.classifier = classifier;
    }

    @Override
    protected List<Module> children() {
        return List.of(features, classifier);
    }

    @Override
    public Discriminator replica() {
        return new Discriminator(features.replica(), classifier.replica());
    }

    /**
     * The convolutions of the down-sampling blocks, in order; each is followed by an ELU and the last
     * by Flatten and the classifier. For passes that walk D layer by layer (the R1 penalty's exact
     * gradient); they share this discriminator's Parameters.
     */
    public List<SpiralConv> convolutions() {
        List<SpiralConv> convs = new ArrayList<>();
        for (Layer m : features.modules()) {
            if (m instanceof SpiralBlock b) {
                if (!b.isConvolutionThenElu()) {
                    throw new IllegalStateException("discriminator block is not SpiralConv -> ELU");
                }
                convs.add(b.convolution());
            }
        }
        return List.copyOf(convs);
    }

    public Linear classifier() {
        return classifier;
    }

    /** Logits and features of meshes [B, V0, 3]; both arrays are owned by the discriminator. */
    public Output forward(INDArray meshes) {
        lastFeatures = features.forward(meshes);
        return new Output(classifier.forward(lastFeatures), lastFeatures);
    }

    /**
     * Backward from the gradients of the logits and of the features (either may be null when the loss
     * does not use it); returns dL/d meshes and adds the parameter gradients.
     */
    public INDArray backward(INDArray gradLogits, INDArray gradFeatures) {
        if (lastFeatures == null) {
            throw new IllegalStateException("Discriminator: backward called before forward");
        }
        if (gradLogits == null && gradFeatures == null) {
            throw new IllegalArgumentException("Discriminator backward needs the gradient of the logits or of the features");
        }
        INDArray g;
        if (gradLogits == null) {
            g = gradFeatures;
        } else {
            g = classifier.backward(gradLogits);
            if (gradFeatures != null) {
                Tensors.requireShape("Discriminator feature gradient", gradFeatures, g.dataType(), g.shape());
                featureGrad = Tensors.reuse(featureGrad, g.dataType(), g.shape());
                Kernels.current().add(g, Tensors.dense(gradFeatures), featureGrad);
                g = featureGrad;
            }
        }
        return features.backward(g);
    }

    /**
     * @param logits   [B, classes]
     * @param features Df, [B, V_n x ch[n-1]]
     */
    public record Output(INDArray logits, INDArray features) {
    }
}
