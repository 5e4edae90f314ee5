package org.ftgan.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticPeakHoldTest {
    @Test
    void everyFrameWithinTenOfAPeakStaysNearItsIntensityAndThePeakStandsAlone() {
        for (SyntheticExpression e : new SyntheticExpression[] {SyntheticExpression.MOUTH_OPEN, SyntheticExpression.MOUTH_SIDE}) {
            SyntheticSequence seq = SyntheticSequence.of(e, 81, 12);
            for (int peak : seq.peakFrames()) {
                assertEquals(1.0, seq.intensity(peak));
                for (int d = 1; d <= 10; d++) {
                    for (int f : new int[] {peak - d, peak + d}) {
                        assertTrue(seq.intensity(f) >= 1 - SyntheticSequence.HOLD_DRIFT, e + " frame " + f + ": " + seq.intensity(f));
                        assertTrue(seq.intensity(f) < seq.intensity(f + (f < peak ? 1 : -1)), e + " frame " + f + " rises towards the peak");
                    }
                }
            }
            assertEquals(0.0, seq.intensity(0));
            assertEquals(0.0, seq.intensity(80));
            if (e.split()) {
                assertEquals(0.0, seq.intensity(seq.middleRestFrame()));
            }
        }
    }

    @Test
    void withoutHoldTheWindowOfTheDefaultSequenceReachesBackToNeutral() {
        // what the hold is for: the original 41-frame timing puts frame peak - 10 of a split expression at rest
        SyntheticSequence seq = SyntheticSequence.of(SyntheticExpression.MOUTH_SIDE, 41);
        assertEquals(0.0, seq.intensity(seq.peakFrames()[0] - 10));
        assertEquals(seq.intensity(7), SyntheticSequence.of(SyntheticExpression.MOUTH_SIDE, 41, 0).intensity(7));
    }

    @Test
    void tooFewFramesForTheHoldAreRefusedWithTheMinimum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticDatasetSpec(2, 12, 500, 41, 1).withPeakHold(41, 12));
        assertEquals("frames per sequence must be at least " + SyntheticDatasetSpec.minimumFrames(12, 12) + " for a peak hold of 12 "
                + "frames (the hold must end a frame before every rest frame), got 41", e.getMessage());
        // symmetric expressions only (the first six) need fewer frames than split ones
        assertTrue(SyntheticDatasetSpec.minimumFrames(6, 12) < SyntheticDatasetSpec.minimumFrames(12, 12));
        new SyntheticDatasetSpec(2, 12, 500, 41, 1).withPeakHold(SyntheticDatasetSpec.minimumFrames(12, 12), 12);
        assertThrows(IllegalArgumentException.class, () -> new SyntheticDatasetSpec(2, 12, 500, 41, 1).withPeakHold(41, -1));
    }
}
