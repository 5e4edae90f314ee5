package org.ftgan.api;

import org.ftgan.api.cache.ReadCache;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.PlatformRecords;

/**
 * What the HTTP handlers work with: the records and artifact store, and the submitter that starts
 * and cancels workflows (null when the API runs without Temporal, read-only).
 *
 * @param readsNeedToken when true every read needs a token too (writes always do)
 * @param readCacheBytes bound on the answers kept in memory ({@link ReadCache}); 0: none, every read goes to PostgreSQL
 * @param inferenceCacheBytes bound on the models kept loaded for inference (estimated; one is always kept)
 */
public record ApiContext(PlatformRecords records, ExperimentSubmitter submitter, boolean readsNeedToken, long readCacheBytes,
                         long inferenceCacheBytes) {
    /** Models kept for inference unless told otherwise: 256 MiB. */
    public static final long DEFAULT_INFERENCE_CACHE_BYTES = 256L << 20;

    public ApiContext {
        if (readCacheBytes < 0) {
            throw new IllegalArgumentException("readCacheBytes must be >= 0, not " + readCacheBytes);
        }
        if (inferenceCacheBytes < 0) {
            throw new IllegalArgumentException("inferenceCacheBytes must be >= 0, not " + inferenceCacheBytes);
        }
    }

    /** With the default inference cache ({@link #DEFAULT_INFERENCE_CACHE_BYTES}). */
    public ApiContext(PlatformRecords records, ExperimentSubmitter submitter, boolean readsNeedToken, long readCacheBytes) {
        this(records, submitter, readsNeedToken, readCacheBytes, DEFAULT_INFERENCE_CACHE_BYTES);
    }

    /** With the default read cache ({@link ReadCache#DEFAULT_BYTES}). */
    public ApiContext(PlatformRecords records, ExperimentSubmitter submitter, boolean readsNeedToken) {
        this(records, submitter, readsNeedToken, ReadCache.DEFAULT_BYTES);
    }
}
