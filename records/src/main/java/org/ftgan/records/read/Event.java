package org.ftgan.records.read;

import java.time.Instant;
import org.ftgan.names.Status;

/** One status change of an experiment or run (a row of the events table): a run's status when {@code runId} is set. */
public record Event(long id, String runId, Status status, String reason, Long attempt, String worker, Instant createdAt) {
}
