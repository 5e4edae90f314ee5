package org.ftgan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftgan compare A B ...}: the config keys that differ and the metrics side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare 2-10 runs, from any experiments: differing config keys and metrics side by side (JSON).")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(paramLabel = "RUN", arity = "2..10", description = "run ids")
    List<String> runs;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                api.client().get("/api/compare?" + ApiClient.query("runs", String.join(",", runs)))));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
