package org.ftgan.eval;

/**
 * What evaluation needs from a trained FaceTuneGAN: its content encoder Ec, style encoder Es and
 * decoder Dec, on NORMALIZED coordinates (per vertex and coordinate, (x_mm - mean) / std with the
 * prepared dataset's train statistics). Every mesh is a row of 3V floats (x, y, z per vertex); a
 * code is a row of any fixed length. Batching and threading are the implementation's business;
 * the evaluator hands over at most {@link EvaluationConfig#batchSize()} rows per call.
 */
public interface FaceCodec {
    /** Ec: one content code per mesh, in the same order. */
    float[][] contentCodes(float[][] normalizedMeshes);

    /** Es: one style code per mesh, in the same order. */
    float[][] styleCodes(float[][] normalizedMeshes);

    /** Dec: one normalized mesh (3V floats) per (content, style) pair, in the same order. */
    float[][] decode(float[][] contentCodes, float[][] styleCodes);
}
