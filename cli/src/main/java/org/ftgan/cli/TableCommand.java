package org.ftgan.cli;

import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftgan table EXP --format md|csv|latex|json}: an experiment's runs with the published figures beside. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Print an experiment's table (runs x figures, published figures beside) as Markdown, CSV, LaTeX or JSON.")
final class TableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(paramLabel = "EXPERIMENT")
    String experiment;

    @Option(names = "--format", description = "md, csv, latex or json (default ${DEFAULT-VALUE})", defaultValue = "md")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!java.util.Set.of("md", "csv", "latex", "json").contains(format)) {
            throw new IllegalArgumentException("--format: expected md, csv, latex or json, got \"" + format + "\"");
        }
        String text = api.client().getText("/api/experiments/" + ApiClient.path(experiment) + "/table?"
                + ApiClient.query("format", format));
        spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
