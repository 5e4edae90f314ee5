package org.ftgan.topology;

import java.util.List;
import org.ftgan.mesh.Mesh;

/**
 * The down/up-sampling hierarchy of a template: {@code levels.get(0)} is the template itself,
 * {@code down.get(i)} maps level i to level i + 1 and {@code up.get(i)} maps level i + 1 back to level i;
 * {@code factors[i]} is the reduction factor that produced level i + 1.
 */
public record MeshHierarchy(List<Mesh> levels, List<DownSampling> down, List<UpSampling> up, int[] factors) {
    public MeshHierarchy {
        levels = List.copyOf(levels);
        down = List.copyOf(down);
        up = List.copyOf(up);
        factors = factors.clone();
        int steps = factors.length;
        if (levels.size() != steps + 1 || down.size() != steps || up.size() != steps) {
            throw new IllegalArgumentException("expected " + (steps + 1) + " levels and " + steps
                    + " down- and up-samplings for " + steps + " factors, got " + levels.size() + ", " + down.size()
                    + " and " + up.size());
        }
        for (int i = 0; i < steps; i++) {
            int fine = levels.get(i).vertexCount();
            int coarse = levels.get(i + 1).vertexCount();
            DownSampling d = down.get(i);
            UpSampling u = up.get(i);
            if (d.fineCount() != fine || d.coarseCount() != coarse || u.fineCount() != fine || u.coarseCount() != coarse) {
                throw new IllegalArgumentException("step " + i + ": levels have " + fine + " -> " + coarse
                        + " vertices but D is " + d.fineCount() + " -> " + d.coarseCount() + " and U is "
                        + u.coarseCount() + " -> " + u.fineCount());
            }
        }
    }

    /** Number of levels, the template included. */
    public int levelCount() {
        return levels.size();
    }

    /** Vertex count of each level, finest first. */
    public int[] vertexCounts() {
        return levels.stream().mapToInt(Mesh::vertexCount).toArray();
    }

    /** The factors used (a copy). */
    @Override
    public int[] factors() {
        return factors.clone();
    }
}
