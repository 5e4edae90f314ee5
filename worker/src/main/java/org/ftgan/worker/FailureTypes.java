package org.ftgan.worker;

import java.util.List;

/**
 * Application failure types that retrying cannot fix: activities throw them as non-retryable
 * failures, and the retry policies list them so that no attempt is wasted on them.
 */
public final class FailureTypes {
    /** The run's config does not parse or does not fit the dataset. */
    public static final String INVALID_CONFIG = "InvalidConfig";
    /** The dataset is missing, damaged or not what the run was planned on. */
    public static final String BAD_DATA = "BadData";
    /** A loss became NaN or infinite. */
    public static final String DIVERGED = "Diverged";

    /** Retryable: the worker stopped the attempt (after a checkpoint) because it is shutting down. */
    public static final String WORKER_SHUTDOWN = "WorkerShutdown";

    public static final List<String> NON_RETRYABLE = List.of(INVALID_CONFIG, BAD_DATA, DIVERGED);

    private FailureTypes() {
    }
}
