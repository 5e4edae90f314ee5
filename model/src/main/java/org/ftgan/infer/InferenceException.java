package org.ftgan.infer;

/**
 * A request the inference service cannot answer because of what it was given: an unreadable or
 * wrong mesh, a sample index out of range, a parameter out of its range. {@code code} is stable
 * (the API's error code), the message names the input and what was expected.
 */
public final class InferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The uploaded file is not a readable PLY or OBJ (or has NaN or infinite coordinates). */
    public static final String INVALID_MESH = "invalid_mesh";
    /** The uploaded mesh has another vertex count, face count or triangle list than the run's template. */
    public static final String WRONG_TOPOLOGY = "wrong_topology";
    /** The uploaded file is larger than a mesh of the template's size can be. */
    public static final String MESH_TOO_LARGE = "mesh_too_large";
    /** A parameter out of its range (sample index, alpha, frames, unit). */
    public static final String INVALID_PARAMETER = "invalid_parameter";

    private final String code;

    public InferenceException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
