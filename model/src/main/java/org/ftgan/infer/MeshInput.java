package org.ftgan.infer;

/** A mesh given to the inference service: a sample of the run's prepared dataset, an uploaded file, or the
 * positions of a mesh checked before. */
public sealed interface MeshInput {
    /** What the request calls this input (content, style, mesh, ...), named in errors. */
    String field();

    /** Sample {@code index} of the run's prepared dataset (positions in mm as stored). */
    record Sample(String field, int index) implements MeshInput {
    }

    /**
     * An uploaded PLY or OBJ file.
     *
     * @param fileName its name as sent; only the extension (.ply or .obj) is used
     * @param unit     "mm" or "m"; null for the dataset's source unit (what `ftgan data prepare` read)
     */
    record Upload(String field, String fileName, byte[] bytes, String unit) implements MeshInput {
    }

    /**
     * A mesh read and checked before (an upload the API keeps by its content hash), given as its
     * positions in mm on the template's vertices; like an upload it has no ground truth.
     */
    record Positions(String field, float[] positions) implements MeshInput {
    }
}
