package org.ftgan.artifacts;

/**
 * A file in the artifact store as it is recorded in the database.
 *
 * @param relativePath relative to the store's root, '/'-separated
 * @param sha256       lower-case hex digest of the content
 */
public record ArtifactInfo(String relativePath, long sizeBytes, String sha256) {
}
