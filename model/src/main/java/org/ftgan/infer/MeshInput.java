package org.ftgan.infer;

/** A mesh given to the inference service: a sample of the run's prepared dataset, or an uploaded file. */
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
}
