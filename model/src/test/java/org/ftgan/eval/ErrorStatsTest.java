package org.ftgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ErrorStatsTest {
    @Test
    void evenCountMeanPopulationStdAndMiddleMedian() {
        ErrorStats s = ErrorStats.of(new double[] {4, 1, 3, 2});
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(1.25), s.std(), 1e-12, "sqrt(((1.5^2 + 0.5^2) * 2) / 4)");
        assertEquals(2.5, s.median(), 1e-12);
    }

    @Test
    void oddCountMedianIsTheMiddleValue() {
        ErrorStats s = ErrorStats.of(new double[] {10, 1, 3});
        assertEquals(3, s.median());
        assertEquals(14.0 / 3, s.mean(), 1e-12);
        assertEquals(0, ErrorStats.of(new double[] {7}).std());
    }

    @Test
    void emptyOrNonFiniteInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ErrorStats.of(new double[0]));
        assertNull(ErrorStats.ofOrNull(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ErrorStats.of(new double[] {1, Double.NaN}));
        assertEquals("error 1 is NaN, expected a finite value", e.getMessage());
    }
}
