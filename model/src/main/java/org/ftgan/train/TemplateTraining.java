package org.ftgan.train;

import org.ftgan.nn.NetworkTopology;
import org.ftgan.topology.MeshTopology;
import org.ftgan.topology.TemplateTopology;

/** What a {@link TrainingStep} needs from a real template: the network's topology and the Laplacian neighbours. */
public final class TemplateTraining {
    private TemplateTraining() {
    }

    /** Spirals of every level and the hierarchy's down- and up-samplings. */
    public static NetworkTopology networkTopology(TemplateTopology template) {
        return new NetworkTopology(template.spirals(), template.hierarchy().down(), template.hierarchy().up());
    }

    /** L_lap over the full mesh's 1-rings. */
    public static LaplacianSmoothingLoss laplacian(TemplateTopology template) {
        MeshTopology mesh = template.fullMesh();
        return new LaplacianSmoothingLoss(mesh.neighbourOffsets(), mesh.neighbourIndices());
    }
}
