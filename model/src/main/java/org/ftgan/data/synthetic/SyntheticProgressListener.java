package org.ftgan.data.synthetic;

/**
 * Told how many frames a {@link SyntheticDatasetWriter} has written so far. Calls come from the
 * writer's worker threads but never at the same time, with {@code written} increasing by one each call.
 */
@FunctionalInterface
public interface SyntheticProgressListener {
    SyntheticProgressListener NONE = (written, total) -> { };

    void framesWritten(long written, long total);
}
