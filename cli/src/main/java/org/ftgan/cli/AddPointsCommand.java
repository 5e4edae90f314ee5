package org.ftgan.cli;

import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftgan add-points EXP N}: N more points for a running search sweep (sweep.search). */
@Command(name = "add-points", mixinStandardHelpOptions = true,
        description = "Add N points to a running search sweep (sweep.search); recorded as an experiment event. Needs a token.")
final class AddPointsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "EXP")
    String id;

    @Parameters(index = "1", paramLabel = "N", description = "how many points to add (1-100000)")
    int count;

    @Override
    public Integer call() throws Exception {
        api.client().post("/api/experiments/" + ApiClient.path(id) + "/search-points?count=" + count, null, null);
        spec.commandLine().getOut().println(count + " search point" + (count == 1 ? "" : "s") + " requested: " + id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
