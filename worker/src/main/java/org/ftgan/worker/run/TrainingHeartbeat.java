package org.ftgan.worker.run;

/**
 * Heartbeat details of a training attempt: a retried attempt resumes from {@code checkpoint}.
 *
 * @param step       steps done
 * @param checkpoint last checkpoint directory, relative to the artifact store (null before the first)
 */
public record TrainingHeartbeat(long step, String checkpoint) {
}
