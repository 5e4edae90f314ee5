package org.ftgan.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.temporal.api.common.v1.Payload;
import java.nio.charset.StandardCharsets;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.workflows.PlatformDataConverter;
import org.ftgan.workflows.TemporalConnection;
import org.junit.jupiter.api.Test;

/**
 * Statuses went through the bookkeeping activities (and the experiment workflow's result) as
 * lower-case strings before they were typed: their payloads must stay those strings, so that
 * recorded histories, activity tasks already scheduled, and workers of either version agree. The
 * statuses carry no Jackson annotations (they live in the dependency-free names module):
 * {@link PlatformDataConverter} maps them, and every client the platform builds uses it.
 */
class StatusPayloadTest {
    @Test
    void statusesTravelAsTheLowerCaseStringsOfRecordedHistories() {
        for (RunStatus s : RunStatus.values()) {
            Payload p = PlatformDataConverter.INSTANCE.toPayload(s).orElseThrow();
            assertEquals("\"" + s.dbName() + "\"", p.getData().toString(StandardCharsets.UTF_8));
            assertEquals(s, PlatformDataConverter.INSTANCE.fromPayload(p, RunStatus.class, RunStatus.class));
        }
        for (ExperimentStatus s : ExperimentStatus.values()) {
            Payload p = PlatformDataConverter.INSTANCE.toPayload(s).orElseThrow();
            assertEquals("\"" + s.dbName() + "\"", p.getData().toString(StandardCharsets.UTF_8));
            assertEquals(s, PlatformDataConverter.INSTANCE.fromPayload(p, ExperimentStatus.class, ExperimentStatus.class));
        }
        // what a history recorded before the change holds, read by the typed activity
        Payload recorded = PlatformDataConverter.INSTANCE.toPayload("evaluating").orElseThrow();
        assertEquals(RunStatus.EVALUATING,
                PlatformDataConverter.INSTANCE.fromPayload(recorded, RunStatus.class, RunStatus.class));
    }

    @Test
    void everyPlatformClientUsesThePlatformConverter() {
        // a client connects lazily: no server is needed to read its options
        try (TemporalConnection c = TemporalConnection.connect("127.0.0.1:1", "default", null)) {
            assertSame(PlatformDataConverter.INSTANCE, c.client().getOptions().getDataConverter());
        }
    }
}
