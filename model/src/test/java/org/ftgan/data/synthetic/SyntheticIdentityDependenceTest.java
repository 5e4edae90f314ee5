package org.ftgan.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticIdentityDependenceTest {
    private static SyntheticStatistics stats(double dependence) {
        return SyntheticStatistics.of(SyntheticDataset.generate(new SyntheticDatasetSpec(5, 12, 500, 9, 4).withIdentityDependence(dependence)));
    }

    @Test
    void strongerDependenceMakesBlendshapeTransferWorseAndWeakerMakesItBetter() {
        double none = stats(0).blendshapeTransferErrorMm();
        double own = stats(1).blendshapeTransferErrorMm();
        double strong = stats(3).blendshapeTransferErrorMm();
        assertTrue(none < 0.8 * own, "dependence 0: " + none + " mm, 1: " + own + " mm");
        assertTrue(strong > 2 * own, "dependence 3: " + strong + " mm, 1: " + own + " mm");
        SyntheticStatistics high = stats(3);
        SyntheticStatistics base = stats(1);
        for (String label : base.transferErrorMm().keySet()) {
            assertTrue(high.transferErrorMm().get(label) > base.transferErrorMm().get(label), label);
        }
    }

    @Test
    void dependenceNeverChangesAFaceAtRestNorTheRandomDraws() {
        SyntheticDataset one = SyntheticDataset.generate(new SyntheticDatasetSpec(3, 12, 500, 9, 8));
        SyntheticDataset three = SyntheticDataset.generate(new SyntheticDatasetSpec(3, 12, 500, 9, 8).withIdentityDependence(3));
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(one.subject(s).neutral().positions(), three.subject(s).neutral().positions());
            for (SyntheticExpression e : SyntheticExpression.values()) {
                double drawn = one.subject(s).expressiveness(e);
                assertEquals(Math.pow(drawn, 3), three.subject(s).expressiveness(e), 1e-12, "amplitudes are raised to the power");
            }
        }
    }

    @Test
    void noSubjectMovesAgainstItsExpressionAtHighDependence() {
        // amplitudes are powers, never negative: a jaw opening still opens (the lower lip goes down)
        SyntheticDataset set = SyntheticDataset.generate(new SyntheticDatasetSpec(12, 12, 500, 9, 1).withIdentityDependence(5));
        int lip = set.template().landmark(FaceLandmark.MOUTH_CENTER_LOWER);
        for (int s = 0; s < set.subjectCount(); s++) {
            float[] neutral = set.subject(s).neutral().positions();
            float[] open = SyntheticExpression.MOUTH_OPEN.positions(set.subject(s), ExpressionSide.BOTH, 1);
            assertTrue(open[3 * lip + 1] < neutral[3 * lip + 1] - 1e-4, "subject " + s + " opens its jaw");
        }
    }

    @Test
    void outOfRangeDependenceIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticDatasetSpec(2, 12, 500, 9, 1).withIdentityDependence(-0.5));
        assertEquals("identityDependence must be between 0 and 5.0 (1 is each subject's own rig), got -0.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SyntheticDatasetSpec(2, 12, 500, 9, 1).withIdentityDependence(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticDatasetSpec(2, 12, 500, 9, 1).withIdentityDependence(5.5));
    }

    @Test
    void theDefaultPresetIsTheOriginalGenerator() {
        assertEquals(new SyntheticDatasetSpec(12, 12, 5000, 41, 1), SyntheticPreset.DEFAULT.spec(12, 12, 5000, 1, 0.05));
        assertTrue(SyntheticPreset.DEFAULT.spec(12, 12, 5000, 1, 0.05).defaultExpressionSettings());
        assertEquals(SyntheticPreset.CALIBRATED, SyntheticPreset.parse("calibrated"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticPreset.parse("hard"));
        assertEquals("unknown synthetic preset \"hard\", expected one of default, calibrated", e.getMessage());
    }
}
