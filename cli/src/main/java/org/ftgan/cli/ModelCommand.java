package org.ftgan.cli;

import java.util.concurrent.Callable;
import org.ftgan.nn.ModelConfig;
import org.ftgan.nn.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftgan model ...}: look at the network of a config. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "The FaceTuneGAN networks of a config.",
        subcommands = {ModelCommand.Summary.class})
final class ModelCommand {

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Parameter count of each network (content encoder, style encoder, mapping + decoder, discriminator).")
    static final class Summary implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, description = "coma, facescape or tiny")
        String config;

        @Override
        public Integer call() {
            ModelSummary summary = ModelSummary.of(ModelConfig.preset(config));
            spec.commandLine().getOut().print(summary.toText());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
