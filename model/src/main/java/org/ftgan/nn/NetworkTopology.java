package org.ftgan.nn;

import java.util.List;
import org.ftgan.topology.DownSampling;
import org.ftgan.topology.Spirals;
import org.ftgan.topology.UpSampling;

/**
 * The mesh hierarchy a network is built on: spirals of every level 0..n, and for every step i the
 * down-sampling from level i to i+1 and the up-sampling from level i+1 back to i.
 */
public record NetworkTopology(List<Spirals> spirals, List<DownSampling> down, List<UpSampling> up) {
    public NetworkTopology {
        spirals = List.copyOf(spirals);
        down = List.copyOf(down);
        up = List.copyOf(up);
        if (down.size() != spirals.size() - 1 || up.size() != spirals.size() - 1) {
            throw new IllegalArgumentException("expected " + (spirals.size() - 1) + " down- and up-samplings for "
                    + spirals.size() + " levels, got " + down.size() + " and " + up.size());
        }
        for (int i = 0; i < down.size(); i++) {
            int fine = spirals.get(i).vertexCount();
            int coarse = spirals.get(i + 1).vertexCount();
            if (down.get(i).fineCount() != fine || down.get(i).coarseCount() != coarse) {
                throw new IllegalArgumentException("down-sampling " + i + " maps " + down.get(i).fineCount() + " -> "
                        + down.get(i).coarseCount() + " vertices, levels have " + fine + " -> " + coarse);
            }
            if (up.get(i).coarseCount() != coarse || up.get(i).fineCount() != fine) {
                throw new IllegalArgumentException("up-sampling " + i + " maps " + up.get(i).coarseCount() + " -> "
                        + up.get(i).fineCount() + " vertices, levels have " + coarse + " -> " + fine);
            }
        }
    }

    /** Fails unless the levels have the config's vertex counts and spiral length. */
    public void requireFits(ModelConfig config) {
        if (spirals.size() != config.verticesPerLevel().size()) {
            throw new IllegalArgumentException("topology has " + spirals.size() + " levels, config " + config.name()
                    + " needs " + config.verticesPerLevel().size());
        }
        for (int i = 0; i < spirals.size(); i++) {
            Spirals s = spirals.get(i);
            if (s.vertexCount() != config.vertices(i) || s.length() != config.spiralLength()) {
                throw new IllegalArgumentException("topology level " + i + " has " + s.vertexCount() + " vertices and spiral length "
                        + s.length() + ", config " + config.name() + " needs " + config.vertices(i) + " and " + config.spiralLength());
            }
        }
    }
}
