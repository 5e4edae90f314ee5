package org.ftgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.VertexDistance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default test-split pool on a generated, prepared CoMA-layout set (many frames per cell). */
class EvaluatorSyntheticTest {
    @TempDir
    Path tmp;

    @Test
    void testPoolDrawsOnlyTestSamplesAndTheBlendshapeBaselineIsNotExact() throws IOException {
        Path root = tmp.resolve("synthetic");
        SyntheticDatasetWriter.write(new SyntheticDatasetSpec(4, 6, 600, 25, 3L), root);
        Path out = tmp.resolve("prepared");
        new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, 2)
                .prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, root, out).withSeed(1));
        try (PreparedDataset data = PreparedDataset.open(out)) {
            EvaluationConfig config = EvaluationConfig.defaults(5).withTripletCount(200);
            Evaluator evaluator = new Evaluator(new Codecs.ContentEcho(), config);
            EvaluationResult r = evaluator.evaluate(data, tmp.resolve("maps"));
            List<Triplet> triplets = evaluator.triplets(data);

            assertEquals("test", r.pool());
            assertEquals(data.testIndices().length, r.counts().poolSamples());
            assertEquals(0, r.metrics().reconstruction().mean(), 1e-3);
            assertEquals(200, r.counts().triplets(), r.notes().toString());
            double[] blendshape = new double[triplets.size()];
            for (int k = 0; k < triplets.size(); k++) {
                Triplet t = triplets.get(k);
                for (int sample : new int[] {t.subjectNeutral(), t.subjectExpressive(), t.otherNeutral(), t.otherExpressive()}) {
                    assertEquals(PreparedDataset.Split.TEST, data.split(sample));
                }
                float[] moved = data.positions(t.subjectNeutral());
                float[] on = data.positions(t.otherExpressive());
                float[] off = data.positions(t.otherNeutral());
                for (int i = 0; i < moved.length; i++) {
                    moved[i] += on[i] - off[i];
                }
                blendshape[k] = VertexDistance.average(data.positions(t.subjectExpressive()), moved);
            }
            // the generator's expressions depend on the face, so the baseline has a real error
            assertTrue(r.metrics().blendshapeTransfer().mean() > 0.01, r.metrics().blendshapeTransfer().toString());
            assertEquals(ErrorStats.of(blendshape).mean(), r.metrics().blendshapeTransfer().mean(), 1e-6);
            assertEquals(ErrorStats.of(blendshape).median(), r.metrics().blendshapeTransfer().median(), 1e-6);
            for (EvaluationResult.SubjectDecomposition d : r.identityDecompositionBySubject()) {
                assertNotEquals(d.subject(), d.otherSubject());
                assertTrue(d.sigmaMm() > 0, d.toString());
            }
            assertEquals(3 * 3, r.errorMaps().files().size());
        }
    }
}
