package org.ftgan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ftgan.definition.DefinitionValidator;
import org.ftgan.definition.ExperimentDefinition;
import org.ftgan.definition.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ftgan validate FILE...}: checks experiment definitions with the same validator as the HTTP
 * submit path; ${VAR} in dataset.root comes from this process's environment.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check experiment definitions (YAML): every problem as FILE: path: message (exit 2),",
                "or FILE: ok, the number of runs and the definition hash."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "experiment definition files")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DefinitionValidator validator = new DefinitionValidator();
        boolean allValid = true;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            ValidationReport report = validator.validate(text, file.toString(), System.getenv());
            if (report.ok()) {
                ExperimentDefinition d = report.definition();
                long runs = d.sweep().size();
                out.println(file + ": ok, " + runs + (runs == 1 ? " run" : " runs") + " (definition hash "
                        + d.hash().substring(0, 12) + "...)");
            } else {
                allValid = false;
                report.lines().forEach(line -> err.println(file + ": " + line));
            }
        }
        out.flush();
        err.flush();
        return allValid ? 0 : 2;
    }
}
