package org.ftgan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ftgan.data.PreparedDataset;
import org.ftgan.eval.CheckpointEvaluation;
import org.ftgan.eval.DisentanglementProbes;
import org.ftgan.eval.ErrorStats;
import org.ftgan.eval.EvaluationJson;
import org.ftgan.eval.EvaluationResult;
import org.ftgan.eval.ProbesJson;
import org.ftgan.referencecheck.ReferenceParameters;
import org.ftgan.train.RunConfig;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftgan eval}: the MODEL.md evaluation of a training checkpoint, as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a training checkpoint (or exported parameters) on the test split: E_rec, E_id_decomp, E_neu, E_transfer and the",
                "blendshape baseline (mm), with the run config's evaluation seed and triplet count."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", description = "checkpoint directory (or a checkpoints directory: its newest)")
    Path checkpoint;

    @Option(names = "--parameters", description = {"instead of a checkpoint: a directory with run-config.json and parameters/NAME.npy",
            "(what tools/reference_train.py writes), so the reference's parameters are scored by this evaluator"})
    Path parameters;

    @Option(names = "--data", description = "prepared dataset (default: the one in the checkpoint's run config)")
    Path data;

    @Option(names = "--out", description = "evaluation JSON (default: CHECKPOINT/evaluation.json)")
    Path out;

    @Option(names = "--maps", description = "directory for per-vertex error-map PLYs (default: none)")
    Path maps;

    @Override
    public Integer call() throws IOException {
        if ((checkpoint == null) == (parameters == null)) {
            throw new IllegalArgumentException("give either --checkpoint or --parameters");
        }
        Path dir;
        CheckpointEvaluation.WithProbes evaluated;
        if (checkpoint != null) {
            dir = TrainCommand.checkpointIn(checkpoint);
            evaluated = CheckpointEvaluation.evaluateWithProbes(dir, data, maps);
        } else {
            dir = parameters;
            RunConfig run = RunConfig.readJson(parameters.resolve("run-config.json"));
            try (PreparedDataset ds = PreparedDataset.open(data != null ? data : run.dataDir())) {
                Trainer trainer = new Trainer(run, ds, TrainingListener.NONE);
                ReferenceParameters.load(trainer.model(), parameters.resolve("parameters"));
                evaluated = CheckpointEvaluation.withProbes(trainer, ds, maps);
            }
        }
        EvaluationResult r = evaluated.result();
        Path file = out != null ? out : dir.resolve("evaluation.json");
        EvaluationJson.write(file, r);
        Path probesFile = file.resolveSibling("probes.json");
        ProbesJson.write(probesFile, evaluated.probes());
        PrintWriter o = spec.commandLine().getOut();
        EvaluationResult.Metrics m = r.metrics();
        line(o, "E_rec", m.reconstruction());
        line(o, "E_id_decomp", m.identityDecomposition());
        line(o, "E_neu", m.neutralization());
        line(o, "E_transfer", m.transfer());
        line(o, "blendshape", m.blendshapeTransfer());
        if (r.transferAtPeaks() != null) {
            // evaluation.peak_triplets: the same figures on peak frames only, beside the window figures above
            line(o, "E_transfer@peaks", r.transferAtPeaks().model());
            line(o, "blendshape@peaks", r.transferAtPeaks().blendshape());
        }
        for (DisentanglementProbes.Probe p : evaluated.probes()) {
            o.printf(Locale.ROOT, "probe %-7s code -> %-10s accuracy %.3f (chance %.3f; fit on %d train, scored on %d test samples)%n",
                    p.code(), p.target(), p.accuracy(), p.chance(), p.trainSamples(), p.testSamples());
        }
        o.printf(Locale.ROOT, "wrote %s and %s%n", file, probesFile.getFileName());
        o.flush();
        return 0;
    }

    private static void line(PrintWriter o, String name, ErrorStats s) {
        if (s == null) {
            o.printf(Locale.ROOT, "%-12s n/a%n", name);
        } else {
            o.printf(Locale.ROOT, "%-12s %.4f +- %.4f mm (median %.4f, n %d)%n", name, s.mean(), s.std(), s.median(), s.n());
        }
    }
}
