package org.ftgan.workflows.experiment;

/**
 * A prepared dataset in the artifact store, as workflows pass it around (a path and hashes, never data).
 *
 * @param path        directory relative to the artifact store root
 * @param contentHash the manifest's content hash (what checkpoints are tied to)
 * @param samples     samples prepared
 * @param reused      true when an earlier preparation with the same content hash was reused
 */
public record PreparedDatasetRef(String path, String contentHash, int samples, boolean reused) {
}
