package org.ftgan.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network that is one fixed sequence of layers (the encoders, the mapping network): forward,
 * backward and parameters are those of its {@link Sequential}; subclasses only build it.
 */
abstract class LayerStack extends Layer {
    protected final Sequential layers;

    protected LayerStack(Sequential layers) {
        this.layers = layers;
    }

    @Override
    protected List<Layer> children() {
        return List.of(layers);
    }

    @Override
    protected INDArray computeForward(INDArray input) {
        return layers.forward(input);
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        return layers.backward(gradOutput);
    }

    /** The leaves are profiled, so the stack itself is not (each leaf's time counts once). */
    @Override
    protected boolean profiled() {
        return false;
    }
}
