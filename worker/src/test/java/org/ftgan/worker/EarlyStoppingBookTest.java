package org.ftgan.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ftgan.definition.EarlyStopping;
import org.ftgan.records.read.StopReason;
import org.ftgan.workflows.PlatformDataConverter;
import org.ftgan.workflows.experiment.EarlyStoppingBook;
import org.ftgan.workflows.experiment.ExperimentInput;
import org.ftgan.workflows.experiment.RunPlan;
import org.ftgan.workflows.experiment.RunTally;
import org.ftgan.workflows.experiment.RungReport;
import org.ftgan.workflows.run.RunInput;
import org.junit.jupiter.api.Test;

/** The early-stopping rules as the experiment workflow applies them, and the JSON of the inputs that carry them. */
class EarlyStoppingBookTest {
    private static final EarlyStopping ASHA = new EarlyStopping("asha", "E_transfer", "min", 10, 3, 1000);
    private static final EarlyStopping MEDIAN = new EarlyStopping("median", "E_rec", "min", 10, 3, Long.MAX_VALUE);

    private static boolean stops(EarlyStoppingBook book, String run, long step, double value) {
        EarlyStoppingBook.Decision d = book.judge(new RungReport(run, step, value));
        return d != null && d.stop();
    }

    @Test
    void ashaKeepsTheTopThirdOfTheRunsAtARungSoFar() {
        EarlyStoppingBook book = new EarlyStoppingBook(ASHA, List.of());
        assertFalse(stops(book, "a", 10, 2.0), "the first at a rung continues");
        assertTrue(stops(book, "b", 10, 3.0), "of two, only the best continues");
        assertFalse(stops(book, "c", 10, 1.0), "a new best continues");
        assertTrue(stops(book, "d", 10, 2.5));
        assertTrue(stops(book, "e", 10, 2.0), "of five, one continues: a and c are better");
        // six runs: the best two continue; f is second best
        assertFalse(stops(book, "f", 10, 1.5));
        // the next rung is judged among the runs that reach it
        assertFalse(stops(book, "a", 30, 5.0));
        assertTrue(stops(book, "c", 30, 6.0));
        assertNull(book.judge(new RungReport("a", 20, 9.0)), "not a rung");
        assertNull(book.judge(new RungReport("a", 10, 9.0)), "judged once");
        assertNull(book.judge(new RungReport("b", 30, 0.1)), "b was stopped");
        assertNull(book.judge(new RungReport("a", 1000, 0.1)), "max_steps and after are not judged");
    }

    @Test
    void ashaRanksNanLastAndTiesContinue() {
        EarlyStoppingBook book = new EarlyStoppingBook(ASHA, List.of());
        assertFalse(stops(book, "a", 10, 2.0));
        assertFalse(stops(book, "b", 10, 2.0), "a tie is not better");
        assertTrue(stops(book, "c", 10, Double.NaN));
        EarlyStoppingBook nanFirst = new EarlyStoppingBook(ASHA, List.of());
        assertFalse(stops(nanFirst, "a", 10, Double.NaN));
        assertFalse(stops(nanFirst, "b", 10, 5.0), "anything beats NaN");
    }

    @Test
    void maxModeKeepsTheHighest() {
        EarlyStoppingBook book = new EarlyStoppingBook(new EarlyStopping("asha", "E_rec", "max", 10, 2, 100), List.of());
        assertFalse(stops(book, "a", 10, 2.0));
        assertTrue(stops(book, "b", 10, 1.0));
        assertFalse(stops(book, "c", 10, 3.0));
    }

    @Test
    void medianStopsWhatIsWorseThanTheOthersMedianAtTheSameStep() {
        EarlyStoppingBook book = new EarlyStoppingBook(MEDIAN, List.of());
        assertFalse(stops(book, "a", 10, 2.0), "alone at the step");
        assertTrue(stops(book, "b", 10, 3.0), "the median of [2] is better");
        assertFalse(stops(book, "c", 10, 2.5), "the median of [2, 3] is 2.5: not better");
        assertTrue(stops(book, "d", 20, 1.0) == false && stops(book, "a", 20, 1.5), "every evaluation step is judged");
        assertNull(book.judge(new RungReport("a", 5, 0.0)), "before min_steps");
    }

    @Test
    void everyStopReasonNamesItsStepFigureAndCutoffAsTheDashboardReadsThem() {
        // the run's stopped_early event carries the reason; records' StopReason reads it back for the rungs
        EarlyStoppingBook asha = new EarlyStoppingBook(ASHA, List.of());
        asha.judge(new RungReport("a", 10, 2.0));
        asha.judge(new RungReport("b", 10, 1.0));
        EarlyStoppingBook.Decision lost = asha.judge(new RungReport("c", 10, 3.0));
        assertTrue(lost.stop());
        assertEquals(new StopReason(10, "E_transfer", 3.0, 1.0), StopReason.parse("stopped early by the sweep at " + lost.reason()).orElseThrow(),
                lost.reason());
        EarlyStoppingBook median = new EarlyStoppingBook(MEDIAN, List.of());
        median.judge(new RungReport("a", 10, 2.0));
        median.judge(new RungReport("b", 10, 4.0));
        EarlyStoppingBook.Decision worse = median.judge(new RungReport("c", 10, 3.5));
        assertTrue(worse.stop());
        assertEquals(new StopReason(10, "E_rec", 3.5, 3.0), StopReason.parse(worse.reason()).orElseThrow(), worse.reason());
    }

    @Test
    void decisionsCarriedAcrossContinueAsNewAreNotMadeAgain() {
        EarlyStoppingBook first = new EarlyStoppingBook(ASHA, List.of());
        stops(first, "a", 10, 1.0);
        stops(first, "b", 10, 2.0);
        EarlyStoppingBook next = new EarlyStoppingBook(ASHA, first.judged());
        assertNull(next.judge(new RungReport("b", 10, 2.0)), "judged in the earlier execution");
        assertTrue(stops(next, "c", 10, 1.5), "judged against the earlier figures too");
    }

    @Test
    void inputsWithoutEarlyStoppingKeepTheirJson() {
        String start = json(ExperimentInput.start("e", 30, 10));
        assertFalse(start.contains("earlyStopping") || start.contains("rungReports") || start.contains("stoppedEarly"), start);
        String run = json(new RunInput("r", "e", null, 30, 10));
        assertFalse(run.contains("earlyStopping"), run);
        assertEquals("{\"runCount\":2,\"maxParallel\":1}", json(new RunPlan(2, 1)));
        assertEquals("{\"succeeded\":1,\"failed\":0,\"cancelled\":0}", json(new RunTally(1, 0, 0)));

        ExperimentInput planned = ExperimentInput.start("e", 30, 10).planned(null, new RunPlan(2, 1, ASHA))
                .next(1, RunTally.NONE.plus(org.ftgan.workflows.run.RunOutcome.STOPPED_EARLY), List.of(),
                        List.of(new RungReport("r", 10, 1.5)));
        ExperimentInput back = PlatformDataConverter.INSTANCE.fromPayload(PlatformDataConverter.INSTANCE.toPayload(planned).orElseThrow(),
                ExperimentInput.class, ExperimentInput.class);
        assertEquals(planned, back);
        assertEquals(1, back.tally().stoppedEarly());
    }

    private static String json(Object o) {
        return PlatformDataConverter.INSTANCE.toPayload(o).orElseThrow().getData().toString(StandardCharsets.UTF_8);
    }
}
