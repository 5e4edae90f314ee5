package org.ftgan.records;

/**
 * A status change to record. {@code dedupeKey} names the change itself (for example
 * {@code run:R:attempt:2:failed}), so the same change reported again by a retried activity is
 * stored once.
 *
 * @param runId   null for an experiment-level event
 * @param attempt null when the event is not about one attempt of a run
 * @param worker  null when no worker is involved
 */
public record NewEvent(String experimentId, String runId, String status, String reason, Integer attempt,
                       String worker, String dedupeKey) {
    public NewEvent {
        Rows.requireText(experimentId, "event experimentId");
        Rows.requireText(status, "event status");
        Rows.requireText(dedupeKey, "event dedupeKey");
    }
}
