package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RunBudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStepBudgetReplacesStepsOrEpochsAndLeavesTheRestAndTheOriginalAlone() throws Exception {
        ObjectNode byEpochs = (ObjectNode) JSON.readTree("{\"model\":{\"preset\":\"tiny\"},\"training\":{\"epochs\":3,\"lr\":0.001}}");
        ObjectNode continued = RunBudget.withSteps(byEpochs, 900);
        assertEquals(900, continued.path("training").path("steps").asLong());
        assertFalse(continued.path("training").has("epochs"));
        assertEquals(0.001, continued.path("training").path("lr").asDouble());
        assertEquals(byEpochs.get("model"), continued.get("model"));
        assertEquals(3, byEpochs.path("training").path("epochs").asInt());
        assertFalse(byEpochs.path("training").has("steps"));

        ObjectNode bySteps = (ObjectNode) JSON.readTree("{\"training\":{\"steps\":100}}");
        assertEquals(1200, RunBudget.withSteps(bySteps, 1200).path("training").path("steps").asLong());
        assertThrows(IllegalArgumentException.class, () -> RunBudget.withSteps(bySteps, 0));
    }

    @Test
    void theConfigHashIsThePlannersAndChangesWithTheBudget() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("{\"training\":{\"steps\":100,\"lr\":0.001}}");
        RunSpec spec = new RunSpec(0, "r0000", JSON.createObjectNode(), config, 1);
        assertEquals(spec.configHash(), RunBudget.configHash(config));
        // key order does not matter
        assertEquals(RunBudget.configHash(config), RunBudget.configHash(JSON.readTree("{\"training\":{\"lr\":0.001,\"steps\":100}}")));
        assertNotEquals(RunBudget.configHash(config), RunBudget.configHash(RunBudget.withSteps(config, 200)));
    }
}
