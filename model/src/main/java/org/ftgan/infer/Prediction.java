package org.ftgan.infer;

/**
 * One predicted mesh in mm and, where a ground truth exists, its per-vertex error against it.
 *
 * @param positions   3V floats, mm
 * @param errorMm     per-vertex Euclidean distance to the ground truth (V floats, mm), or null
 * @param meanErrorMm the mean of errorMm computed as the evaluation computes an AVD
 *                    ({@link org.ftgan.mesh.VertexDistance#average}), or null
 */
public record Prediction(float[] positions, float[] errorMm, Double meanErrorMm) {
}
