package org.ftgan.records;

import java.time.Instant;
import org.ftgan.names.Status;

/**
 * One row of the events table: a status change of an experiment or run, in the order they were recorded.
 *
 * @param status a {@link org.ftgan.names.RunStatus} when {@code runId} is set, else an {@link org.ftgan.names.ExperimentStatus}
 */
public record EventRow(long id, String experimentId, String runId, Status status, String reason, Integer attempt,
                       String worker, Instant createdAt, String dedupeKey) {
}
