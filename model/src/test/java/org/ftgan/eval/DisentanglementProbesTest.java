package org.ftgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ftgan.data.PreparedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes on a codec whose codes are disentangled by construction ({@link SeparableFaces}: a
 * subject sets x and y, an expression sets z; content = x, y and style = z): the subject is read from
 * the content code and the expression from the style code, and neither from the other.
 */
class DisentanglementProbesTest {
    @TempDir
    Path tmp;

    @Test
    void aDisentangledCodecHasEachFactorInItsOwnCodeOnly() throws Exception {
        Path prepared = SeparableFaces.prepare(tmp, 5, (k, v) -> (float) Math.sin(0.7 * k * (v + 1)), Set.of());
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            List<DisentanglementProbes.Probe> probes = DisentanglementProbes.run(new Codecs.XyContentZStyle(), data);
            Map<String, DisentanglementProbes.Probe> byName = probes.stream()
                    .collect(Collectors.toMap(p -> p.code() + "->" + p.target(), p -> p));
            assertEquals(Set.of("content->expression", "content->subject", "style->expression", "style->subject"), byName.keySet());
            int test = data.testIndices().length;
            for (DisentanglementProbes.Probe p : probes) {
                assertEquals(data.trainIndices().length, p.trainSamples());
                assertEquals(test, p.testSamples());
                assertTrue(p.chance() >= 0 && p.chance() <= 1, p.toString());
            }
            assertEquals(1.0, byName.get("content->subject").accuracy(), 0.0, byName.toString());
            assertEquals(1.0, byName.get("style->expression").accuracy(), 0.0, byName.toString());
            // x, y say nothing of the expression and z nothing of the subject: at most one label's share of the test split
            assertTrue(byName.get("content->expression").accuracy() <= 0.3, byName.toString());
            assertTrue(byName.get("style->subject").accuracy() <= 0.6, byName.toString());
        }
    }
}
