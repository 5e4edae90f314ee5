package org.ftgan.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed reads from a parsed YAML/JSON tree, each failure naming the source file and the key path
 * (e.g. {@code training.betas[1]}). Numbers written as text are accepted where the YAML 1.1
 * resolver leaves them as strings ({@code 1e-4} without a dot).
 */
final class ConfigReader {
    private final String source;

    ConfigReader(String source) {
        this.source = source;
    }

    RunConfigException error(String path, String message) {
        return new RunConfigException(source + ": " + path + ": " + message);
    }

    /** Fails on any key of {@code node} not in {@code allowed}. */
    void requireKnownKeys(JsonNode node, String path, Set<String> allowed) {
        requireObject(node, path);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(join(path, name), "unknown key (expected one of " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    void requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw error(path.isEmpty() ? "(top level)" : path, "expected a mapping, got " + describe(node));
        }
    }

    JsonNode child(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        return n == null || n.isNull() ? null : n;
    }

    boolean bool(JsonNode parent, String path, String key, boolean fallback) {
        JsonNode n = child(parent, key);
        if (n == null) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw error(join(path, key), "expected true or false, got " + describe(n));
        }
        return n.booleanValue();
    }

    String text(JsonNode parent, String path, String key, String fallback) {
        JsonNode n = child(parent, key);
        if (n == null) {
            if (fallback == null) {
                throw error(join(path, key), "is required");
            }
            return fallback;
        }
        if (!n.isTextual()) {
            throw error(join(path, key), "expected a string, got " + describe(n));
        }
        return n.asText();
    }

    double number(JsonNode parent, String path, String key, double fallback) {
        JsonNode n = child(parent, key);
        return n == null ? fallback : number(n, join(path, key));
    }

    double number(JsonNode n, String path) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                // falls through to the type error
            }
        }
        throw error(path, "expected a number, got " + describe(n));
    }

    /** An integer, or {@code fallback} when absent; {@link Long#MIN_VALUE} as fallback means required. */
    long integer(JsonNode parent, String path, String key, long fallback) {
        JsonNode n = child(parent, key);
        if (n == null) {
            if (fallback == Long.MIN_VALUE) {
                throw error(join(path, key), "is required");
            }
            return fallback;
        }
        return integer(n, join(path, key));
    }

    long integer(JsonNode n, String path) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        throw error(path, "expected an integer, got " + describe(n));
    }

    int positiveInt(JsonNode parent, String path, String key, int fallback) {
        JsonNode n = child(parent, key);
        if (n == null) {
            if (fallback < 0) {
                throw error(join(path, key), "is required");
            }
            return fallback;
        }
        long v = integer(n, join(path, key));
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw error(join(path, key), "expected a positive integer, got " + v);
        }
        return (int) v;
    }

    List<Integer> positiveInts(JsonNode parent, String path, String key, List<Integer> fallback) {
        JsonNode n = child(parent, key);
        String p = join(path, key);
        if (n == null) {
            if (fallback == null) {
                throw error(p, "is required");
            }
            return fallback;
        }
        if (!n.isArray() || n.isEmpty()) {
            throw error(p, "expected a non-empty list of positive integers, got " + describe(n));
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            long v = integer(n.get(i), p + "[" + i + "]");
            if (v < 1 || v > Integer.MAX_VALUE) {
                throw error(p + "[" + i + "]", "expected a positive integer, got " + v);
            }
            out.add((int) v);
        }
        return List.copyOf(out);
    }

    double[] numbers(JsonNode parent, String path, String key, int count, double[] fallback) {
        JsonNode n = child(parent, key);
        String p = join(path, key);
        if (n == null) {
            return fallback.clone();
        }
        if (!n.isArray() || n.size() != count) {
            throw error(p, "expected a list of " + count + " numbers, got " + describe(n));
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = number(n.get(i), p + "[" + i + "]");
        }
        return out;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isNull()) {
            return "nothing";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list of " + n.size();
        }
        if (n.isTextual()) {
            return "the string '" + n.asText() + "'";
        }
        if (n.isBoolean()) {
            return "the boolean " + n.asText();
        }
        return "the number " + n.asText();
    }
}
