package org.ftgan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ftgan continue EXP --steps N (--top K [--metric M] | --runs R,...)}: continues ended runs of an
 * experiment, running or ended, to a larger step budget, through the API.
 */
@Command(name = "continue", mixinStandardHelpOptions = true,
        description = {"Continue ended runs of an experiment to a larger step budget: they train on from their last checkpoints"
                + " (the curve an uninterrupted run would have had), then are evaluated again; while the experiment runs they"
                + " take its next free slots. Needs a token."})
final class ContinueCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(paramLabel = "EXPERIMENT")
    String experiment;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "the new step budget")
    long steps;

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--top", paramLabel = "K", description = "the K best runs that can be continued")
        Integer top;

        @Option(names = "--runs", split = ",", paramLabel = "RUN", description = "these runs (ids, comma-separated)")
        List<String> runs;
    }

    @Option(names = "--metric", paramLabel = "FIGURE",
            description = "ranks the runs for --top (lower is better): E_rec, E_id_decomp, E_neu or E_transfer;"
                    + " default the sweep's early-stopping figure, else E_transfer")
    String metric;

    @Override
    public Integer call() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("steps", steps);
        if (which.top != null) {
            body.put("top", which.top);
        } else {
            which.runs.forEach(body.putArray("runs")::add);
        }
        if (metric != null) {
            body.put("metric", metric);
        }
        JsonNode answer = api.client().post("/api/experiments/" + ApiClient.path(experiment) + "/continue",
                "application/json", body.toString());
        List<String> runs = JSON.convertValue(answer.path("runs"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        spec.commandLine().getOut().println("continuing " + runs.size() + " run" + (runs.size() == 1 ? "" : "s") + " of "
                + experiment + " to " + answer.path("steps").asLong() + " steps: " + String.join(", ", runs));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
