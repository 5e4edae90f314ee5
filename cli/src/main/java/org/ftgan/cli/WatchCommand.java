package org.ftgan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import org.ftgan.cli.client.ApiException;
import org.ftgan.cli.client.ApiUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftgan watch EXP}: live progress of an experiment, until it ends. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow an experiment's live progress (status changes, steps) until it ends.")
final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(paramLabel = "EXPERIMENT")
    String experiment;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper json = new ObjectMapper();
        boolean[] ended = {false};
        try {
            follow(out, json, ended);
        } catch (java.io.IOException e) {
            if (!(e instanceof ApiException) && !(e instanceof ApiUnreachableException)) {
                spec.commandLine().getErr().println("ftgan watch: lost the API at " + api.api + " before experiment "
                        + experiment + " ended: " + e.getMessage());
                return 1;
            }
            throw e;
        }
        if (!ended[0]) {
            // the stream closes after "end"; closed without it, the API went away (stopped, restarted, a proxy)
            spec.commandLine().getErr().println("ftgan watch: the API at " + api.api + " closed the stream before"
                    + " experiment " + experiment + " ended; run `ftgan watch " + experiment + "` again once it answers");
            return 1;
        }
        return 0;
    }

    private void follow(PrintWriter out, ObjectMapper json, boolean[] ended) throws java.io.IOException {
        api.client().events("/api/experiments/" + ApiClient.path(experiment) + "/events", e -> {
            if ("end".equals(e.event())) {
                ended[0] = true;
            }
            String line = e.data();
            try {
                JsonNode n = json.readTree(e.data());
                line = n.isObject() ? summary(n) : e.data();
            } catch (java.io.IOException | RuntimeException ignored) {
                // not JSON: shown as sent
            }
            out.printf("%s %-10s %s%n", LocalTime.now().format(CLOCK), e.event(), line);
            out.flush();
        });
    }

    /** The fields people look for first, then the rest. */
    private static String summary(JsonNode n) {
        StringBuilder b = new StringBuilder();
        for (String k : new String[] {"run", "run_id", "id", "status", "last_step", "total_steps", "reason"}) {
            if (n.hasNonNull(k)) {
                b.append(k).append('=').append(n.get(k).asText()).append(' ');
            }
        }
        return b.length() > 0 ? b.toString().strip() : n.toString();
    }
}
