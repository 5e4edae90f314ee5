package org.ftgan.topology;

/**
 * The template cannot be reduced to the vertex count a factor asks for: every remaining edge
 * collapse would break the mesh (each connected component keeps at least one triangle, open
 * boundaries and the link condition hold others). A property of the template and the factors, so
 * an invalid configuration, never worth retrying: it is an {@link IllegalArgumentException}, which
 * the command line prints as one line and the worker fails as non-retryable InvalidConfig.
 */
public final class UnreachableLevelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnreachableLevelException(String message) {
        super(message);
    }
}
