package org.ftgan.train;

/**
 * Sees a training iteration between its phases, where the parameters' gradients are complete and no
 * optimizer has used them yet: the reference check reads them there. Both methods may read the
 * parameters and their gradients; neither may change them.
 */
public interface StepObserver {
    /** Generator gradients dL_G/d theta_G are filled (before clipping and the generator's Adam step). */
    default void generatorGradientsReady() {
    }

    /** Discriminator gradients dL_D/d theta_D are filled (before clipping and the discriminator's Adam step). */
    default void discriminatorGradientsReady() {
    }
}
