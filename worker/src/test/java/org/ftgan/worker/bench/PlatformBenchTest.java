package org.ftgan.worker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bench's statistics and argument checks (the bench itself runs as a program, not a test). */
class PlatformBenchTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, PlatformBench.median(new double[] {1, 2, 9}));
        assertEquals(2.5, PlatformBench.median(new double[] {1, 2, 3, 9}));
    }

    @Test
    void p90IsTheNearestRank() {
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertEquals(18.0, PlatformBench.p90(twenty));
        assertEquals(3.0, PlatformBench.p90(new double[] {1, 2, 3}));
        assertEquals(7.0, PlatformBench.p90(new double[] {7}));
    }

    @Test
    void secondsBetweenInstantsKeepTheirFraction() {
        assertEquals(1.25, PlatformBench.seconds(Instant.ofEpochSecond(10), Instant.ofEpochSecond(11, 250_000_000)), 1e-12);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingStarts() {
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> PlatformBench.main(new String[] {"x"}));
        assertTrue(notNumber.getMessage().contains("runs") && notNumber.getMessage().contains("'x'"), notNumber.getMessage());
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> PlatformBench.main(new String[] {"2", "-1"}));
        assertTrue(tooSmall.getMessage().contains("sweep") && tooSmall.getMessage().contains("-1"), tooSmall.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlatformBench.main(new String[] {"1", "2", "3", "4"}));
    }
}
