package org.ftgan.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.temporal.api.common.v1.Payload;
import java.nio.charset.StandardCharsets;
import org.ftgan.worker.experiment.ExperimentWorkflowImpl;
import org.ftgan.workflows.PlatformDataConverter;
import org.ftgan.workflows.experiment.ExperimentInput;
import org.junit.jupiter.api.Test;

/**
 * The experiment workflow's input gained {@code runsPerExecution} (so that tests can make it continue
 * as new after a few runs): left unset, its JSON is what it was before, and inputs recorded before it
 * read as the default.
 */
class ExperimentInputPayloadTest {
    @Test
    void anUnsetRunsPerExecutionLeavesTheJsonAsBeforeAndReadsAsTheDefault() {
        Payload p = PlatformDataConverter.INSTANCE.toPayload(ExperimentInput.start("e", 30, 10)).orElseThrow();
        String json = p.getData().toString(StandardCharsets.UTF_8);
        assertFalse(json.contains("runsPerExecution"), json);
        ExperimentInput read = PlatformDataConverter.INSTANCE.fromPayload(p, ExperimentInput.class, ExperimentInput.class);
        assertNull(read.runsPerExecution());
        assertEquals(ExperimentWorkflowImpl.RUNS_PER_EXECUTION, read.runsPerExecutionOr(ExperimentWorkflowImpl.RUNS_PER_EXECUTION));

        ExperimentInput small = ExperimentInput.start("e", 30, 10).withRunsPerExecution(2);
        ExperimentInput back = PlatformDataConverter.INSTANCE.fromPayload(
                PlatformDataConverter.INSTANCE.toPayload(small).orElseThrow(), ExperimentInput.class, ExperimentInput.class);
        assertEquals(small, back);
        assertEquals(2, back.next(2, back.tally(), java.util.List.of()).runsPerExecutionOr(200), "carried across continue-as-new");
    }

    @Test
    void aSearchStateIsLeftOutWhenUnsetAndCarriedWhenSet() {
        ExperimentInput plain = ExperimentInput.start("e", 30, 10);
        String json = PlatformDataConverter.INSTANCE.toPayload(plain).orElseThrow().getData().toString(StandardCharsets.UTF_8);
        assertFalse(json.contains("search"), json);
        assertNull(PlatformDataConverter.INSTANCE.fromPayload(PlatformDataConverter.INSTANCE.toPayload(plain).orElseThrow(),
                ExperimentInput.class, ExperimentInput.class).search());
        String plan = PlatformDataConverter.INSTANCE.toPayload(new org.ftgan.workflows.experiment.RunPlan(4, 2))
                .orElseThrow().getData().toString(StandardCharsets.UTF_8);
        assertFalse(plan.contains("search"), plan);

        ExperimentInput searching = plain.withSearch(6, new org.ftgan.workflows.experiment.SearchState(java.util.List.of(1, 0, 2)));
        ExperimentInput back = PlatformDataConverter.INSTANCE.fromPayload(
                PlatformDataConverter.INSTANCE.toPayload(searching).orElseThrow(), ExperimentInput.class, ExperimentInput.class);
        assertEquals(searching, back);
        assertEquals(java.util.List.of(1, 0, 2), back.search().finished());
        assertEquals(6, back.runCount());
        assertEquals(searching.search(), back.next(3, back.tally(), java.util.List.of()).search(), "carried across continue-as-new");
    }
}
