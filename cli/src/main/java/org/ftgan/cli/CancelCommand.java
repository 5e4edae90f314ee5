package org.ftgan.cli;

import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftgan cancel ID}: cancels an experiment (or with --run one run); training checkpoints first. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel an experiment, or with --run a single run (its siblings go on). Needs a token.")
final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--run", description = "ID is a run")
    boolean run;

    @Override
    public Integer call() throws Exception {
        String path = (run ? "/api/runs/" : "/api/experiments/") + ApiClient.path(id) + "/cancel";
        api.client().post(path, null, null);
        spec.commandLine().getOut().println("cancellation requested: " + id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
