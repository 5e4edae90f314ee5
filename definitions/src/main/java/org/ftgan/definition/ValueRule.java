package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The type and range one key accepts. The same rule checks a base value, every grid value, every
 * choice and both ends of a random range, so an expanded run can never hold a value the base could not.
 */
sealed interface ValueRule {

    /** Adds a problem to {@code out} for each thing wrong with {@code value} at {@code path}. */
    void check(JsonNode value, String path, List<Problem> out);

    /** An integer in [min, max]. */
    record IntegerRange(long min, long max) implements ValueRule {
        @Override
        public void check(JsonNode value, String path, List<Problem> out) {
            if (!isInteger(value) || value.asLong() < min || value.asLong() > max) {
                out.add(new Problem(path, "expected " + expectation() + ", got " + ValueRule.describe(value)));
            }
        }

        String expectation() {
            if (max == Long.MAX_VALUE && min == Long.MIN_VALUE) {
                return "an integer";
            }
            if (max == Long.MAX_VALUE) {
                return "an integer >= " + min;
            }
            return "an integer between " + min + " and " + max;
        }
    }

    /** A finite number in [min, max], or (min, max] when {@code minExclusive}. Text such as "1e-4" counts (YAML 1.1 leaves it a string). */
    record NumberRange(double min, boolean minExclusive, double max) implements ValueRule {
        @Override
        public void check(JsonNode value, String path, List<Problem> out) {
            Double v = number(value);
            boolean ok = v != null && Double.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max;
            if (!ok) {
                out.add(new Problem(path, "expected " + expectation() + ", got " + ValueRule.describe(value)));
            }
        }

        String expectation() {
            String lower = (minExclusive ? "> " : ">= ") + plain(min);
            return max == Double.MAX_VALUE ? "a number " + lower : "a number " + lower + " and <= " + plain(max);
        }
    }

    /** One of a fixed set of strings. */
    record OneOf(Set<String> allowed) implements ValueRule {
        @Override
        public void check(JsonNode value, String path, List<Problem> out) {
            if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
                out.add(new Problem(path, "expected one of " + String.join(", ", allowed.stream().sorted().toList())
                        + ", got " + describe(value)));
            }
        }
    }

    /** true or false. */
    record Bool() implements ValueRule {
        @Override
        public void check(JsonNode value, String path, List<Problem> out) {
            if (value == null || !value.isBoolean()) {
                out.add(new Problem(path, "expected true or false, got " + describe(value)));
            }
        }
    }

    /** A non-empty string. */
    record NonEmptyText() implements ValueRule {
        @Override
        public void check(JsonNode value, String path, List<Problem> out) {
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                out.add(new Problem(path, "expected a non-empty string, got " + describe(value)));
            }
        }
    }

    /** A list of {@code minSize..maxSize} elements, each checked by {@code element} at {@code path[i]}. */
    record ListOf(ValueRule element, int minSize, int maxSize) implements ValueRule {
        @Override
        public void check(JsonNode value, String path, List<Problem> out) {
            if (value == null || !value.isArray() || value.size() < minSize || value.size() > maxSize) {
                String size = minSize == maxSize ? String.valueOf(minSize) : minSize + " to " + maxSize;
                out.add(new Problem(path, "expected a list of " + size + " values, got " + describe(value)));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                element.check(value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** Any integer; used where a key is a seed. */
    static ValueRule anyInteger() {
        return new IntegerRange(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static boolean isInteger(JsonNode v) {
        return v != null && v.isIntegralNumber() && v.canConvertToLong();
    }

    /** The value as a number, or null when it is none. */
    static Double number(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** How a value reads in a message: strings quoted, numbers as written. */
    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list of " + v.size();
        }
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        return v.asText();
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
