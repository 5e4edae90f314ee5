package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients of a module that takes features and a style (its AdaIN gamma and beta): dL/d input
 * and dL/d style, both owned by the module.
 */
public record StyledGradients(INDArray input, INDArray style) {
}
