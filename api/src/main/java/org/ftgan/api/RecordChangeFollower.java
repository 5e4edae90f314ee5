package org.ftgan.api;

/**
 * A part of the API that acts on committed record changes as PostgreSQL reports them
 * ({@link org.ftgan.records.RecordChanges}): the event streams send a change when it is committed
 * instead of at their next poll.
 */
interface RecordChangeFollower {
    /**
     * Something of {@code experimentId} changed (of its run {@code runId} when not null); both null:
     * anything may have changed. Called on the listening thread: hand work off, do not block.
     */
    void recordsChanged(String experimentId, String runId);
}
