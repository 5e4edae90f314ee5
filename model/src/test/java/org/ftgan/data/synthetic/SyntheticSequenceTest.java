package org.ftgan.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticSequenceTest {

    @Test
    void singlePeakRampsUpToTheMiddleFrameAndBack() {
        SyntheticSequence s = SyntheticSequence.of(SyntheticExpression.MOUTH_OPEN, 140);
        assertArrayEquals(new int[] {69}, s.peakFrames());
        assertEquals(0.0, s.intensity(0));
        assertEquals(1.0, s.intensity(69));
        assertEquals(0.0, s.intensity(139));
        for (int f = 1; f <= 69; f++) {
            assertTrue(s.intensity(f) > s.intensity(f - 1), "rising at " + f);
            assertEquals(ExpressionSide.BOTH, s.side(f));
        }
        for (int f = 70; f < 140; f++) {
            assertTrue(s.intensity(f) < s.intensity(f - 1), "falling at " + f);
        }
        // eases out of rest, reaches the peak with a finite slope so the peak frame stands out
        assertTrue(s.intensity(1) < 0.001);
        assertTrue(1 - s.intensity(68) > 0.01);
    }

    @Test
    void splitExpressionPeaksLeftAtAQuarterAndRightAtThreeQuarters() {
        SyntheticSequence s = SyntheticSequence.of(SyntheticExpression.MOUTH_SIDE, 141);
        assertArrayEquals(new int[] {35, 105}, s.peakFrames());
        assertEquals(ExpressionSide.LEFT, s.peakSide(0));
        assertEquals(ExpressionSide.RIGHT, s.peakSide(1));
        assertEquals(70, s.middleRestFrame());
        assertEquals(0.0, s.intensity(0));
        assertEquals(1.0, s.intensity(35));
        assertEquals(0.0, s.intensity(70));
        assertEquals(1.0, s.intensity(105));
        assertEquals(0.0, s.intensity(140));
        assertEquals(ExpressionSide.LEFT, s.side(20));
        assertEquals(ExpressionSide.RIGHT, s.side(90));
    }

    @Test
    void shortestSequencesStillHaveDistinctPeaksAndRests() {
        SyntheticSequence split = SyntheticSequence.of(SyntheticExpression.MOUTH_UP, 5);
        assertArrayEquals(new int[] {1, 3}, split.peakFrames());
        assertEquals(0.0, split.intensity(2));
        assertThrows(IllegalArgumentException.class, () -> SyntheticSequence.of(SyntheticExpression.MOUTH_UP, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> split.intensity(5));
    }

    @Test
    void expressionsAreComasInComasOrder() {
        String[] names = new String[SyntheticExpression.values().length];
        for (SyntheticExpression e : SyntheticExpression.values()) {
            names[e.ordinal()] = e.comaName();
        }
        assertArrayEquals(new String[] {"bareteeth", "cheeks_in", "eyebrow", "high_smile", "lips_back", "lips_up",
                "mouth_down", "mouth_extreme", "mouth_middle", "mouth_open", "mouth_side", "mouth_up"}, names);
        for (SyntheticExpression e : SyntheticExpression.values()) {
            boolean split = e.comaName().equals("mouth_side") || e.comaName().equals("mouth_middle")
                    || e.comaName().equals("mouth_up") || e.comaName().equals("mouth_down");
            assertEquals(split, e.split(), e.comaName());
            assertEquals(e, SyntheticExpression.byComaName(e.comaName()));
        }
        assertThrows(IllegalArgumentException.class, () -> SyntheticExpression.byComaName("neutral"));
    }
}
