package org.ftgan.records.read;

import java.time.Instant;

/** One status change of an experiment or run (a row of the events table). */
public record Event(long id, String runId, String status, String reason, Long attempt, String worker, Instant createdAt) {
}
