package org.ftgan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalParserTest {

    private static float parse(String s) {
        byte[] b = ("  " + s + "  ").getBytes(StandardCharsets.US_ASCII);
        return DecimalParser.parseFloat(b, 2, 2 + s.length());
    }

    private static void assertSameAsJdk(String s) {
        assertEquals(Float.floatToRawIntBits(Float.parseFloat(s)), Float.floatToRawIntBits(parse(s)), s);
    }

    @Test
    void shortestFloatStringsRoundTripExactly() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(f)) {
                continue;
            }
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(parse(Float.toString(f))), Float.toString(f));
        }
    }

    @Test
    void longAndDoubleStringsRoundLikeTheJdk() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 100_000; i++) {
            double d = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-50, 50));
            assertSameAsJdk(Double.toString(d));
            assertSameAsJdk(String.format("%.9f", d));
            assertSameAsJdk(String.format("%.25e", d));
        }
    }

    @Test
    void valuesHalfwayBetweenTwoFloatsRoundToEven() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt(0x0080_0000, 0x7F00_0000));
            BigDecimal low = new BigDecimal(f);
            BigDecimal high = new BigDecimal(Math.nextUp(f));
            BigDecimal half = low.add(high).divide(BigDecimal.valueOf(2));
            assertSameAsJdk(half.toString());
            // just off the midpoint on either side, with few digits so the fast path is taken
            assertSameAsJdk(new BigDecimal(half.doubleValue()).round(new java.math.MathContext(15)).toString());
            assertSameAsJdk(new BigDecimal(half.doubleValue()).round(new java.math.MathContext(16)).toString());
        }
    }

    @Test
    void acceptsCommonSpellings() {
        assertEquals(0.5f, parse(".5"));
        assertEquals(7f, parse("7."));
        assertEquals(-2.5e-3f, parse("-2.5E-3"));
        assertEquals(120f, parse("+1.2e+2"));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(parse("-0.0")));
        assertEquals(Float.POSITIVE_INFINITY, parse("1e99999"));
        assertEquals(0f, parse("1e-99999"));
        assertEquals(Float.NEGATIVE_INFINITY, parse("-inf"));
        assertEquals(Float.POSITIVE_INFINITY, parse("Infinity"));
        assertEquals(Float.NaN, parse("nan"));
        assertEquals(Float.NaN, parse("NaN"));
        assertSameAsJdk("1.401298464324817e-45");
        assertSameAsJdk("3.4028235677973366e38");
        assertSameAsJdk("0.0000000000000000000000000000000000000000000014");
        assertSameAsJdk("123456789012345678901234567890");
    }

    @Test
    void rejectsWhatIsNotADecimalNumber() {
        for (String s : new String[] {"", "-", ".", "abc", "1.2.3", "1e", "1e+", "e5", "1f", "1d", "0x10", "1,5", "--1", "1 2"}) {
            assertThrows(NumberFormatException.class, () -> parse(s), s);
        }
    }

    @Test
    void parsesIntegersStrictly() {
        byte[] b = "-42 17 +3 1.0 12a 1234567890123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-42, DecimalParser.parseLong(b, 0, 3));
        assertEquals(17, DecimalParser.parseLong(b, 4, 6));
        assertEquals(3, DecimalParser.parseLong(b, 7, 9));
        assertThrows(NumberFormatException.class, () -> DecimalParser.parseLong(b, 10, 13));
        assertThrows(NumberFormatException.class, () -> DecimalParser.parseLong(b, 14, 17));
        assertThrows(NumberFormatException.class, () -> DecimalParser.parseLong(b, 18, b.length));
        assertThrows(NumberFormatException.class, () -> DecimalParser.parseLong(b, 0, 1));
    }
}
