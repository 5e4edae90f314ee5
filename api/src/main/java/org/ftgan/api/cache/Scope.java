package org.ftgan.api.cache;

import java.util.Collection;
import java.util.Set;

/**
 * Which experiments' records an answer was read from: once one of them changes, the answer is
 * stale. {@link #EVERYTHING} for answers that span experiments (lists across all of them), which
 * any change makes stale.
 */
public record Scope(Set<String> experimentIds, boolean everything) {
    public static final Scope EVERYTHING = new Scope(Set.of(), true);

    public Scope {
        experimentIds = Set.copyOf(experimentIds);
    }

    public static Scope experiment(String experimentId) {
        return new Scope(Set.of(experimentId), false);
    }

    public static Scope experiments(Collection<String> experimentIds) {
        return new Scope(Set.copyOf(experimentIds), false);
    }
}
