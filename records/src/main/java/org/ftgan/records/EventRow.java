package org.ftgan.records;

import java.time.Instant;

/** One row of the events table: a status change of an experiment or run, in the order they were recorded. */
public record EventRow(long id, String experimentId, String runId, String status, String reason, Integer attempt,
                       String worker, Instant createdAt, String dedupeKey) {
}
