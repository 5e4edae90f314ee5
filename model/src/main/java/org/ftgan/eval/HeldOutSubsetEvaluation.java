package org.ftgan.eval;

import java.io.IOException;
import org.ftgan.data.PreparedDataset;
import org.ftgan.train.EvaluationPoint;
import org.ftgan.train.FaceTuneGanModel;
import org.ftgan.train.PeriodicEvaluation;
import org.ftgan.train.RunConfig;

/**
 * The evaluation during training: the {@link Evaluator} on {@code evaluation.training_triplets}
 * triplets drawn with the run's evaluation seed and pool (so every evaluation of a run scores the same
 * subset, and a curve's points are comparable), no error maps. The run's final evaluation draws
 * {@code evaluation.triplets} with the same seed.
 */
public final class HeldOutSubsetEvaluation implements PeriodicEvaluation {
    private final PreparedDataset data;
    private final EvaluationConfig config;

    public HeldOutSubsetEvaluation(RunConfig run, PreparedDataset data) {
        this.data = data;
        RunConfig.Evaluation e = run.evaluation();
        this.config = EvaluationConfig.defaults(e.seed()).withTripletCount(e.trainingTriplets()).withPool(e.pool())
                .withErrorMapsPerKind(0);
    }

    @Override
    public EvaluationPoint evaluate(FaceTuneGanModel model) throws IOException {
        EvaluationResult r = new Evaluator(new NetworkCodec(model.networks()), config).evaluate(data, null);
        EvaluationResult.Metrics m = r.metrics();
        return new EvaluationPoint(0, mean(m.reconstruction()), mean(m.identityDecomposition()), mean(m.neutralization()),
                mean(m.transfer()), mean(m.blendshapeTransfer()), r.tripletCount(), 0);
    }

    private static double mean(ErrorStats s) {
        return s == null ? Double.NaN : s.mean();
    }
}
