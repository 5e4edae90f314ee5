package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelSummaryTest {
    @Test
    void comaCountsAreModelMdsExactly() {
        ModelSummary s = ModelSummary.of(ModelConfig.coma());
        assertEquals(1_487_812, s.contentEncoder());
        assertEquals(257_860, s.styleEncoder());
        assertEquals(894_067, s.decoderWithMapping());
        assertEquals(1_280, s.adainWidth());
        assertEquals(284_369, s.discriminator());
        assertTrue(s.toText().contains("1,487,812"), s.toText());
    }

    @Test
    void tinyAndFacescapeCountsFollowTheReferenceFormulas() {
        ModelSummary tiny = ModelSummary.of(ModelConfig.tiny());
        // (4 AdaIN layers of 32 channels + 1 of 16) x 2
        assertEquals(288, tiny.adainWidth());
        long downBlocks = (27L * 16 + 16) + (16L * 9 * 32 + 32);
        assertEquals(downBlocks + 42L * 32 * 5 + 5, tiny.discriminator());
        ModelSummary facescape = ModelSummary.of(ModelConfig.facescape());
        assertEquals(2 * (4 * 128 + 128), facescape.adainWidth());
        assertEquals(26L * 128 * 20 + 20, facescape.discriminator() - (27L * 32 + 32) - (32L * 9 * 64 + 64)
                - (64L * 9 * 64 + 64) - (64L * 9 * 128 + 128) - (128L * 9 * 128 + 128));
    }

    @Test
    void unknownPresetNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.preset("bfm"));
        assertEquals("unknown model config 'bfm', expected one of [coma, facescape, tiny]", e.getMessage());
    }
}
