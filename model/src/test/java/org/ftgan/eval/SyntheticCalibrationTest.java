package org.ftgan.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calibrated preset keeps its promise, measured as the benchmark measures it (write, prepare,
 * evaluate with the perfect model; {@link SyntheticBaselineFloor}) on a smaller set: 8 subjects,
 * all 12 expressions, 800 vertices, 400 triplets from every sample. At 12 subjects and 5,000
 * vertices the preset's blendshape baseline on peak frames is about 2.74 mm (benchmarks/RESULTS.md);
 * this smaller set measured 2.58 mm (generator seeds 2, 3, 4: 2.70, 2.61, 2.70), so the documented
 * band is {@value #LOW}-{@value #HIGH} mm: a subject draw moves it by a few percent, while a broken
 * calibration does not fit (identity dependence 2.3 gives 2.17 mm, 3.3 gives 3.10 mm, 1 about 1.2 mm).
 */
class SyntheticCalibrationTest {
    static final double LOW = 2.35;
    static final double HIGH = 2.95;

    @TempDir
    Path tmp;

    @Test
    void theCalibratedBaselineAtThePeaksIsAboutFaceScapesAndTheFloorIsTheNoise() throws IOException {
        SyntheticDatasetSpec spec = SyntheticPreset.CALIBRATED.spec(8, 12, 800, 1, SyntheticDatasetSpec.DEFAULT_FRAME_NOISE_MM);
        EvaluationConfig config = EvaluationConfig.defaults(1).withPool(SamplePool.ALL).withTripletCount(400).withPeakTriplets(true);
        EvaluationResult r = SyntheticBaselineFloor.measure(spec, tmp, 0, config, 2);
        double baseline = r.transferAtPeaks().blendshape().mean();
        assertTrue(baseline >= LOW && baseline <= HIGH, "blendshape baseline at the peaks " + baseline + " mm, documented band "
                + LOW + "-" + HIGH + " mm");
        // the held peaks keep the window draw near the peaks: its floor stays near the noise too
        assertTrue(r.transferAtPeaks().model().mean() < 0.12, r.transferAtPeaks().model().toString());
        assertTrue(r.metrics().transfer().mean() < 0.2, r.metrics().transfer().toString());
        assertTrue(r.metrics().blendshapeTransfer().mean() > 0.85 * baseline, r.metrics().blendshapeTransfer().toString());
    }
}
