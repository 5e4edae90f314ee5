package org.ftgan.api.cache;

import java.util.Collection;
import java.util.Set;

/**
 * What an answer was read from, so that it goes stale exactly when that changes:
 * {@code experimentIds} for answers that depend on anything of those experiments (their lists,
 * tables, groups, the experiment itself), {@code runIds} for answers that depend on those runs
 * only (a run's detail, a comparison: the runs' rows, curves, results, events and artifacts), and
 * {@link #EVERYTHING} for answers that span experiments (lists across all of them), which any
 * change makes stale.
 */
public record Scope(Set<String> experimentIds, Set<String> runIds, boolean everything) {
    public static final Scope EVERYTHING = new Scope(Set.of(), Set.of(), true);

    public Scope {
        experimentIds = Set.copyOf(experimentIds);
        runIds = Set.copyOf(runIds);
    }

    public static Scope experiment(String experimentId) {
        return new Scope(Set.of(experimentId), Set.of(), false);
    }

    public static Scope experiments(Collection<String> experimentIds) {
        return new Scope(Set.copyOf(experimentIds), Set.of(), false);
    }

    public static Scope runs(Collection<String> runIds) {
        return new Scope(Set.of(), Set.copyOf(runIds), false);
    }
}
