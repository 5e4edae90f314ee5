package org.ftgan.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A block whose output also depends on a style input (AdaIN's gamma and beta columns of the mapping's
 * output): the decoder's AdaIN SpiralBlocks and SpiralResBlocks.
 */
public interface StyleConditioned {
    /** The block on {@code x} with AdaIN's {@code style} columns. */
    INDArray forward(INDArray x, INDArray style);

    /** Adds the parameter gradients and returns the gradients of the input and of the style. */
    StyledGradients backwardWithStyle(INDArray gradOutput);

    List<Parameter> parameters();
}
