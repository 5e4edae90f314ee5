package org.ftgan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftgan submit FILE}: sends an experiment definition to the API. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit an experiment definition (YAML or JSON) to the platform; prints its id.")
final class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(paramLabel = "FILE", description = "the definition")
    Path file;

    @Override
    public Integer call() throws Exception {
        String text = Files.readString(file);
        String type = file.toString().endsWith(".json") ? "application/json" : "application/yaml";
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode r = api.client().post("/api/experiments", type, text);
            out.printf("%s %s (%s runs, definition %s)%n", r.path("already_submitted").asBoolean(false)
                            ? "already submitted:" : "submitted", r.path("id").asText(), r.path("runs").asText("?"),
                    r.path("definition_hash").asText("?"));
            out.flush();
            return 0;
        } catch (ApiException e) {
            PrintWriter err = spec.commandLine().getErr();
            if (e.details().isEmpty()) {
                err.println(file + ": " + e.getMessage());
            }
            for (String d : e.details()) {
                err.println(file + ": " + d);
            }
            err.flush();
            return 2;
        }
    }
}
