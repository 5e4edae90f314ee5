package org.ftgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.Manifest;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.data.synthetic.SyntheticExpression;
import org.ftgan.data.synthetic.SyntheticSequence;
import org.ftgan.mesh.MeshFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluation.peak_triplets on a generated, prepared set with the original 41-frame timing. */
class EvaluatorPeakTripletsTest {
    private static final SyntheticDatasetSpec SPEC = new SyntheticDatasetSpec(4, 12, 500, 41, 2L);

    @TempDir
    static Path tmp;
    private static Path prepared;

    @BeforeAll
    static void writeAndPrepare() throws IOException {
        Path root = tmp.resolve("raw");
        SyntheticDatasetWriter.write(SPEC, root);
        prepared = tmp.resolve("prepared");
        new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, 2).prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, root, prepared));
    }

    private static EvaluationConfig config(boolean peaks) {
        return EvaluationConfig.defaults(3).withPool(SamplePool.ALL).withTripletCount(300).withErrorMapsPerKind(0).withPeakTriplets(peaks);
    }

    @Test
    void peakTripletsUseOnlyTheGeneratorsPeakFramesAndReachEveryClass() throws IOException {
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            List<Triplet> triplets = new Evaluator(new Codecs.ContentEcho(), config(true)).peakTriplets(data);
            assertEquals(300, triplets.size());
            Set<Integer> classes = new HashSet<>();
            for (Triplet t : triplets) {
                classes.add(t.expression());
                assertEquals(0, data.classIndex(t.subjectNeutral()));
                assertEquals(0, data.classIndex(t.otherNeutral()));
                for (int sample : new int[] {t.subjectExpressive(), t.otherExpressive()}) {
                    Manifest.SampleEntry e = data.manifest().sampleList().get(sample);
                    SyntheticSequence seq = SyntheticSequence.of(SyntheticExpression.byComaName(e.sequence()), SPEC.frames());
                    int[] peaks = seq.peakFrames();
                    int expected = peaks.length == 1 || e.expression().endsWith("_left") ? peaks[0] : peaks[1];
                    assertEquals(expected, e.frame(), e.subject() + " " + e.expression() + ": the generator's peak frame");
                }
            }
            assertEquals(16, classes.size(), "every class, both sides of the split expressions");
            // the window draw, by contrast, is mostly frames around the peak
            long off = new Evaluator(new Codecs.ContentEcho(), config(true)).triplets(data).stream()
                    .filter(t -> !List.of(20, 10, 30).contains(data.manifest().sampleList().get(t.subjectExpressive()).frame())).count();
            assertTrue(off > 200, off + " of 300 window triplets are off the peak");
        }
    }

    @Test
    void thePeakFiguresComeBesideTheWindowFiguresWithoutChangingThem() throws IOException {
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            SyntheticTruthCodec truth = new SyntheticTruthCodec(data, SyntheticDataset.generate(SPEC));
            EvaluationResult without = new Evaluator(truth, config(false)).evaluate(data, null);
            EvaluationResult with = new Evaluator(truth, config(true)).evaluate(data, null);
            assertNull(without.transferAtPeaks());
            assertEquals(without.metrics(), with.metrics(), "the window draw does not depend on the peak draw");
            EvaluationResult.PeakTransfer peaks = with.transferAtPeaks();
            assertNotNull(peaks);
            assertEquals(300, peaks.triplets());
            assertEquals(16, peaks.byExpression().size());
            // the perfect model at the peaks is off only by the capture noise (0.05 mm per coordinate: about 0.08 mm)
            assertEquals(with.metrics().reconstruction().mean(), peaks.model().mean(), 0.02);
            assertTrue(peaks.model().mean() < 0.12, peaks.model().toString());
            // on the original timing the window draw mixes intensities, so even the perfect model is far off
            assertTrue(with.metrics().transfer().mean() > 3 * peaks.model().mean(), with.metrics().transfer().toString());
            assertTrue(peaks.blendshape().mean() > 5 * peaks.model().mean(), peaks.blendshape().toString());
        }
    }

    @Test
    void aTestPoolDrawsPeakTripletsFromTestSamplesOnlyOrSaysWhyThereAreNone() throws IOException {
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            Evaluator evaluator = new Evaluator(new Codecs.ContentEcho(), config(true).withPool(SamplePool.TEST));
            List<Triplet> triplets = evaluator.peakTriplets(data);
            for (Triplet t : triplets) {
                for (int sample : new int[] {t.subjectNeutral(), t.subjectExpressive(), t.otherNeutral(), t.otherExpressive()}) {
                    assertEquals(PreparedDataset.Split.TEST, data.split(sample));
                }
            }
            EvaluationResult r = evaluator.evaluate(data, null);
            assertEquals(triplets.size(), r.transferAtPeaks().triplets());
            assertEquals(triplets.isEmpty(), r.notes().stream().anyMatch(n -> n.contains("no peak-frame transfer figures")),
                    r.notes().toString());
        }
    }
}
