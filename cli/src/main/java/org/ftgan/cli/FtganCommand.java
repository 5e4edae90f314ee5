package org.ftgan.cli;

import org.ftgan.nn.BlasLibrary;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ftgan} command line: one subcommand group per concern (mesh, topology, data, ...). */
@Command(name = "ftgan",
        mixinStandardHelpOptions = true,
        versionProvider = CodeVersion.class,
        description = "FaceTuneGAN research platform: meshes, datasets, training and experiments.",
        subcommands = {CommandLine.HelpCommand.class, MeshCommand.class, TopologyCommand.class, DataCommand.class,
                ModelCommand.class, TrainCommand.class, EvalCommand.class, ValidateCommand.class, UpCommand.class,
                org.ftgan.worker.WorkerCommand.class, org.ftgan.api.ApiCommand.class, TokenCommand.class,
                SubmitCommand.class, LsCommand.class, ShowCommand.class, CompareCommand.class, TableCommand.class,
                CancelCommand.class, ContinueCommand.class, AddPointsCommand.class, MaxParallelCommand.class, WatchCommand.class, InferenceCommands.Transfer.class, InferenceCommands.Neutralize.class, BenchCommand.class, ReferenceCheckCommand.class,
                ReferenceExportCommand.class})
public final class FtganCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // before any ND4J class loads: the BLAS library is picked when ND4J's backend starts
        BlasLibrary.choose();
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new FtganCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }
}
