package org.ftgan.topology;

import org.ftgan.mesh.Mesh;

/**
 * One step of mesh decimation: the coarse mesh and the down-sampling that selects its vertices
 * from the fine mesh ({@code coarse} vertex {@code c} sits exactly at fine vertex
 * {@code down.keptFineVertex()[c]}).
 */
public record Simplification(Mesh coarse, DownSampling down) {
    public Simplification {
        if (coarse.vertexCount() != down.coarseCount()) {
            throw new IllegalArgumentException("coarse mesh has " + coarse.vertexCount()
                    + " vertices but the down-sampling keeps " + down.coarseCount());
        }
    }
}
