package org.ftgan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ftgan.data.PreparedDataset;
import org.ftgan.train.Checkpoint;
import org.ftgan.train.CheckpointStore;
import org.ftgan.eval.HeldOutSubsetEvaluation;
import org.ftgan.train.RunConfig;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingDivergedException;
import org.ftgan.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftgan train}: trains as a YAML run config says; Ctrl-C checkpoints before exiting. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train FaceTuneGAN on a prepared dataset as the run config (YAML) says.",
                "Checkpoints go to OUTPUT/checkpoints, loss means to OUTPUT/metrics.csv; Ctrl-C writes a checkpoint, then exits.",
                "Exit 3 when a loss becomes NaN or infinite."})
final class TrainCommand implements Callable<Integer> {
    /** How long the shutdown hook waits for the step in progress and the checkpoint. */
    private static final long STOP_WAIT_MINUTES = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "run config (YAML)")
    Path config;

    @Option(names = "--resume", description = "a checkpoint directory, or a checkpoints directory (its newest checkpoint)")
    Path resume;

    @Override
    public Integer call() throws IOException {
        RunConfig run = RunConfig.load(config);
        PrintWriter out = spec.commandLine().getOut();
        try (PreparedDataset data = PreparedDataset.open(run.dataDir());
             TrainingConsole console = new TrainingConsole(System.err, run.outputDir().resolve("metrics.csv"))) {
            Trainer trainer = new Trainer(run, data, console);
            trainer.evaluateDuringTraining(new HeldOutSubsetEvaluation(run, data));
            if (resume != null) {
                Path from = checkpointIn(resume);
                trainer.resume(from);
                out.printf(Locale.ROOT, "resumed from %s at step %d%n", from, trainer.step());
            }
            out.printf(Locale.ROOT, "training %s (config hash %s): %d of %d steps to go, %d train samples%n",
                    run.model().preset(), run.hash().substring(0, 12), trainer.totalSteps() - trainer.step(),
                    trainer.totalSteps(), data.trainIndices().length);
            out.flush();
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                trainer.requestStop();
                try {
                    finished.await(STOP_WAIT_MINUTES, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ftgan-train-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            // the latch opens only after the last line is printed: the JVM halts as soon as the hook returns
            try {
                return train(trainer, console, out);
            } finally {
                finished.countDown();
                removeHook(hook);
            }
        }
    }

    private int train(Trainer trainer, TrainingConsole console, PrintWriter out) throws IOException {
        TrainingResult result;
        try {
            result = trainer.run();
        } catch (TrainingDivergedException e) {
            console.endLine();
            spec.commandLine().getErr().println("ftgan: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 3;
        }
        console.endLine();
        out.printf(Locale.ROOT, "%s at step %d; checkpoint %s%n", result.stopped() ? "stopped" : "finished",
                result.step(), result.lastCheckpoint());
        out.flush();
        return 0;
    }

    /** A directory with a checkpoint index, or the newest checkpoint below it. */
    static Path checkpointIn(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(Checkpoint.INDEX_FILE))) {
            return dir;
        }
        return new CheckpointStore(dir, 1).latest().orElseThrow(() ->
                new IllegalArgumentException(dir + " holds no checkpoint (no " + Checkpoint.INDEX_FILE + ", no step-* directory)"));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running and waits for the latch released above
        }
    }
}
