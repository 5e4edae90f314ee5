package org.ftgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.ftgan.train.EvaluationPoint;
import org.ftgan.train.LossTerms;
import org.ftgan.train.TrainingListener;
import org.ftgan.train.TrainingProgress;

/**
 * What {@code ftgan train} shows and keeps: a self-overwriting progress line on stderr (step,
 * losses, samples/s, ETA) and one CSV row per report in {@code metrics.csv} (appended across resumes).
 */
final class TrainingConsole implements TrainingListener, AutoCloseable {
    private final PrintStream err;
    private final Writer csv;
    private int lastLength;

    TrainingConsole(PrintStream err, Path csvFile) throws IOException {
        this.err = err;
        Files.createDirectories(csvFile.toAbsolutePath().getParent());
        boolean fresh = !Files.exists(csvFile) || Files.size(csvFile) == 0;
        this.csv = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            csv.write("step,epoch,steps,samples_per_s,elapsed_s," + String.join(",", LossTerms.NAMES) + "\n");
            csv.flush();
        }
    }

    @Override
    public void onProgress(TrainingProgress p) {
        double[] v = LossTerms.values(p.meanLosses());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "step %d/%d ep %d", p.step(), p.totalSteps(), p.epoch()));
        String[] shown = {"L_rec", "L_cycle", "L_adv", "L_G", "L_D"};
        for (String name : shown) {
            line.append(String.format(Locale.ROOT, " %s %.4g", name, v[LossTerms.NAMES.indexOf(name)]));
        }
        line.append(String.format(Locale.ROOT, " %.1f samples/s", p.samplesPerSecond()));
        line.append(p.step() < p.totalSteps() ? " ETA " + ProgressLine.duration(p.etaSeconds())
                : " in " + ProgressLine.duration(p.elapsedSeconds()));
        String s = line.toString();
        err.print("\r" + s + " ".repeat(Math.max(0, lastLength - s.length())));
        lastLength = s.length();
        err.flush();
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.3f", p.step(), p.epoch(), p.steps(),
                p.samplesPerSecond(), p.elapsedSeconds()));
        for (double x : v) {
            row.append(',').append(x);
        }
        try {
            csv.write(row.append('\n').toString());
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to metrics.csv", e);
        }
    }

    @Override
    public void onEvaluation(EvaluationPoint p, boolean best) {
        endLine();
        err.printf(Locale.ROOT, "evaluation at step %d (%d triplets, %.1f s): E_rec %.3f E_neu %.3f E_transfer %.3f"
                        + " (blendshape %.3f) mm%s%n", p.step(), p.triplets(), p.seconds(), p.reconstruction(),
                p.neutralization(), p.transfer(), p.blendshape(), best ? ", best so far" : "");
        err.flush();
    }

    @Override
    public void onCheckpoint(long step, Path dir) {
        endLine();
        err.println("checkpoint " + dir);
        err.flush();
    }

    void endLine() {
        if (lastLength > 0) {
            err.println();
            lastLength = 0;
        }
    }

    @Override
    public void close() throws IOException {
        endLine();
        csv.close();
    }
}
