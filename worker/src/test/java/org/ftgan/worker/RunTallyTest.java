package org.ftgan.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ftgan.workflows.experiment.RunTally;
import org.ftgan.workflows.run.RunOutcome;
import org.junit.jupiter.api.Test;

/** The experiment's tally when a finished run is queued again to continue, and ends again. */
class RunTallyTest {
    @Test
    void aContinuedRunCountsOnceWithItsNewOutcome() {
        RunTally ended = RunTally.NONE.plus(RunOutcome.SUCCEEDED).plus(RunOutcome.STOPPED_EARLY).plus(RunOutcome.CANCELLED);
        RunTally queuedAgain = ended.minus(RunOutcome.STOPPED_EARLY);
        assertEquals(new RunTally(1, 0, 1, 0), queuedAgain);
        assertEquals(new RunTally(2, 0, 1, 0), queuedAgain.plus(RunOutcome.SUCCEEDED));
        assertEquals(3, queuedAgain.plus(RunOutcome.FAILED).finished());
    }

    @Test
    void takingOutAnOutcomeTheTallyNeverCountedChangesNothing() {
        RunTally one = RunTally.NONE.plus(RunOutcome.SUCCEEDED);
        assertEquals(one, one.minus(RunOutcome.FAILED));
        assertEquals(RunTally.NONE, one.minus(RunOutcome.SUCCEEDED));
        assertEquals(RunTally.NONE, RunTally.NONE.minus(RunOutcome.CANCELLED));
    }
}
