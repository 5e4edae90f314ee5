package org.ftgan.train;

/**
 * The loss terms of one training iteration, each unweighted except the totals.
 *
 * @param reconstruction      L_rec = AVD(xr, x)
 * @param cycle               L_cycle = AVD(xc, x)
 * @param styleReconstruction L_srec = mean |Es(xt) - Es(s)|
 * @param adversarial         L_adv = mean softplus(-D_cls(s)(xt))
 * @param featureMatching     L_feat = mean |Df(xr) - Df(x)| + mean |Df(xt) - Df(s)|
 * @param laplacian           L_lap of xt
 * @param generator           L_G, the weighted sum
 * @param discriminatorReal   mean softplus(-D_cls(s)(s))
 * @param discriminatorFake   mean softplus(D_cls(s)(xt))
 * @param r1                  mean over the batch of ||d D_cls(s)(s) / d s||^2 (weighted by gamma_r1 / 2 in L_D)
 * @param discriminator       L_D = real + fake + gamma_r1 / 2 * r1
 */
public record TrainingLosses(double reconstruction, double cycle, double styleReconstruction, double adversarial,
                             double featureMatching, double laplacian, double generator, double discriminatorReal,
                             double discriminatorFake, double r1, double discriminator) {
}
