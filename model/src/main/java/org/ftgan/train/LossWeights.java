package org.ftgan.train;

/**
 * Weights of the generator's loss terms and the discriminator's R1 penalty (MODEL.md's lambdas and
 * gamma_r1), and what the feature-matching term compares ({@link FeaturePooling}). L_rec and L_cycle
 * have weight 1.
 */
public record LossWeights(double adversarial, double featureMatching, double styleReconstruction, double laplacian,
                          double r1Gamma, FeaturePooling featurePooling) {
    public LossWeights {
        if (featurePooling == null) {
            throw new IllegalArgumentException("feature pooling must be given (MODEL.md's is " + FeaturePooling.FLATTENED.id() + ")");
        }
        double[] all = {adversarial, featureMatching, styleReconstruction, laplacian, r1Gamma};
        String[] names = {"adversarial", "featureMatching", "styleReconstruction", "laplacian", "r1Gamma"};
        for (int i = 0; i < all.length; i++) {
            if (!(all[i] >= 0) || Double.isInfinite(all[i])) {
                throw new IllegalArgumentException("loss weight " + names[i] + " must be finite and >= 0, got " + all[i]);
            }
        }
    }

    /** MODEL.md's feature matching on the flattened features. */
    public LossWeights(double adversarial, double featureMatching, double styleReconstruction, double laplacian,
                       double r1Gamma) {
        this(adversarial, featureMatching, styleReconstruction, laplacian, r1Gamma, FeaturePooling.FLATTENED);
    }

    /** lambda_adv 1, lambda_feat 1, lambda_srec 0.4, lambda_lap 1, gamma_r1 10. */
    public static LossWeights defaults() {
        return new LossWeights(1.0, 1.0, 0.4, 1.0, 10.0);
    }
}
