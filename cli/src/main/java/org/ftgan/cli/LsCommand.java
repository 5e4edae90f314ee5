package org.ftgan.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftgan ls}: experiments, or one experiment's runs. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List experiments (newest first), or with --experiment the runs of one.")
final class LsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--experiment", description = "list this experiment's runs")
    String experiment;

    @Option(names = "--status", description = "only this status")
    String status;

    @Option(names = "--tag", description = "only experiments with this tag")
    String tag;

    @Option(names = "--limit", description = "at most this many (default ${DEFAULT-VALUE})", defaultValue = "50")
    int limit;

    @Override
    public Integer call() throws Exception {
        StringBuilder q = new StringBuilder("?" + ApiClient.query("limit", String.valueOf(limit)));
        if (status != null) {
            q.append('&').append(ApiClient.query("status", status));
        }
        if (experiment == null) {
            if (tag != null) {
                q.append('&').append(ApiClient.query("tag", tag));
            }
            JsonTables.print(spec.commandLine().getOut(), JsonTables.items(api.client().get("/api/experiments" + q)),
                    List.of("id", "status", "run_count", "runs", "tags", "created_at"));
        } else {
            JsonTables.print(spec.commandLine().getOut(),
                    JsonTables.items(api.client().get("/api/experiments/" + ApiClient.path(experiment) + "/runs" + q)),
                    List.of("id", "status", "attempt", "last_step", "total_steps", "overrides", "metric"));
        }
        return 0;
    }
}
