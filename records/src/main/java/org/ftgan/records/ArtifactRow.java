package org.ftgan.records;

import java.time.Instant;

/**
 * One row of the artifacts table.
 *
 * @param path  relative to the artifact store's root, '/'-separated
 * @param runId null for experiment-level artifacts (datasets, reports)
 */
public record ArtifactRow(long id, String experimentId, String runId, ArtifactKind kind, String path, String sha256,
                          long sizeBytes, Instant createdAt) {
}
