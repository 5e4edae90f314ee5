package org.ftgan.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import org.ftgan.records.ExperimentStatus;
import org.ftgan.records.RunStatus;
import org.junit.jupiter.api.Test;

/**
 * Statuses went through the bookkeeping activities (and the experiment workflow's result) as
 * lower-case strings before they were typed: their payloads must stay those strings, so that
 * recorded histories, activity tasks already scheduled, and workers of either version agree.
 */
class StatusPayloadTest {
    @Test
    void statusesTravelAsTheLowerCaseStringsOfRecordedHistories() {
        for (RunStatus s : RunStatus.values()) {
            Payload p = DefaultDataConverter.STANDARD_INSTANCE.toPayload(s).orElseThrow();
            assertEquals("\"" + s.dbName() + "\"", p.getData().toString(StandardCharsets.UTF_8));
            assertEquals(s, DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, RunStatus.class, RunStatus.class));
        }
        for (ExperimentStatus s : ExperimentStatus.values()) {
            Payload p = DefaultDataConverter.STANDARD_INSTANCE.toPayload(s).orElseThrow();
            assertEquals("\"" + s.dbName() + "\"", p.getData().toString(StandardCharsets.UTF_8));
            assertEquals(s, DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, ExperimentStatus.class, ExperimentStatus.class));
        }
        // what a history recorded before the change holds, read by the typed activity
        Payload recorded = DefaultDataConverter.STANDARD_INSTANCE.toPayload("evaluating").orElseThrow();
        assertEquals(RunStatus.EVALUATING,
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(recorded, RunStatus.class, RunStatus.class));
    }
}
