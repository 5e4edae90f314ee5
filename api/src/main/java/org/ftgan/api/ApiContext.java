package org.ftgan.api;

import org.ftgan.worker.ExperimentSubmitter;
import org.ftgan.worker.PlatformRecords;

/**
 * What the HTTP handlers work with: the records and artifact store, and the submitter that starts
 * and cancels workflows (null when the API runs without Temporal, read-only).
 *
 * @param readsNeedToken when true every read needs a token too (writes always do)
 */
public record ApiContext(PlatformRecords records, ExperimentSubmitter submitter, boolean readsNeedToken) {
}
