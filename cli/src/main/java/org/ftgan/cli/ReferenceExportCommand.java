package org.ftgan.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ftgan.referencecheck.ReferenceTrainingExport;
import org.ftgan.train.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ftgan reference-export}: what {@code tools/reference_train.py} needs to train the PyTorch
 * reference exactly as {@code ftgan train} trains a run config (learning parity).
 */
@Command(name = "reference-export", mixinStandardHelpOptions = true,
        description = {"Export a run config's hierarchy, initial parameters, normalized training split and batch order for",
                "tools/reference_train.py, which trains the PyTorch reference the same way; score its parameters with",
                "ftgan eval --parameters."})
final class ReferenceExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "run config (YAML), as for ftgan train")
    Path config;

    @Option(names = "--steps", description = "steps to export (default: the config's budget)")
    Integer steps;

    @Option(names = "--out", required = true, description = "export directory (new or empty)")
    Path out;

    @Override
    public Integer call() throws Exception {
        RunConfig run = RunConfig.load(config);
        int n = steps != null ? steps : Math.toIntExact(run.training().steps());
        if (n < 1) {
            throw new IllegalArgumentException("--steps: the config gives its budget in epochs; give --steps N");
        }
        ReferenceTrainingExport.write(run, n, out);
        spec.commandLine().getOut().println("exported " + n + " steps of " + config + " to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
