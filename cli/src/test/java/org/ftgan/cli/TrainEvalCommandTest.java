package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ftgan.eval.EvaluationJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvalCommandTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void prepare() {
        Path root = dir.resolve("raw");
        data = dir.resolve("prepared");
        assertEquals(0, CliRun.of("data", "synth", "--subjects", "3", "--expressions", "2", "--vertices", "650",
                "--frames", "25", "--out", root.toString()).exitCode());
        CliRun p = CliRun.of("data", "prepare", "--kind", "synthetic", "--root", root.toString(), "--out", data.toString());
        assertEquals(0, p.exitCode(), p.err());
    }

    private static Path config(String name, String training) throws Exception {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, String.join("\n", "data: prepared", "output: " + name, "model:", "  preset: tiny",
                "topology:", "  factors: [4, 4]", "  cache_dir: cache", "training:", "  batch: 4", "  seed: 1",
                training.indent(2).stripTrailing(), "evaluation:", "  triplets: 20", ""));
        return f;
    }

    @Test
    void trainsResumesWithALargerBudgetAndEvaluatesTheCheckpoint() throws Exception {
        Path c3 = config("run", "steps: 3\nlog_every: 1");
        CliRun first = CliRun.of("train", "--config", c3.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("finished at step 3"), first.out());
        Path checkpoints = dir.resolve("run/checkpoints");
        assertTrue(Files.isDirectory(checkpoints.resolve("step-000000003")));

        // the same run with a larger budget continues from its newest checkpoint
        Files.writeString(c3, Files.readString(c3).replace("steps: 3", "steps: 5"));
        CliRun second = CliRun.of("train", "--config", c3.toString(), "--resume", checkpoints.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("resumed from") && second.out().contains("finished at step 5"), second.out());
        List<String> csv = Files.readAllLines(dir.resolve("run/metrics.csv"));
        assertTrue(csv.get(0).startsWith("step,epoch,steps,samples_per_s,elapsed_s,L_rec"), csv.get(0));
        assertEquals(6, csv.size(), csv.toString());
        assertTrue(csv.get(5).startsWith("5,"), csv.get(5));

        Path json = dir.resolve("eval.json");
        CliRun eval = CliRun.of("eval", "--checkpoint", checkpoints.toString(), "--out", json.toString(),
                "--maps", dir.resolve("maps").toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("E_rec") && eval.out().contains("wrote " + json), eval.out());
        assertEquals(20, EvaluationJson.read(json).tripletCount());
        assertTrue(Files.list(dir.resolve("maps")).findAny().isPresent());
    }

    @Test
    void aCheckpointOfAnotherConfigAndADivergingRunAreReportedClearly() throws Exception {
        Path a = config("a", "steps: 1");
        assertEquals(0, CliRun.of("train", "--config", a.toString()).exitCode());
        Path b = config("b", "steps: 1\nlr: 3.0e-4");
        CliRun refused = CliRun.of("train", "--config", b.toString(), "--resume", dir.resolve("a/checkpoints").toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("config hash"), refused.err());

        Path bad = config("bad", "steps: 20\nlr: 1.0e30");
        CliRun diverged = CliRun.of("train", "--config", bad.toString());
        assertEquals(3, diverged.exitCode(), diverged.err());
        assertTrue(diverged.err().contains("diverged at step"), diverged.err());

        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, Files.readString(a).replace("seed: 1", "sed: 1"));
        CliRun t = CliRun.of("train", "--config", typo.toString());
        assertEquals(2, t.exitCode());
        assertTrue(t.err().contains("training.sed") && t.err().contains(typo.toString()), t.err());
    }

    @Test
    void peakTripletsArePrintedAndStoredBesideTheWindowFigures() throws Exception {
        Path c = config("peaks", "steps: 1");
        Files.writeString(c, Files.readString(c) + "  pool: all\n  peak_triplets: true\n");
        assertEquals(0, CliRun.of("train", "--config", c.toString()).exitCode());
        Path json = dir.resolve("peaks-eval.json");
        CliRun eval = CliRun.of("eval", "--checkpoint", dir.resolve("peaks/checkpoints").toString(), "--out", json.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("E_transfer@peaks") && eval.out().contains("blendshape@peaks"), eval.out());
        var r = EvaluationJson.read(json);
        assertEquals(20, r.transferAtPeaks().triplets());
        assertTrue(r.transferAtPeaks().blendshape().mean() > 0, r.transferAtPeaks().toString());
    }

    /** The template cannot be reduced as far as the factors ask: one line naming the level, exit 2, no stack trace. */
    @Test
    void aHierarchyTheTemplateCannotReachIsOneLine() throws Exception {
        Path deep = dir.resolve("deep.yaml");
        Files.writeString(deep, Files.readString(config("deep", "steps: 1")).replace("factors: [4, 4]", "factors: [8, 16]"));
        CliRun run = CliRun.of("train", "--config", deep.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("ftgan: hierarchy level 1 -> 2 (factor 16,") && run.err().contains("cannot reduce"), run.err());
    }
}
