package org.ftgan.topology;

import java.nio.file.Path;

/** A hierarchy from {@link HierarchyCache}, with where it came from and the cache file that now holds it. */
public record CachedHierarchy(MeshHierarchy hierarchy, Source source, Path file) {
    /** How the hierarchy was obtained. */
    public enum Source {
        /** No cache file existed: built and written. */
        BUILT,
        /** Read from a valid cache file. */
        LOADED,
        /** The cache file was unusable (corrupt, truncated, other format): built again and rewritten. */
        REBUILT
    }

    public boolean fromCache() {
        return source == Source.LOADED;
    }
}
