package org.ftgan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareProgress;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PrepareResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftgan data prepare}: raw scans in, one binary file and a JSON manifest out. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Select frames (CoMA/synthetic: neutral, peaks and 10 frames around them; FaceScape: the 20 expressions),",
                "split train/test (seeded), compute train statistics and write manifest.json + samples.f32 (float32, mm) + template.ply.",
                "Skipped when the existing manifest's content hash matches; nothing is written if any scan is bad."})
final class DataPrepareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, description = "coma, facescape or synthetic")
    String kind;

    @Option(names = "--root", required = true, description = "dataset root directory")
    Path root;

    @Option(names = "--out", required = true, description = "output directory (created; replaced only if it is a prepared dataset)")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the train/test split (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--peaks", description = "peak overrides, lines 'subject,expression,frame[,frame2]' (coma, synthetic)")
    Path peaks;

    @Option(names = "--template", description = "template mesh (default: ROOT/template.ply or .obj, else the first scan)")
    Path template;

    @Option(names = "--exclude", description = "subjects to leave out, one per line")
    Path exclude;

    @Override
    public Integer call() throws IOException {
        PrepareRequest request = PrepareRequest.of(DatasetKind.parse(kind), root, out).withSeed(seed);
        if (peaks != null) {
            request = request.withPeaksFile(peaks);
        }
        if (template != null) {
            request = request.withTemplateFile(template);
        }
        if (exclude != null) {
            request = request.withExcludeFile(exclude);
        }
        PrepareResult r = new DatasetPreparer(new StderrListener(ConsoleLine.of(spec.commandLine().getErr()))).prepare(request);
        PrintWriter o = spec.commandLine().getOut();
        if (r.skipped()) {
            o.printf(Locale.ROOT, "%s is up to date (manifest matches the sources): skipped in %.2f s%n", r.out(), r.seconds());
        } else {
            o.printf(Locale.ROOT, "prepared %s: %d samples (%d train, %d test), %d subjects, %d classes, %d vertices%n",
                    r.out(), r.sampleCount(), r.trainCount(), r.testCount(), r.subjectCount(), r.classCount(), r.vertexCount());
            o.printf(Locale.ROOT, "read %d files, %.1f MB in %.1f s (%.1f MB/s)%n", r.filesRead(), r.megabytesRead(),
                    r.seconds(), r.megabytesPerSecond());
        }
        for (String note : r.notes()) {
            o.println("note: " + note);
        }
        o.flush();
        return 0;
    }

    /** Redraws one progress line on stderr; notes go on their own lines. */
    private static final class StderrListener implements PrepareListener {
        private final ConsoleLine line;
        private String lastPhase;

        StderrListener(ConsoleLine line) {
            this.line = line;
        }

        @Override
        public void onProgress(PrepareProgress progress) {
            if (lastPhase != null && !lastPhase.equals(progress.phase())) {
                line.end(); // each phase keeps its last line
            }
            lastPhase = progress.phase();
            line.draw(progress.describe());
            if (progress.filesTotal() > 0 && progress.filesDone() == progress.filesTotal()) {
                line.end();
            }
        }

        @Override
        public void onNote(String note) {
            line.println("note: " + note);
        }
    }
}
