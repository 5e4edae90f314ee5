package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ftgan.nn.AdainPlacement;
import org.ftgan.nn.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
    @TempDir
    Path tmp;

    private static final String EXAMPLE = """
            data: prepared/coma
            output: runs/coma-1
            model:
              preset: coma
              content_dim: 8
              mapping_hidden: [64, 16]
            topology:
              factors: [4, 4, 4, 4]
            loss:
              lambda_srec: 0.5
              gamma_r1: 5
            training:
              epochs: 480
              batch: 8
              lr: 1e-4
              betas: [0.5, 0.99]
              weight_decay: 0
              seed: 42
              log_every: 50
              checkpoint_every_steps: 1000
              checkpoint_every_minutes: 30
              keep_last: 2
            evaluation:
              triplets: 500
              seed: 3
            """;

    private Path write(String name, String yaml) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void readsEveryKeyWithPresetDefaultsAndRelativePaths() throws IOException {
        RunConfig c = RunConfig.load(write("run.yaml", EXAMPLE));
        assertEquals(tmp.resolve("prepared/coma"), c.dataDir());
        assertEquals(tmp.resolve("runs/coma-1/topology-cache"), c.topology().cacheDir());
        assertEquals(List.of(32, 64, 128, 128), c.model().channels());
        assertEquals(8, c.model().contentDim());
        assertEquals(4, c.model().styleDim());
        assertEquals(List.of(64, 16), c.model().mappingHidden());
        assertEquals(0.5, c.loss().styleReconstruction());
        assertEquals(1.0, c.loss().adversarial());
        assertEquals(1e-4, c.training().learningRate());
        assertEquals(0.5, c.training().beta1());
        assertEquals(0.0, c.training().weightDecay());
        assertEquals(480 * 10L, c.training().totalSteps(10));
        assertEquals(500, c.evaluation().triplets());
        ModelConfig m = c.modelConfig(new int[] {5000, 1250, 313, 79, 20}, 17);
        assertEquals(List.of(5000, 1250, 313, 79, 20), m.verticesPerLevel());
        assertEquals(17, m.classes());
    }

    @Test
    void jsonCopyReadsBackToAnEqualConfig() throws IOException {
        RunConfig c = RunConfig.load(write("run.yaml", EXAMPLE));
        Path json = write("config.json", c.toJsonText());
        RunConfig back = RunConfig.readJson(json);
        assertEquals(c.toJsonText(), back.toJsonText());
        assertEquals(c.hash(), back.hash());
    }

    @Test
    void hashFollowsTheTrajectoryNotTheBudget() throws IOException {
        String h = RunConfig.load(write("a.yaml", EXAMPLE)).hash();
        assertEquals(64, h.length());
        assertEquals(h, RunConfig.load(write("b.yaml", EXAMPLE.replace("epochs: 480", "epochs: 900")
                .replace("log_every: 50", "log_every: 5"))).hash());
        assertNotEquals(h, RunConfig.load(write("c.yaml", EXAMPLE.replace("lr: 1e-4", "lr: 2e-4"))).hash());
        assertNotEquals(h, RunConfig.load(write("d.yaml", EXAMPLE.replace("seed: 42", "seed: 43"))).hash());
        RunConfig clipped = RunConfig.load(write("e.yaml", EXAMPLE.replace("  keep_last: 2", "  keep_last: 2\n  clip_grad_norm: 5")));
        assertEquals(5.0, clipped.training().clipGradNorm());
        assertNotEquals(h, clipped.hash(), "clipping changes the trajectory");
        assertEquals(h, RunConfig.load(write("f.yaml", EXAMPLE.replace("  keep_last: 2", "  keep_last: 2\n  clip_grad_norm: 0"))).hash(),
                "clipping off keeps the hash of a config without the key");
        RunConfigException e = assertThrows(RunConfigException.class,
                () -> RunConfig.load(write("g.yaml", EXAMPLE.replace("  keep_last: 2", "  keep_last: 2\n  clip_grad_norm: -1"))));
        assertTrue(e.getMessage().contains("training.clip_grad_norm"), e.getMessage());
    }

    @Test
    void featurePoolingDefaultsToModelMdAndChangesTheHashOnlyWhenSet() throws IOException {
        RunConfig plain = RunConfig.load(write("plain.yaml", EXAMPLE));
        assertEquals(FeaturePooling.FLATTENED, plain.loss().featurePooling());
        // EXAMPLE's hash before the option existed: earlier runs and their checkpoints keep theirs
        assertEquals("b1d9250f7b616cb829a7dcb542b0230382c0ac5c91065e963f891c176edf8435", plain.hash());
        assertEquals(plain.hash(), RunConfig.load(write("flat.yaml",
                EXAMPLE.replace("  gamma_r1: 5", "  gamma_r1: 5\n  feature_pooling: flattened"))).hash());
        RunConfig mean = RunConfig.load(write("mean.yaml", EXAMPLE.replace("  gamma_r1: 5", "  gamma_r1: 5\n  feature_pooling: vertex_mean")));
        assertEquals(FeaturePooling.VERTEX_MEAN, mean.loss().featurePooling());
        assertNotEquals(plain.hash(), mean.hash());
        assertEquals(FeaturePooling.VERTEX_MEAN, RunConfig.readJson(write("mean.json", mean.toJsonText())).loss().featurePooling());
        Path bad = write("bad-pooling.yaml", EXAMPLE.replace("  gamma_r1: 5", "  gamma_r1: 5\n  feature_pooling: max"));
        RunConfigException e = assertThrows(RunConfigException.class, () -> RunConfig.load(bad));
        assertTrue(e.getMessage().contains("loss.feature_pooling") && e.getMessage().contains("[flattened, vertex_mean]"),
                e.getMessage());
    }

    @Test
    void adainPlacementDefaultsToModelMdAndChangesTheHashOnlyWhenSet() throws IOException {
        RunConfig plain = RunConfig.load(write("plain.yaml", EXAMPLE));
        assertEquals(AdainPlacement.COARSE, plain.model().adain());
        // EXAMPLE's hash before the option existed (commit c55710a): earlier runs and their checkpoints keep theirs
        assertEquals("b1d9250f7b616cb829a7dcb542b0230382c0ac5c91065e963f891c176edf8435", plain.hash());
        assertEquals(plain.hash(), RunConfig.load(write("coarse.yaml", EXAMPLE.replace("  content_dim: 8", "  content_dim: 8\n  adain: coarse"))).hash());
        RunConfig all = RunConfig.load(write("all.yaml", EXAMPLE.replace("  content_dim: 8", "  content_dim: 8\n  adain: all")));
        assertEquals(AdainPlacement.ALL, all.model().adain());
        assertNotEquals(plain.hash(), all.hash());
        assertEquals(AdainPlacement.ALL, all.modelConfig(new int[] {5000, 1250, 313, 79, 20}, 17).adain());
        assertEquals(AdainPlacement.ALL, RunConfig.readJson(write("all.json", all.toJsonText())).model().adain());
        Path bad = write("bad-adain.yaml", EXAMPLE.replace("  content_dim: 8", "  content_dim: 8\n  adain: everywhere"));
        RunConfigException e = assertThrows(RunConfigException.class, () -> RunConfig.load(bad));
        assertTrue(e.getMessage().contains("model.adain") && e.getMessage().contains("[coarse, all, res]"), e.getMessage());
    }

    @Test
    void unknownKeysAndWrongTypesNameTheFileAndKeyPath() throws IOException {
        Path f = write("bad.yaml", EXAMPLE.replace("  keep_last: 2", "  keep_lats: 2"));
        RunConfigException e = assertThrows(RunConfigException.class, () -> RunConfig.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("training.keep_lats"), e.getMessage());

        Path g = write("type.yaml", EXAMPLE.replace("betas: [0.5, 0.99]", "betas: [0.5, high]"));
        e = assertThrows(RunConfigException.class, () -> RunConfig.load(g));
        assertTrue(e.getMessage().contains("training.betas[1]") && e.getMessage().contains("expected a number"), e.getMessage());

        Path h = write("int.yaml", EXAMPLE.replace("batch: 8", "batch: 8.5"));
        e = assertThrows(RunConfigException.class, () -> RunConfig.load(h));
        assertTrue(e.getMessage().contains("training.batch"), e.getMessage());

        Path k = write("factors.yaml", EXAMPLE.replace("factors: [4, 4, 4, 4]", "factors: [4, 4]"));
        e = assertThrows(RunConfigException.class, () -> RunConfig.load(k));
        assertTrue(e.getMessage().contains("topology.factors"), e.getMessage());

        Path both = write("both.yaml", EXAMPLE.replace("epochs: 480", "epochs: 480\n  steps: 10"));
        e = assertThrows(RunConfigException.class, () -> RunConfig.load(both));
        assertTrue(e.getMessage().contains("exactly one"), e.getMessage());
    }

    @Test
    void peakTripletsAreOffByDefaultAndMustBeABoolean() throws IOException {
        RunConfig plain = RunConfig.load(write("plain.yaml", EXAMPLE));
        assertEquals(false, plain.evaluation().peakTriplets());
        RunConfig on = RunConfig.load(write("on.yaml", EXAMPLE.replace("  seed: 3", "  seed: 3\n  peak_triplets: true")));
        assertEquals(true, on.evaluation().peakTriplets());
        assertEquals(plain.hash(), on.hash(), "an evaluation setting, not the trajectory");
        assertEquals(true, RunConfig.readJson(write("on.json", on.toJsonText())).evaluation().peakTriplets());
        Path bad = write("bad-peaks.yaml", EXAMPLE.replace("  seed: 3", "  seed: 3\n  peak_triplets: yes please"));
        RunConfigException e = assertThrows(RunConfigException.class, () -> RunConfig.load(bad));
        assertEquals(bad + ": evaluation.peak_triplets: expected true or false, got the string 'yes please'", e.getMessage());
    }
}
