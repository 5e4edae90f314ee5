package org.ftgan.topology;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.mesh.Mesh;

/**
 * Everything the network needs from a template, precomputed once: the down/up-sampling
 * hierarchy, the spirals of every level, and the full mesh's connectivity (its 1-rings are the
 * uniform-Laplacian neighbours of the smoothing loss).
 *
 * <p>Only the hierarchy is cached on disk ({@link HierarchyCache}): spirals take a few
 * milliseconds and are rebuilt from it on every load, so changing the spiral length or dilation
 * never invalidates a cache file.
 */
public record TemplateTopology(MeshHierarchy hierarchy, List<Spirals> spirals, MeshTopology fullMesh,
                               int spiralLength, int dilation) {

    public TemplateTopology {
        spirals = List.copyOf(spirals);
        if (spirals.size() != hierarchy.levelCount()) {
            throw new IllegalArgumentException(spirals.size() + " spiral sets for " + hierarchy.levelCount() + " levels");
        }
    }

    /** Spirals of every level of an existing hierarchy. */
    public static TemplateTopology of(MeshHierarchy hierarchy, int spiralLength, int dilation) {
        List<Spirals> spirals = new ArrayList<>();
        MeshTopology full = null;
        for (Mesh level : hierarchy.levels()) {
            MeshTopology topo = MeshTopology.of(level);
            if (full == null) {
                full = topo;
            }
            spirals.add(SpiralBuilder.build(topo, spiralLength, dilation));
        }
        return new TemplateTopology(hierarchy, spirals, full, spiralLength, dilation);
    }

    /** Loads the hierarchy from {@code cacheDir} (building and caching it when absent or damaged), then adds spirals. */
    public static Loaded load(Mesh template, int[] factors, int spiralLength, int dilation, Path cacheDir) throws IOException {
        CachedHierarchy cached = new HierarchyCache(cacheDir).loadOrBuild(template, factors);
        return new Loaded(of(cached.hierarchy(), spiralLength, dilation), cached);
    }

    /** A topology and where its hierarchy came from (built, loaded from the cache, or rebuilt over a damaged file). */
    public record Loaded(TemplateTopology topology, CachedHierarchy cache) {
    }

    public int levelCount() {
        return hierarchy.levelCount();
    }

    public int[] vertexCounts() {
        return hierarchy.vertexCounts();
    }

    public Mesh level(int i) {
        return hierarchy.levels().get(i);
    }
}
