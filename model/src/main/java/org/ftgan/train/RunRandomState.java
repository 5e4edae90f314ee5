package org.ftgan.train;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Saved state of a {@link RunRandom}: the run's seed and the state of every stream drawn so far, by
 * name (sorted, so its JSON form has a fixed order).
 */
public record RunRandomState(long seed, SortedMap<String, Long> streams) {
    public RunRandomState {
        if (streams == null) {
            throw new IllegalArgumentException("random state: stream map must not be null");
        }
        streams = Collections.unmodifiableSortedMap(new TreeMap<>(streams));
    }
}
