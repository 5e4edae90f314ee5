package org.ftgan.worker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ftgan.definition.ExperimentDefinition;
import org.ftgan.definition.Search;
import org.ftgan.definition.Sweep;
import org.ftgan.definition.Tpe;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.EventRow;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;
import org.ftgan.workflows.ActionRefusedException;
import org.ftgan.workflows.ExperimentActions;
import org.ftgan.workflows.ExperimentSubmitter;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TPE search sweep (sweep.search) end to end on the real Temporal dev server and PostgreSQL: points are
 * proposed while the sweep runs, each from the figures of the runs before it, and points added by request
 * while it runs are run too, across a continue-as-new.
 *
 * <p>The figure depends on the one swept key by construction: the learning rate is drawn log-uniformly from
 * 1e-12 (the weights do not move) to 1e-2. Runs train one at a time (max_parallel 1), so each point is
 * proposed after every earlier run has finished: point j is what {@link Tpe} proposes from runs 0..j-1 in
 * index order with their recorded figures. That is checked here for every point, so the platform's points are
 * a function of the seed and the observations alone (the same definition gives the same points), whatever the
 * figures' last digits on this machine.
 */
class SearchWorkflowTest {
    private static final Duration LONG = Duration.ofMinutes(8);

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
            WorkflowHistoryRecorder.recordIfAsked(platform.client.client());
            platform.close();
        }
    }

    @Test
    void aTpeSearchProposesFromTheFinishedRunsRunsExactlyItsPointsAndRunsPointsAddedWhileItRuns() throws Exception {
        String yaml = """
                name: tpe-search
                description: search platform test
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: 30, batch: 4, seed: 1, log_every: 10}
                evaluation: {triplets: 20, seed: 1, pool: all, every_steps: 0}
                sweep:
                  max_parallel: 1
                  search:
                    method: tpe
                    n: 4
                    seed: 5
                    n_startup: 2
                    metric: E_rec
                    space: {training: {lr: {log_uniform: [1.0e-12, 1.0e-2]}}}
                """;
        // four runs per workflow execution: the two points added make it continue as new with the search's state
        ExperimentSubmitter submitter = new ExperimentSubmitter(platform.client.client(), platform.records.experiments(),
                new ExperimentSubmitter.Options(PlatformFixture.HEARTBEAT_TIMEOUT_SECONDS, 5, 4));
        ExperimentActions actions = new ExperimentActions(submitter, platform.records);
        platform.startWorker();
        ExperimentSubmitter.Submission submitted = submitter.submit(yaml, "search.yaml", Map.of(), "platform-test");
        String id = submitted.experimentId();
        assertEquals(4, submitted.runCount());

        // while its first run trains (three points still to come), two more points are asked for
        PlatformFixture.await("the first point to be proposed", LONG, () -> !platform.records.runs().listByExperiment(id).isEmpty()
                || platform.records.experiments().find(id).orElseThrow().status().isTerminal());
        actions.addSearchPoints(id, 2);
        PlatformFixture.await("the experiment to end", LONG, () -> platform.records.experiments().find(id).orElseThrow()
                .status().isTerminal());
        List<EventRow> events = platform.records.events().listByExperiment(id);
        assertEquals(ExperimentStatus.SUCCEEDED, platform.records.experiments().find(id).orElseThrow().status(),
                () -> "events: " + events.stream().map(e -> e.runId() + " " + e.status() + ": " + e.reason()).toList());
        platform.assertRecordsAgreeWithTemporal(id);

        // exactly n + 2 runs, each trained and evaluated, and the addition recorded once as an event
        List<RunRow> runs = new ArrayList<>(platform.records.runs().listByExperiment(id));
        runs.sort(Comparator.comparingInt(RunRow::runIndex));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), runs.stream().map(RunRow::runIndex).toList());
        assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED), runs.toString());
        assertEquals(6, platform.records.experiments().find(id).orElseThrow().runCount());
        List<EventRow> added = events.stream().filter(e -> e.runId() == null && e.reason() != null
                && e.reason().startsWith("2 search points added by request")).toList();
        assertEquals(1, added.size(), events.toString());
        assertEquals("2 search points added by request: 6 in all", added.get(0).reason());

        // every point is the one TPE proposes from the runs before it, in order, with their recorded figures
        Search search = ExperimentDefinition.parse(yaml, "search.yaml", Map.of()).sweep().search();
        Sweep sweep = ExperimentDefinition.parse(yaml, "search.yaml", Map.of()).sweep();
        List<Tpe.Observation> seen = new ArrayList<>();
        for (RunRow run : runs) {
            JsonNode proposed = Tpe.propose(search, run.runIndex(), seen);
            assertEquals(proposed.path("training").path("lr").asDouble(), run.overrides().path("training").path("lr").asDouble(),
                    "point " + run.runIndex() + " from " + seen);
            if (run.runIndex() < search.startup()) {
                // before n_startup figures, the random sweep's draws
                assertEquals(sweep.run(run.runIndex()).overrides().path("training").path("lr").asDouble(),
                        run.overrides().path("training").path("lr").asDouble());
            }
            double lr = run.overrides().path("training").path("lr").asDouble();
            assertTrue(lr >= 1e-12 && lr < 1e-2, "lr " + lr);
            assertEquals(lr, run.config().path("training").path("lr").asDouble(), "the run trains with its point");
            seen.add(new Tpe.Observation(run.overrides(), figure(run.id())));
        }
        assertFalse(seen.stream().anyMatch(o -> Double.isNaN(o.figure())), seen.toString());

        // once it has ended, no point can be added; nor to an experiment that does not exist
        ActionRefusedException ended = assertThrows(ActionRefusedException.class, () -> actions.addSearchPoints(id, 1));
        assertEquals(ActionRefusedException.Reason.CONFLICT, ended.reason());
        assertEquals(ActionRefusedException.Reason.NOT_FOUND,
                assertThrows(ActionRefusedException.class, () -> actions.addSearchPoints("no-such-experiment", 1)).reason());

        // its best run continued to 40 steps: planned again, the search keeps its six runs, one of them longer
        ExperimentActions.Continuation c = actions.continueRuns(id, 40, null, 1, null);
        assertEquals(1, c.runIds().size());
        platform.client.client().newUntypedWorkflowStub(WorkflowIds.experiment(id))
                .getResult(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS, ExperimentStatus.class);
        assertEquals(ExperimentStatus.SUCCEEDED, platform.records.experiments().find(id).orElseThrow().status());
        assertEquals(6, platform.records.experiments().find(id).orElseThrow().runCount(), "the added points still count");
        RunRow longer = platform.records.runs().find(c.runIds().get(0)).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, longer.status());
        assertEquals(40L, longer.lastStep());
        assertEquals(6, platform.records.runs().listByExperiment(id).size(), "no point was proposed again");
    }

    @Test
    void aPointAddedWhileTheLastRunTrainsIsRunToo() throws Exception {
        String yaml = """
                name: random-search-tail
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {steps: 150, batch: 4, seed: 1, log_every: 10}
                evaluation: {triplets: 20, seed: 1, pool: all, every_steps: 0}
                sweep:
                  search: {method: random, n: 1, seed: 2, space: {loss: {lambda_srec: {uniform: [0.1, 1.0]}}}}
                """;
        ExperimentActions actions = new ExperimentActions(platform.submitter, platform.records);
        platform.startWorker();
        String id = platform.submit(yaml);
        // its one point has been proposed and trains (150 steps: tens of seconds, while the signal takes well under
        // one): the workflow waits for it, where a point added is started as well
        PlatformFixture.await("the point to be proposed", LONG, () -> !platform.records.runs().listByExperiment(id).isEmpty()
                || platform.records.experiments().find(id).orElseThrow().status().isTerminal());
        actions.addSearchPoints(id, 1);
        PlatformFixture.await("the experiment to end", LONG, () -> platform.records.experiments().find(id).orElseThrow()
                .status().isTerminal());
        List<RunRow> runs = platform.records.runs().listByExperiment(id);
        assertEquals(ExperimentStatus.SUCCEEDED, platform.records.experiments().find(id).orElseThrow().status(),
                () -> platform.records.events().listByExperiment(id).stream().map(e -> e.runId() + " " + e.status() + ": " + e.reason()).toList().toString());
        assertEquals(2, runs.size(), runs.toString());
        assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED), runs.toString());
        // random search: point j is sweep.random's point j, figures or not
        Sweep sweep = ExperimentDefinition.parse(yaml, "tail.yaml", Map.of()).sweep();
        for (RunRow r : runs) {
            assertEquals(Tpe.propose(sweep.search(), r.runIndex(), List.of()), r.overrides());
        }
        platform.assertRecordsAgreeWithTemporal(id);
    }

    private static double figure(String runId) {
        return platform.records.results().list(runId).stream()
                .filter(r -> r.metric().equals("e_rec") && r.method().equals("facetunegan") && r.expression().equals(ResultRow.OVERALL))
                .mapToDouble(ResultRow::mean).findFirst().orElse(Double.NaN);
    }
}
