package org.ftgan.train;

/**
 * One evaluation during training: the means, in millimetres, of MODEL.md's metrics on the run's fixed
 * subset of held-out triplets ({@code evaluation.training_triplets}, drawn with the evaluation seed,
 * the same subset every time). A metric without items (e.g. no complete triplet) is NaN.
 *
 * @param step                  training steps done when it was taken
 * @param reconstruction        E_rec
 * @param identityDecomposition E_id_decomp
 * @param neutralization        E_neu
 * @param transfer              E_transfer of FaceTuneGAN
 * @param blendshape            E_transfer of the blendshape-transfer baseline on the same triplets
 * @param triplets              triplets drawn
 * @param seconds               wall time the evaluation took
 */
public record EvaluationPoint(long step, double reconstruction, double identityDecomposition, double neutralization,
                              double transfer, double blendshape, int triplets, double seconds) {
    public EvaluationPoint atStep(long s, double took) {
        return new EvaluationPoint(s, reconstruction, identityDecomposition, neutralization, transfer, blendshape, triplets, took);
    }
}
