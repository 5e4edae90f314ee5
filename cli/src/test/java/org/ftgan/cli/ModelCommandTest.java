package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelCommandTest {
    @Test
    void comaSummaryHasTheParameterCountsOfModelMd() {
        CliRun run = CliRun.of("model", "summary", "--config", "coma");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out().replace(",", "");
        for (String count : new String[] {"1487812", "257860", "894067", "284369"}) {
            assertTrue(out.contains(count), count + " in\n" + run.out());
        }
    }

    @Test
    void unknownConfigIsRefusedWithItsName() {
        CliRun run = CliRun.of("model", "summary", "--config", "huge");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("huge"), run.err());
    }
}
