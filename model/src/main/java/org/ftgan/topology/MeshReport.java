package org.ftgan.topology;

import java.util.Locale;
import org.ftgan.mesh.LengthUnit;
import org.ftgan.mesh.Mesh;

/** What {@code ftgan mesh info} prints: counts, connectivity, bounds and a unit guess of one mesh. */
public record MeshReport(int vertices, int faces, int edges, int components, int boundaryEdges, int boundaryLoops,
                         int nonManifoldVertices, int unusedVertices, float[] bounds, LengthUnit unitGuess) {

    public static MeshReport of(Mesh mesh) {
        MeshTopology topo = MeshTopology.of(mesh);
        int unused = 0;
        for (int v = 0; v < topo.vertexCount(); v++) {
            if (topo.degree(v) == 0) {
                unused++;
            }
        }
        float[] b = mesh.bounds();
        double dx = b[3] - b[0];
        double dy = b[4] - b[1];
        double dz = b[5] - b[2];
        LengthUnit unit = LengthUnit.guessFromDiagonal(Math.sqrt(dx * dx + dy * dy + dz * dz));
        return new MeshReport(mesh.vertexCount(), mesh.faceCount(), topo.edgeCount(), topo.componentCount(),
                topo.boundaryEdgeCount(), topo.boundaryLoopCount(), topo.nonManifoldVertexCount(), unused, b, unit);
    }

    /** Human-readable lines, one fact each. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "vertices        %d%n", vertices));
        sb.append(String.format(Locale.ROOT, "faces           %d (triangles)%n", faces));
        sb.append(String.format(Locale.ROOT, "edges           %d%n", edges));
        sb.append(String.format(Locale.ROOT, "components      %d%n", components));
        sb.append(String.format(Locale.ROOT, "boundary edges  %d in %d loop%s%n", boundaryEdges, boundaryLoops,
                boundaryLoops == 1 ? "" : "s"));
        if (nonManifoldVertices > 0) {
            sb.append(String.format(Locale.ROOT, "non-manifold    %d vertices%n", nonManifoldVertices));
        }
        if (unusedVertices > 0) {
            sb.append(String.format(Locale.ROOT, "unused vertices %d (in no face)%n", unusedVertices));
        }
        sb.append(String.format(Locale.ROOT, "bounding box    x [%.5g, %.5g]  y [%.5g, %.5g]  z [%.5g, %.5g]%n",
                bounds[0], bounds[3], bounds[1], bounds[4], bounds[2], bounds[5]));
        sb.append(String.format(Locale.ROOT, "size            %.5g x %.5g x %.5g%n",
                bounds[3] - bounds[0], bounds[4] - bounds[1], bounds[5] - bounds[2]));
        sb.append(String.format(Locale.ROOT, "unit guess      %s (from the bounding-box diagonal)%n",
                unitGuess.name().toLowerCase(Locale.ROOT)));
        return sb.toString();
    }
}
