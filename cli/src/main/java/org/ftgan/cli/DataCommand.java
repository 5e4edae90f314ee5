package org.ftgan.cli;

import picocli.CommandLine.Command;

/** {@code ftgan data ...}: make and prepare datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Make synthetic datasets and prepare datasets for training.",
        subcommands = {DataSynthCommand.class, DataPrepareCommand.class})
final class DataCommand {
}
