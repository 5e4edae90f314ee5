package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ftgan.data.PreparedDataset;
import org.ftgan.eval.CheckpointEvaluation;
import org.ftgan.eval.EvaluationJson;
import org.ftgan.eval.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path: training the tiny network lowers the test reconstruction error, and the checkpoint evaluates the same. */
class TrainingConvergenceTest {
    @TempDir
    Path tmp;

    @Test
    void trainingHalvesTheTestReconstructionErrorAndTheCheckpointEvaluatesAlike() throws IOException {
        Path data = TrainingFixture.prepared(tmp);
        Path config = TrainingFixture.config(tmp, "converge", data, "steps: 150\nlr: 1.0e-3\nlog_every: 50");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            Trainer t = new Trainer(RunConfig.load(config), ds, TrainingListener.NONE);
            double before = CheckpointEvaluation.evaluate(t, ds, null).metrics().reconstruction().mean();
            TrainingResult r = t.run();
            EvaluationResult after = CheckpointEvaluation.evaluate(t, ds, null);
            double rec = after.metrics().reconstruction().mean();
            assertTrue(rec <= before / 2, "E_rec " + before + " mm before training, " + rec + " mm after");

            Path maps = tmp.resolve("maps");
            EvaluationResult fromCheckpoint = CheckpointEvaluation.evaluate(r.lastCheckpoint(), null, maps);
            assertEquals(rec, fromCheckpoint.metrics().reconstruction().mean(), 1e-9);
            assertTrue(Files.list(maps).findAny().isPresent(), "error maps written");
            Path json = tmp.resolve("eval.json");
            EvaluationJson.write(json, fromCheckpoint);
            assertEquals(rec, EvaluationJson.read(json).metrics().reconstruction().mean(), 1e-9);
        }
    }
}
