package org.ftgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command group answers --help with its usage, as README.md promises for every subcommand. */
class CommandGroupHelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"mesh", "data", "topology", "model"})
    void helpPrintsTheGroupsUsage(String group) {
        for (String option : new String[] {"--help", "-h"}) {
            CliRun run = CliRun.of(group, option);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("Usage: ftgan " + group), run.out());
            assertTrue(run.out().contains("Commands:"), run.out());
        }
    }
}
