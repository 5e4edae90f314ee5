package org.ftgan.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.data.synthetic.SyntheticProgressListener;
import org.ftgan.mesh.MeshFiles;

/**
 * The blendshape baseline and the floor of a synthetic set, measured by the evaluator itself: the
 * set is written and prepared as {@code ftgan data synth} and {@code ftgan data prepare --kind
 * synthetic} would, then evaluated with {@link SyntheticTruthCodec}, the perfect model. In the
 * result, {@code blendshapeTransfer} is the baseline and {@code transfer} the floor (E_transfer of
 * the subject's own rig at the other subject's intensity), on window triplets and, with
 * {@link EvaluationConfig#peakTriplets()}, on peak-frame triplets ({@code transferAtPeaks}).
 */
public final class SyntheticBaselineFloor {
    private SyntheticBaselineFloor() {
    }

    /**
     * @param work  a directory for the raw set ({@code work/raw}) and its preparation ({@code work/prepared});
     *              left in place for the caller to keep or delete
     * @param split seed of the train/test split (as {@code ftgan data prepare --seed})
     */
    public static EvaluationResult measure(SyntheticDatasetSpec spec, Path work, long split, EvaluationConfig config,
                                           int threads) throws IOException {
        Path raw = work.resolve("raw");
        Path prepared = work.resolve("prepared");
        Files.createDirectories(work);
        SyntheticDatasetWriter.write(spec, raw, SyntheticProgressListener.NONE, threads);
        new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, threads)
                .prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, raw, prepared).withSeed(split));
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            SyntheticTruthCodec truth = new SyntheticTruthCodec(data, SyntheticDataset.generate(spec));
            return new Evaluator(truth, config.withErrorMapsPerKind(0)).evaluate(data, null);
        }
    }
}
