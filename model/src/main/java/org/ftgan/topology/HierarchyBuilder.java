package org.ftgan.topology;

import java.util.ArrayList;
import java.util.List;
import org.ftgan.mesh.Mesh;

/**
 * Builds a {@link MeshHierarchy} as CoMA's {@code generate_transform_matrices}: each level is the
 * previous one decimated by {@link QuadricSimplifier} to ceil(n / factor) vertices, with its
 * down-sampling (selection) and up-sampling (barycentric projection, {@link UpSamplingBuilder}).
 */
public final class HierarchyBuilder {
    /**
     * Version of the hierarchy algorithm, part of the cache key: raise it whenever a change can alter
     * any output array, so that caches built by older code are not reused.
     */
    public static final int ALGORITHM_VERSION = 1;

    private HierarchyBuilder() {
    }

    /**
     * @param template level 0
     * @param factors  one reduction factor (at least 1) per coarser level
     * @throws IllegalArgumentException for a factor below 1 or a bad template (see {@link QuadricSimplifier})
     * @throws UnreachableLevelException naming the level when a target vertex count cannot be reached
     */
    public static MeshHierarchy build(Mesh template, int[] factors) {
        for (int i = 0; i < factors.length; i++) {
            if (factors[i] < 1) {
                throw new IllegalArgumentException("factor " + i + " is " + factors[i] + "; factors must be at least 1");
            }
        }
        List<Mesh> levels = new ArrayList<>();
        List<DownSampling> down = new ArrayList<>();
        List<UpSampling> up = new ArrayList<>();
        levels.add(template);
        Mesh fine = template;
        for (int i = 0; i < factors.length; i++) {
            int target = (fine.vertexCount() + factors[i] - 1) / factors[i];
            Simplification s;
            try {
                s = QuadricSimplifier.simplify(fine, target);
            } catch (UnreachableLevelException e) {
                throw new UnreachableLevelException("hierarchy level " + i + " -> " + (i + 1) + " (factor " + factors[i]
                        + ", " + fine.vertexCount() + " -> " + target + " vertices): " + e.getMessage());
            }
            levels.add(s.coarse());
            down.add(s.down());
            up.add(UpSamplingBuilder.build(fine, s.coarse(), s.down()));
            fine = s.coarse();
        }
        return new MeshHierarchy(levels, down, up, factors);
    }
}
