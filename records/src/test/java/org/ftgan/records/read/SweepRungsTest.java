package org.ftgan.records.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.ExperimentRecords;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.RunRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's rungs, best-so-far line and steps on a real PostgreSQL, from records written as the
 * platform writes them: an ASHA sweep (min_steps 20, reduction factor 3, budget 160) whose winner r0
 * trained its budget and whose three losers were stopped at the first rung, one of them (r1) after it
 * had evaluated step 40 too, one (r3) with a reason written before reasons named the cut-off.
 */
class SweepRungsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BUDGET = 160;

    @TempDir
    static Path dir;
    static EmbeddedDatabase pg;
    static Database db;

    @BeforeAll
    static void start() {
        pg = EmbeddedDatabase.start(dir, 0);
        db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
        db.migrate();
        ObjectNode definition = JSON.createObjectNode().put("name", "asha");
        definition.putObject("sweep").putObject("early_stopping").put("method", "asha").put("metric", "E_rec")
                .put("min_steps", 20).put("reduction_factor", 3);
        seed("asha", definition, 4);
        ObjectNode plain = JSON.createObjectNode().put("name", "plain");
        plain.putObject("sweep").putObject("grid");
        seed("plain", plain, 2);

        RunRecords runs = new RunRecords(db);
        EvaluationCurveRecords curves = new EvaluationCurveRecords(db);
        // the winner first (max_parallel 1): every 20 steps, better each time
        runs.markAttemptStarted("asha-r0", 1, "w");
        for (long s = 20; s <= BUDGET; s += 20) {
            curves.upsert("asha-r0", point(s, 5.0 - s / 80.0));
        }
        runs.updateProgress("asha-r0", BUDGET, null, null);
        runs.setStatus("asha-r0", RunStatus.SUCCEEDED, null, 1);
        // the losers, worse at the first rung, stopped there
        stop(runs, curves, "asha-r1", List.of(20L, 40L), 40, "stopped early by the sweep at rung 20: E_rec 9.000 is not among the best 1"
                + " of the 2 runs that reached it (cut-off 4.750; 1 better; asha, reduction factor 3); its figures so far, best and last"
                + " checkpoints are kept");
        stop(runs, curves, "asha-r2", List.of(20L), 20, "stopped early by the sweep at rung 20: E_rec 9.000 is not among the best 1"
                + " of the 3 runs that reached it (cut-off 4.750; 2 better; asha, reduction factor 3); its figures so far, best and last"
                + " checkpoints are kept");
        stop(runs, curves, "asha-r3", List.of(20L), 20, "stopped early by the sweep at rung 20: E_rec 9.000 is not among the best 1"
                + " of the 4 runs that reached it (3 better; asha, reduction factor 3); its figures so far, best and last checkpoints are kept");

        runs.markAttemptStarted("plain-r0", 1, "w");
        curves.upsert("plain-r0", point(50, 3.0));
        runs.updateProgress("plain-r0", 60, null, null);
    }

    private static void seed(String id, ObjectNode definition, int n) {
        new ExperimentRecords(db).insertIfAbsent(new NewExperiment(id, id, "", List.of(), definition, "name: " + id + "\n", "h-" + id, "test"));
        List<PlannedRun> planned = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            planned.add(new PlannedRun(id + "-r" + i, id, i, "r" + i, JSON.createObjectNode(), JSON.createObjectNode(), "c" + i, "h-" + id,
                    null, "v", 1, BUDGET));
        }
        new RunRecords(db).insertIfAbsent(planned);
    }

    private static void stop(RunRecords runs, EvaluationCurveRecords curves, String run, List<Long> evaluated, long last, String reason) {
        runs.markAttemptStarted(run, 1, "w");
        for (long s : evaluated) {
            curves.upsert(run, point(s, 9.0));
        }
        runs.updateProgress(run, last, null, null);
        runs.setStatus(run, RunStatus.STOPPED_EARLY, reason, 1);
    }

    /** A point whose E_rec is {@code eRec}; the other figures are not judged here. */
    private static EvaluationCurveRecords.Point point(long step, double eRec) {
        return new EvaluationCurveRecords.Point(step, eRec, 0.1, 1.0, 2.0, 2.5, 10, 0.1);
    }

    @AfterAll
    static void stop() {
        db.close();
        pg.stop();
    }

    @Test
    void rungsNameWhereEachRunStoppedOnWhatFigureAgainstWhatCutoffAndWhichWentOn() {
        SweepRungs.Answer a = new SweepRungs(db).read("asha");
        assertEquals(new SweepRungs.Rule("asha", "E_rec", "min", 20, 3, null), a.rule());
        assertEquals("E_rec", a.metric());
        // judged steps 20 and 60 (180 is past the budget); 40 is no rung
        assertEquals(List.of(new SweepRungs.Rung(20, 4, 3, 1), new SweepRungs.Rung(60, 1, 0, 1)), a.rungs());
        assertEquals(List.of("asha-r0", "asha-r1", "asha-r2", "asha-r3"), a.runs().stream().map(SweepRungs.Run::id).toList());

        SweepRungs.Run winner = a.runs().get(0);
        assertEquals(RunStatus.SUCCEEDED, winner.status());
        assertNull(winner.stopped());
        assertEquals(List.of(new SweepRungs.Cell(20, 4.75, false), new SweepRungs.Cell(60, 4.25, false)), winner.rungs());

        for (SweepRungs.Run loser : a.runs().subList(1, 4)) {
            assertEquals(RunStatus.STOPPED_EARLY, loser.status());
            assertEquals(List.of(new SweepRungs.Cell(20, 9.0, true)), loser.rungs(), loser.id() + ": its figure after the stop is no rung");
            assertEquals(20, loser.stopped().step());
            assertEquals(9.0, loser.stopped().value());
            assertTrue(loser.stopped().reason().startsWith("stopped early by the sweep at rung 20"), loser.stopped().reason());
            assertNotNull(loser.stopped().at());
        }
        assertEquals(4.75, a.runs().get(1).stopped().cutoff());
        assertEquals(4.75, a.runs().get(2).stopped().cutoff());
        assertNull(a.runs().get(3).stopped().cutoff(), "a reason without a cut-off: not known");
    }

    @Test
    void stepsSavedAreTheStoppedRunsUntrainedBudget() {
        SweepRungs.Steps s = new SweepRungs(db).read("asha").steps();
        assertEquals(new SweepRungs.Steps(4 * BUDGET, BUDGET + 40 + 20 + 20, (BUDGET - 40) + 2 * (BUDGET - 20), 0, 3), s);
        // a run still training: its rest of the budget is ahead, not saved
        SweepRungs.Answer plain = new SweepRungs(db).read("plain");
        assertEquals(new SweepRungs.Steps(2 * BUDGET, 60, 0, 2 * BUDGET - 60, 0), plain.steps());
    }

    @Test
    void bestSoFarFallsWithEveryImprovementOverTimeAndStepsSpent() {
        List<SweepRungs.BestPoint> best = new SweepRungs(db).read("asha").bestSoFar();
        // each of the winner's eight evaluations improved the best; the losers' points only add steps
        assertEquals(9, best.size(), best.toString());
        for (int i = 1; i < best.size(); i++) {
            assertTrue(best.get(i).value() <= best.get(i - 1).value(), "never worse: " + best);
            assertTrue(best.get(i).stepsSpent() >= best.get(i - 1).stepsSpent(), "steps spent never fall: " + best);
            assertFalse(best.get(i).at().isBefore(best.get(i - 1).at()), "in time order: " + best);
            assertTrue(best.get(i).elapsedSeconds() >= 0);
        }
        assertEquals(new SweepRungs.BestPoint(best.get(0).at(), best.get(0).elapsedSeconds(), 20, 4.75, "asha-r0", 20), best.get(0));
        SweepRungs.BestPoint last = best.get(best.size() - 1);
        assertEquals(3.0, last.value());
        assertEquals("asha-r0", last.runId());
        assertEquals(BUDGET, last.step());
        // every run's latest evaluated step: 160 + 40 + 20 + 20
        assertEquals(240, last.stepsSpent());
        assertEquals(BUDGET, best.get(best.size() - 2).stepsSpent());
    }

    @Test
    void aSweepWithoutEarlyStoppingHasNoRungsButItsBestTransferLine() {
        SweepRungs.Answer a = new SweepRungs(db).read("plain");
        assertNull(a.rule());
        assertEquals("E_transfer", a.metric());
        assertEquals(List.of(), a.rungs());
        assertTrue(a.runs().stream().allMatch(r -> r.rungs().isEmpty() && r.stopped() == null));
        assertEquals(List.of(2.0), a.bestSoFar().stream().map(SweepRungs.BestPoint::value).toList());
        assertEquals(List.of("no experiment with id 'nope'"),
                assertThrows(NotFoundException.class, () -> new SweepRungs(db).read("nope")).details());
    }

    @Test
    void stopReasonsOfBothRulesParse() {
        assertEquals(new StopReason(1000, "E_transfer", 3.25, 2.5), StopReason.parse("stopped early by the sweep at rung 1000: E_transfer"
                + " 3.250 is not among the best 3 of the 9 runs that reached it (cut-off 2.500; 4 better; asha, reduction factor 3)").orElseThrow());
        assertEquals(new StopReason(40, "E_rec", 9.0, 4.4), StopReason.parse("stopped early by the sweep at step 40: E_rec 9.000 is worse"
                + " than the median 4.400 of the 3 other runs there (median rule); its figures so far, best and last checkpoints are kept")
                .orElseThrow());
        StopReason nan = StopReason.parse("at rung 20: E_neu NaN is not among the best 1 of the 2 runs that reached it (cut-off 1.000e-05;"
                + " 1 better; asha, reduction factor 2)").orElseThrow();
        assertTrue(Double.isNaN(nan.value()));
        assertEquals(1.0e-5, nan.cutoff());
        assertTrue(StopReason.parse("cancelled by request").isEmpty());
        assertTrue(StopReason.parse(null).isEmpty());
    }
}
