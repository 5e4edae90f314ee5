package org.ftgan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftgan show RUN}: everything the API knows of one run (or, with --experiment, one experiment). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a run: config, status history, results with the baseline, artifacts, hashes (JSON).")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(paramLabel = "ID", description = "a run id (or an experiment id with --experiment)")
    String id;

    @Option(names = "--experiment", description = "ID is an experiment")
    boolean experiment;

    @Option(names = "--points", description = "curve points per loss term (default ${DEFAULT-VALUE})", defaultValue = "50")
    int points;

    @Override
    public Integer call() throws Exception {
        String path = experiment ? "/api/experiments/" + ApiClient.path(id)
                : "/api/runs/" + ApiClient.path(id) + "?" + ApiClient.query("points", String.valueOf(points));
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(api.client().get(path)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
