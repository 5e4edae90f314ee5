package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.data.PreparedDataset;
import org.ftgan.eval.HeldOutSubsetEvaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluation.every_steps}: the held-out subset is scored while training, the curve is written
 * to {@code evaluation_curve.csv}, the best state is kept as {@code checkpoints/best}, and training
 * computes the same losses with or without it.
 */
class EvaluationDuringTrainingTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void prepare() throws IOException {
        data = TrainingFixture.prepared(tmp);
    }

    private static Path config(String name, String evaluation) throws IOException {
        Path file = TrainingFixture.config(tmp, name, data, "steps: 6\nlog_every: 2\nkeep_last: 1\ncheckpoint_every_steps: 1");
        Files.writeString(file, "evaluation:\n" + evaluation.indent(2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return file;
    }

    @Test
    void theHeldOutSubsetIsScoredEveryNStepsWithoutChangingTraining() throws IOException {
        RunConfig with = RunConfig.load(config("with", "every_steps: 2\ntraining_triplets: 12\npool: all"));
        RunConfig without = RunConfig.load(config("without", "every_steps: 0\npool: all"));
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            List<double[]> lossesWith = new ArrayList<>();
            List<EvaluationPoint> points = new ArrayList<>();
            List<Boolean> bests = new ArrayList<>();
            Trainer a = new Trainer(with, ds, new TrainingListener() {
                @Override
                public void onStep(long step, TrainingLosses losses) {
                    lossesWith.add(LossTerms.values(losses));
                }

                @Override
                public void onEvaluation(EvaluationPoint point, boolean best) {
                    points.add(point);
                    bests.add(best);
                }
            });
            a.evaluateDuringTraining(new HeldOutSubsetEvaluation(with, ds));
            a.run();

            List<double[]> lossesWithout = new ArrayList<>();
            Trainer b = new Trainer(without, ds, new TrainingListener() {
                @Override
                public void onStep(long step, TrainingLosses losses) {
                    lossesWithout.add(LossTerms.values(losses));
                }
            });
            b.evaluateDuringTraining(new HeldOutSubsetEvaluation(without, ds));
            b.run();

            assertEquals(6, lossesWith.size());
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(lossesWithout.get(i), lossesWith.get(i), 0.0, "losses of step " + (i + 1));
            }
            assertEquals(List.of(2L, 4L, 6L), points.stream().map(EvaluationPoint::step).toList());
            for (EvaluationPoint p : points) {
                assertEquals(12, p.triplets());
                assertTrue(p.transfer() > 0 && p.blendshape() > 0 && p.reconstruction() > 0 && p.neutralization() > 0, p.toString());
            }
            // the blendshape baseline does not depend on the network: the same subset gives the same figure
            assertEquals(points.get(0).blendshape(), points.get(2).blendshape(), 0.0);

            EvaluationCurve curve = EvaluationCurve.open(with.outputDir(), Long.MAX_VALUE);
            assertEquals(points.stream().map(EvaluationPoint::transfer).toList(),
                    curve.points().stream().map(EvaluationPoint::transfer).toList());
            EvaluationPoint best = curve.best();
            for (int i = 0; i < points.size(); i++) {
                EvaluationPoint p = points.get(i);
                boolean lowestSoFar = points.subList(0, i).stream().allMatch(q -> p.transfer() < q.transfer());
                assertEquals(lowestSoFar, bests.get(i), "best flag of step " + p.step());
                assertTrue(best.transfer() <= p.transfer());
            }
            // keep_last 1 pruned the step checkpoints, never the best one
            assertEquals(best.step(), Checkpoint.open(a.bestCheckpointDir()).step());
            assertEquals(1, a.checkpoints().list().size());
            assertTrue(Files.notExists(without.outputDir().resolve("evaluation_curve.csv")), "every_steps 0 evaluates nothing");
        }
    }

    @Test
    void aResumedRunDropsTheCurvePointsAfterItsCheckpoint() throws IOException {
        Path dir = tmp.resolve("resume");
        EvaluationCurve c = EvaluationCurve.open(dir, 0);
        for (long s = 2; s <= 8; s += 2) {
            c.add(new EvaluationPoint(s, 1, 0.5, 2, 3 - s / 10.0, 1, 10, 0.1));
        }
        EvaluationCurve resumed = EvaluationCurve.open(dir, 5);
        assertEquals(List.of(2L, 4L), resumed.points().stream().map(EvaluationPoint::step).toList());
        assertEquals(4L, resumed.best().step());
    }

    @Test
    void badEvaluationSettingsNameTheirKey() throws IOException {
        RunConfigException negative = org.junit.jupiter.api.Assertions.assertThrows(RunConfigException.class,
                () -> RunConfig.load(config("negative", "every_steps: -5")));
        assertTrue(negative.getMessage().contains("evaluation.every_steps"), negative.getMessage());
        RunConfigException notBoolean = org.junit.jupiter.api.Assertions.assertThrows(RunConfigException.class,
                () -> RunConfig.load(config("word", "keep_best: maybe")));
        assertTrue(notBoolean.getMessage().contains("evaluation.keep_best"), notBoolean.getMessage());
    }
}
