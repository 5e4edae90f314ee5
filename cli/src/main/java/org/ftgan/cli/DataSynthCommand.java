package org.ftgan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ftgan.data.synthetic.SyntheticDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.data.synthetic.SyntheticPreset;
import org.ftgan.data.synthetic.SyntheticStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftgan data synth}: writes the procedural synthetic face set in the CoMA layout. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a synthetic face dataset (template.ply, <subject>/<expression>/*.ply in metres, "
                + "synthetic.json) in the CoMA layout. Same seed, same bytes."})
final class DataSynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--subjects", defaultValue = "" + SyntheticDatasetSpec.DEFAULT_SUBJECTS,
            description = "number of subjects (default ${DEFAULT-VALUE})")
    int subjects;

    @Option(names = "--expressions", defaultValue = "" + SyntheticDatasetSpec.DEFAULT_EXPRESSIONS,
            description = "the first K of CoMA's 12 expressions (default ${DEFAULT-VALUE})")
    int expressions;

    @Option(names = "--vertices", defaultValue = "" + SyntheticDatasetSpec.DEFAULT_VERTICES,
            description = "vertices of the template, face and eyeballs (default ${DEFAULT-VALUE})")
    int vertices;

    @Option(names = "--preset", defaultValue = "default",
            description = "expression settings: default (41 frames, no peak hold, identity dependence 1) or calibrated "
                    + "(81 frames, peaks held 12 frames, identity dependence 2.8: blendshape transfer about FaceScape's "
                    + "2.7 mm at the peaks); --frames, --peak-hold and --identity-dependence override it")
    String preset;

    @Option(names = "--frames", description = "frames per sequence (default: the preset's, 41 for default; real CoMA has about 140)")
    Integer frames;

    @Option(names = "--peak-hold", description = "frames each peak is held on either side of the peak frame (default: the preset's, 0 for default)")
    Integer peakHold;

    @Option(names = "--identity-dependence", description = "factor on the identity-specific part of every expression: "
            + "1 each subject's own rig, 0 the same displacements for all (blendshape transfer exact), up to 5 "
            + "(default: the preset's, 1 for default)")
    Double identityDependence;

    @Option(names = "--seed", defaultValue = "1", description = "seed of everything random (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--noise-mm", defaultValue = "" + SyntheticDatasetSpec.DEFAULT_FRAME_NOISE_MM,
            description = "per-frame capture noise, standard deviation in mm (default ${DEFAULT-VALUE})")
    double noiseMm;

    @Option(names = "--threads", description = "writer threads (default: all processors)")
    Integer threads;

    @Option(names = "--stats", description = "also print the blendshape-transfer error at the peaks and the distance between neutrals")
    boolean stats;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Override
    public Integer call() throws IOException {
        // a bad preset or setting is an IllegalArgumentException: one line naming it, exit 2 (UserErrorHandler)
        SyntheticPreset p = SyntheticPreset.parse(preset);
        SyntheticDatasetSpec dataset = new SyntheticDatasetSpec(subjects, expressions, vertices,
                frames != null ? frames : p.frames(), seed, noiseMm,
                identityDependence != null ? identityDependence : p.identityDependence(),
                peakHold != null ? peakHold : p.peakHoldFrames());
        ProgressLine progress = new ProgressLine(ConsoleLine.of(spec.commandLine().getErr()), "frames");
        long start = System.nanoTime();
        SyntheticDatasetWriter.Summary summary = SyntheticDatasetWriter.write(dataset, out,
                (written, total) -> progress.update(written, total, -1),
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %d subjects, %d sequences, %d frames (%.1f MB) to %s in %.1f s%n",
                summary.subjects(), summary.sequences(), summary.frames(), summary.bytes() / 1e6, out, seconds);
        if (stats) {
            SyntheticStatistics s = SyntheticStatistics.of(SyntheticDataset.generate(dataset));
            o.printf(Locale.ROOT, "blendshape-transfer error at the peaks  %.3f mm%n", s.blendshapeTransferErrorMm());
            o.printf(Locale.ROOT, "mean distance between neutrals         %.3f mm%n", s.neutralDistanceMm());
            for (Map.Entry<String, Double> e : s.transferErrorMm().entrySet()) {
                o.printf(Locale.ROOT, "  %-20s transfer %.2f mm, displacement %.2f mm%n", e.getKey(), e.getValue(),
                        s.peakDisplacementMm().get(e.getKey()));
            }
        }
        o.flush();
        return 0;
    }
}
