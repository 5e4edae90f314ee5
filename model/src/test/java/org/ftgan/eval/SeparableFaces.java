package org.ftgan.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.ExpressionClasses;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.MeshShapes;

/**
 * A prepared FaceScape-layout dataset (one scan per subject and expression) in which identity and
 * expression live in separate coordinates: a subject scales and shifts the x and y of a flat grid,
 * an expression k only sets z, to {@code zOffsetMm(k, v)}, the same for every subject. So
 * x_c,s = x_c,neutral + (x_c',s - x_c',neutral) exactly, and a codec that keeps x, y as content and
 * z as style transfers exactly.
 */
final class SeparableFaces {
    /** z of vertex v under FaceScape expression number k (0 = neutral). */
    interface ZOffset {
        float mm(int expression, int vertex);
    }

    static final int NX = 5;
    static final int NY = 4;

    private SeparableFaces() {
    }

    /**
     * Writes subjects 1..subjects with all 20 expressions except the {@code missing} scans
     * ("subject/expressionNumber", e.g. "2/8") and prepares them into {@code tmp/prepared}.
     */
    static Path prepare(Path tmp, int subjects, ZOffset z, Set<String> missing) throws IOException {
        Path root = tmp.resolve("facescape");
        Mesh base = MeshShapes.grid(NX, NY, 10f);
        for (int c = 1; c <= subjects; c++) {
            for (int k = 0; k < ExpressionClasses.FACESCAPE.size(); k++) {
                if (missing.contains(c + "/" + (k + 1))) {
                    continue;
                }
                float[] p = base.positions().clone();
                for (int v = 0; v < base.vertexCount(); v++) {
                    p[3 * v] = p[3 * v] * (1 + 0.1f * c) + 3 * c;
                    p[3 * v + 1] = p[3 * v + 1] * (1 - 0.05f * c) - 2 * c;
                    p[3 * v + 2] = z.mm(k, v);
                }
                String name = (k + 1) + "_" + ExpressionClasses.FACESCAPE.get(k) + ".obj";
                MeshFiles.write(root.resolve(String.valueOf(c)).resolve("models_reg").resolve(name), base.withPositions(p));
            }
        }
        Path out = tmp.resolve("prepared");
        new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, 1)
                .prepare(PrepareRequest.of(DatasetKind.FACESCAPE, root, out));
        return out;
    }
}
