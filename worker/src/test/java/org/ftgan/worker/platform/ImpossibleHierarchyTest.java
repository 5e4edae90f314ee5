package org.ftgan.worker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.RunRow;
import org.ftgan.worker.PlatformWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What validation cannot see fails once: a CoMA dataset's template is read by the worker only, so
 * a hierarchy deeper than it allows reaches training, where it must fail the run at its first
 * attempt as non-retryable InvalidConfig with the one-line reason (it once was a retryable
 * IllegalStateException: 10 attempts per run, a stack trace at each).
 */
class ImpossibleHierarchyTest {
    @TempDir
    static Path dir;
    static PlatformFixture platform;

    @BeforeAll
    static void start() throws Exception {
        platform = new PlatformFixture(dir);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theComaNetworksFourLevelsOnA652VertexTemplateFailOnceWithTheReason() throws Exception {
        // a synthetic set is written in CoMA's layout (template.ply, <subject>/<expression>/*.ply)
        Path raw = dir.resolve("coma-like");
        SyntheticDatasetWriter.write(new SyntheticDatasetSpec(3, 3, 652, 9, 1), raw);
        String yaml = """
                name: impossible-depth
                dataset:
                  kind: coma
                  root: %s
                model: {preset: coma}
                topology: {factors: [4, 4, 4, 4]}
                training: {steps: 5, batch: 4, seed: 1, log_every: 5}
                evaluation: {triplets: 20, seed: 1, pool: all}
                """.formatted(raw.toAbsolutePath());
        try (PlatformWorker ignored = platform.startWorker()) {
            String id = platform.submit(yaml);
            PlatformFixture.await("experiment " + id + " to fail", Duration.ofMinutes(4),
                    () -> platform.records.experiments().find(id).orElseThrow().status().isTerminal());
            assertEquals(ExperimentStatus.FAILED, platform.records.experiments().find(id).orElseThrow().status());
            RunRow run = platform.records.runs().listByExperiment(id).get(0);
            assertEquals(RunStatus.FAILED, run.status());
            assertEquals(1, run.attempt(), "an impossible hierarchy is not retried");
            assertTrue(run.failureReason().contains("hierarchy level") && run.failureReason().contains("cannot reduce"),
                    run.failureReason());
            assertEquals(1, run.failureReason().lines().count(), run.failureReason());
        }
    }
}
