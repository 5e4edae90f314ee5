package org.ftgan.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ftgan.mesh.VertexDistance;

class SyntheticStatisticsTest {

    @Test
    void blendshapeTransferIsClearlyWrongAndSubjectsDiffer() {
        SyntheticStatistics s = SyntheticStatistics.of(SyntheticDataset.generate(new SyntheticDatasetSpec(4, 12, 1500, 9, 3)));
        assertTrue(s.blendshapeTransferErrorMm() >= 0.8, "blendshape-transfer error " + s.blendshapeTransferErrorMm() + " mm");
        assertTrue(s.neutralDistanceMm() >= 3, "neutral distance " + s.neutralDistanceMm() + " mm");
        assertEquals(16, s.transferErrorMm().size(), "12 expressions, 4 of them with two sides");
        assertTrue(s.transferErrorMm().containsKey("mouth_side_left") && s.transferErrorMm().containsKey("mouth_side_right"));
        for (String label : s.peakDisplacementMm().keySet()) {
            assertTrue(s.transferErrorMm().get(label) > 0, label);
            assertTrue(s.peakMaxDisplacementMm().get(label) > s.peakDisplacementMm().get(label), label);
        }
        assertTrue(s.peakDisplacementMm().get("mouth_extreme") > s.peakDisplacementMm().get("eyebrow"));
    }

    @Test
    void transferErrorMatchesItsDefinitionOnOnePair() {
        SyntheticDataset set = SyntheticDataset.generate(new SyntheticDatasetSpec(2, 1, 600, 5, 9));
        SyntheticStatistics s = SyntheticStatistics.of(set);
        SyntheticIdentity c = set.subject(0);
        SyntheticIdentity other = set.subject(1);
        float[] xc = SyntheticExpression.BARETEETH.positions(c, ExpressionSide.BOTH, 1);
        float[] xo = SyntheticExpression.BARETEETH.positions(other, ExpressionSide.BOTH, 1);
        float[] nc = c.neutral().positions();
        float[] no = other.neutral().positions();
        float[] transferred = new float[xc.length];
        for (int i = 0; i < xc.length; i++) {
            transferred[i] = nc[i] + xo[i] - no[i];
        }
        assertEquals(1000 * VertexDistance.average(xc, transferred), s.blendshapeTransferErrorMm(), 1e-3);
        assertEquals(1000 * VertexDistance.average(nc, no), s.neutralDistanceMm(), 1e-3);
    }

    @Test
    void needsTwoSubjects() {
        SyntheticDataset one = SyntheticDataset.generate(new SyntheticDatasetSpec(1, 1, 600, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticStatistics.of(one));
    }
}
