package org.ftgan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ftgan.eval.CheckpointEvaluation;
import org.ftgan.eval.ErrorStats;
import org.ftgan.eval.EvaluationJson;
import org.ftgan.eval.EvaluationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftgan eval}: the MODEL.md evaluation of a training checkpoint, as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a training checkpoint on the test split: E_rec, E_id_decomp, E_neu, E_transfer and the",
                "blendshape baseline (mm), with the run config's evaluation seed and triplet count."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "checkpoint directory (or a checkpoints directory: its newest)")
    Path checkpoint;

    @Option(names = "--data", description = "prepared dataset (default: the one in the checkpoint's run config)")
    Path data;

    @Option(names = "--out", description = "evaluation JSON (default: CHECKPOINT/evaluation.json)")
    Path out;

    @Option(names = "--maps", description = "directory for per-vertex error-map PLYs (default: none)")
    Path maps;

    @Override
    public Integer call() throws IOException {
        Path dir = TrainCommand.checkpointIn(checkpoint);
        EvaluationResult r = CheckpointEvaluation.evaluate(dir, data, maps);
        Path file = out != null ? out : dir.resolve("evaluation.json");
        EvaluationJson.write(file, r);
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
        o.printf(Locale.ROOT, "wrote %s%n", file);
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
