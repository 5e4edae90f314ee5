package org.ftgan.records.read;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A key of a run's config named as {@code section.key[.sub...]} (for example
 * {@code loss.lambda_srec}), checked for shape here and for existence against the stored runs by
 * {@link ConfigKeyCheck}. It reaches SQL only as a bound text[] path for {@code config #> path}.
 */
public record ConfigKey(String name, String[] path) {
    /** The sections a run config has (the definitions module's run-config sections, plus the dataset). */
    public static final List<String> SECTIONS = List.of("dataset", "model", "topology", "loss", "training", "evaluation");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /**
     * Parses {@code name} given as request parameter {@code parameter}.
     *
     * @throws InvalidQueryException naming the parameter and what was expected
     */
    public static ConfigKey parse(String parameter, String name) {
        String[] segments = name.split("\\.", -1);
        if (segments.length < 2 || segments.length > 6) {
            throw invalid(parameter, name, "expected section.key, for example loss.lambda_srec");
        }
        if (!SECTIONS.contains(segments[0])) {
            throw invalid(parameter, name, "section '" + segments[0] + "' is not one of " + SECTIONS);
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches()) {
                throw invalid(parameter, name, "segment '" + s + "' is not a key name (letters, digits, '_')");
            }
        }
        return new ConfigKey(name, segments);
    }

    private static InvalidQueryException invalid(String parameter, String name, String why) {
        return new InvalidQueryException(parameter, "config key '" + name + "': " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigKey k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(path);
    }
}
