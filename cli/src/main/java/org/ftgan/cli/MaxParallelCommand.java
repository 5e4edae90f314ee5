package org.ftgan.cli;

import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftgan max-parallel EXP N}: how many of a running experiment's runs train at once, from now on. */
@Command(name = "max-parallel", mixinStandardHelpOptions = true,
        description = "Set how many of a running experiment's runs train at once from now on (recorded as an event);"
                + " raising it starts queued runs at once, lowering it lets running ones finish. Needs a token.")
final class MaxParallelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "EXPERIMENT")
    String experiment;

    @Parameters(index = "1", paramLabel = "N")
    int maxParallel;

    @Override
    public Integer call() throws Exception {
        api.client().post("/api/experiments/" + ApiClient.path(experiment) + "/max-parallel", "application/json",
                "{\"max_parallel\": " + maxParallel + "}");
        spec.commandLine().getOut().println(experiment + ": at most " + maxParallel + " run" + (maxParallel == 1 ? "" : "s")
                + " at once from now on");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
