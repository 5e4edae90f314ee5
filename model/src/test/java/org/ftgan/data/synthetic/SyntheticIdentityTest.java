package org.ftgan.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticIdentityTest {
    private static final SyntheticFaceTemplate TEMPLATE = SyntheticFaceTemplate.create(1500);

    @Test
    void identityIsAFunctionOfItsSeed() {
        SyntheticIdentity a = SyntheticIdentity.create(TEMPLATE, 11);
        SyntheticIdentity b = SyntheticIdentity.create(TEMPLATE, 11);
        assertArrayEquals(a.neutral().positions(), b.neutral().positions());
        assertEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.neutral().triangles(), TEMPLATE.mesh().triangles());
    }

    @Test
    void mouthOpenTurnsTheJawDifferentlyOnDifferentFaces() {
        SyntheticIdentity a = SyntheticIdentity.create(TEMPLATE, 1);
        SyntheticIdentity b = SyntheticIdentity.create(TEMPLATE, 2);
        double[] da = displacement(a, SyntheticExpression.MOUTH_OPEN, ExpressionSide.BOTH);
        double[] db = displacement(b, SyntheticExpression.MOUTH_OPEN, ExpressionSide.BOTH);
        double[] jaw = TEMPLATE.region(FaceRegion.JAW);
        double jawMotion = 0;
        double jawDifference = 0;
        double weight = 0;
        for (int i = 0; i < jaw.length; i++) {
            if (jaw[i] > 0.99) {
                jawMotion += norm(da, i);
                jawDifference += Math.sqrt(sq(da[3 * i] - db[3 * i]) + sq(da[3 * i + 1] - db[3 * i + 1]) + sq(da[3 * i + 2] - db[3 * i + 2]));
                weight++;
            }
        }
        jawMotion /= weight;
        jawDifference /= weight;
        assertTrue(jawMotion > 0.008, "the jaw moves by " + jawMotion);
        assertTrue(jawDifference > 0.001, "the same expression moves the two jaws " + jawDifference * 1000 + " mm apart");
        // the upper face stays where it is
        double[] brow = TEMPLATE.region(FaceRegion.BROW_LEFT);
        for (int i = 0; i < brow.length; i++) {
            if (brow[i] > 0.5) {
                assertEquals(0, norm(da, i), 1e-12);
            }
        }
    }

    @Test
    void peakDisplacementsHaveRealisticSizes() {
        SyntheticIdentity id = SyntheticIdentity.create(TEMPLATE, 3);
        for (SyntheticExpression e : SyntheticExpression.values()) {
            ExpressionSide side = e.split() ? ExpressionSide.LEFT : ExpressionSide.BOTH;
            double[] d = displacement(id, e, side);
            double max = 0;
            for (int i = 0; i < d.length / 3; i++) {
                max = Math.max(max, norm(d, i));
            }
            assertTrue(max > 0.004 && max < 0.04, e.comaName() + " moves a vertex by up to " + max * 1000 + " mm");
            if (e == SyntheticExpression.MOUTH_OPEN || e == SyntheticExpression.MOUTH_EXTREME) {
                assertTrue(max > 0.01, e.comaName() + " opens by " + max * 1000 + " mm");
            }
        }
    }

    @Test
    void eyeballsAndOutlineStayStillInEveryExpression() {
        SyntheticIdentity id = SyntheticIdentity.create(TEMPLATE, 4);
        for (SyntheticExpression e : SyntheticExpression.values()) {
            ExpressionSide side = e.split() ? ExpressionSide.RIGHT : ExpressionSide.BOTH;
            double[] d = displacement(id, e, side);
            for (int i = TEMPLATE.faceVertexCount(); i < TEMPLATE.vertexCount(); i++) {
                assertEquals(0, norm(d, i), 0, e.comaName() + " moves an eyeball");
            }
        }
    }

    @Test
    void zeroIntensityIsExactlyNeutralAndSidesAreChecked() {
        SyntheticIdentity id = SyntheticIdentity.create(TEMPLATE, 5);
        assertArrayEquals(id.neutral().positions(), SyntheticExpression.MOUTH_EXTREME.positions(id, ExpressionSide.BOTH, 0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticExpression.MOUTH_UP.positions(id, ExpressionSide.BOTH, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticExpression.EYEBROW.positions(id, ExpressionSide.LEFT, 1));
    }

    private static double[] displacement(SyntheticIdentity id, SyntheticExpression e, ExpressionSide side) {
        double[] peak = new double[id.neutralPositions().length];
        e.rig(id, side).positionsAt(1, peak);
        for (int i = 0; i < peak.length; i++) {
            peak[i] -= id.neutralPositions()[i];
        }
        return peak;
    }

    private static double norm(double[] d, int i) {
        return Math.sqrt(sq(d[3 * i]) + sq(d[3 * i + 1]) + sq(d[3 * i + 2]));
    }

    private static double sq(double x) {
        return x * x;
    }
}
