package org.ftgan.records;

import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.names.Status;

/**
 * A status change to record. {@code dedupeKey} names the change itself (for example
 * {@code run:R:attempt:2:failed}), so the same change reported again by a retried activity is
 * stored once.
 *
 * @param runId   null for an experiment-level event
 * @param status  a {@link RunStatus} for a run's event, an {@link ExperimentStatus} for an experiment's
 * @param attempt null when the event is not about one attempt of a run
 * @param worker  null when no worker is involved
 */
public record NewEvent(String experimentId, String runId, Status status, String reason, Integer attempt,
                       String worker, String dedupeKey) {
    public NewEvent {
        Rows.requireText(experimentId, "event experimentId");
        if (status == null) {
            throw new IllegalArgumentException("event status is required");
        }
        if ((runId != null) != (status instanceof RunStatus)) {
            throw new IllegalArgumentException("event status '" + status + "': a run's event needs a run status, an"
                    + " experiment's an experiment status");
        }
        Rows.requireText(dedupeKey, "event dedupeKey");
    }
}
