package org.ftgan.mesh;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from bytes, without building a String per value.
 *
 * <p>Floats are correctly rounded (the same result as {@link Float#parseFloat}): the common case of
 * a mantissa below 2^53 and a power of ten up to 22 is one correctly rounded double operation on
 * exact operands, then rounded to float. That second rounding can only differ from a direct one when
 * the double lies exactly halfway between two floats; those, subnormal or huge values and long
 * mantissas (more digits than the fast path keeps) go through {@link Float#parseFloat}.
 */
final class DecimalParser {
    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** Below 2^53 a long converts to double exactly. */
    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;
    private static final int MAX_MANTISSA_DIGITS = 18;
    /** The 29 double significand bits a float drops; a double is a float midpoint when they read 100...0. */
    private static final long DROPPED_BITS = (1L << 29) - 1;
    private static final long HALFWAY = 1L << 28;

    private DecimalParser() {
    }

    /**
     * Parses {@code b[start, end)} as a decimal float ({@code -1.5}, {@code 2e-3}, {@code .5}, {@code 7.})
     * or as nan / inf / infinity in any case with an optional sign.
     *
     * @throws NumberFormatException when the bytes are not such a number
     */
    static float parseFloat(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significantDigits = 0;
        int exponent = 0;
        boolean anyDigit = false;
        for (; i < end && isDigit(b[i]); i++) {
            anyDigit = true;
            int d = b[i] - '0';
            if (mantissa == 0 && d == 0) {
                continue;
            }
            if (significantDigits < MAX_MANTISSA_DIGITS) {
                mantissa = mantissa * 10 + d;
            }
            significantDigits++;
        }
        if (i < end && b[i] == '.') {
            for (i++; i < end && isDigit(b[i]); i++) {
                anyDigit = true;
                int d = b[i] - '0';
                if (mantissa == 0 && d == 0) {
                    exponent--;
                    continue;
                }
                if (significantDigits < MAX_MANTISSA_DIGITS) {
                    mantissa = mantissa * 10 + d;
                    exponent--;
                }
                significantDigits++;
            }
        }
        if (!anyDigit) {
            return parseSpecial(b, start, end);
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            if (i == end) {
                throw notANumber(b, start, end);
            }
            int e = 0;
            for (; i < end && isDigit(b[i]); i++) {
                // capped: anything this large overflows or underflows a float anyway
                e = Math.min(e * 10 + (b[i] - '0'), 100_000);
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != end) {
            throw notANumber(b, start, end);
        }
        if (mantissa == 0) {
            return negative ? -0.0f : 0.0f;
        }
        if (significantDigits <= MAX_MANTISSA_DIGITS && mantissa < EXACT_DOUBLE_LIMIT
                && exponent >= -22 && exponent <= 22) {
            double d = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
            long bits = Double.doubleToRawLongBits(d);
            if (d >= Float.MIN_NORMAL && d < Float.MAX_VALUE && (bits & DROPPED_BITS) != HALFWAY) {
                float f = (float) d;
                return negative ? -f : f;
            }
        }
        return Float.parseFloat(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses {@code b[start, end)} as a decimal integer with an optional sign, of at most 18 digits.
     *
     * @throws NumberFormatException when the bytes are not such an integer
     */
    static long parseLong(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end || end - i > MAX_MANTISSA_DIGITS) {
            throw notANumber(b, start, end);
        }
        long value = 0;
        for (; i < end; i++) {
            if (!isDigit(b[i])) {
                throw notANumber(b, start, end);
            }
            value = value * 10 + (b[i] - '0');
        }
        return negative ? -value : value;
    }

    private static float parseSpecial(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        String word = new String(b, i, end - i, StandardCharsets.ISO_8859_1);
        if (word.equalsIgnoreCase("nan")) {
            return Float.NaN;
        }
        if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
            return negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        throw notANumber(b, start, end);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static NumberFormatException notANumber(byte[] b, int start, int end) {
        return new NumberFormatException(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
    }
}
