package org.ftgan.workflows.bookkeeping;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.workflows.experiment.ContinuableRun;
import org.ftgan.workflows.experiment.PreparedDatasetRef;
import org.ftgan.workflows.experiment.RunPlan;
import org.ftgan.workflows.experiment.SearchPoint;

/**
 * Short PostgreSQL writes the workflows make (task queue {@code workflows}, polled by every worker).
 * Each is idempotent, so a retry after a lost response or a restarted database changes nothing twice.
 */
@ActivityInterface
public interface BookkeepingActivities {
    /** Expands the experiment's sweep into run rows (inserted once) and returns their count. */
    RunPlan planRuns(String experimentId, PreparedDatasetRef dataset);

    /** Sets an experiment's status, with an event carrying the reason (may be null). */
    void setExperimentStatus(String experimentId, ExperimentStatus status, String reason);

    /** Sets a run's status, with an event carrying the reason (may be null). */
    void setRunStatus(String runId, RunStatus status, String reason);

    /** Puts the experiment's runs at these sweep indexes back to queued (a retry); queued ones stay. */
    void requeueRuns(String experimentId, List<Integer> runIndexes, String reason);

    /**
     * Queues the experiment's ended runs at these sweep indexes again with a budget of {@code steps}
     * (their stored config's {@code training.steps}), to train on from their last checkpoints; once per
     * run and budget.
     *
     * @return the attempts each run had recorded before, in the indexes' order
     */
    List<Integer> continueRuns(String experimentId, List<Integer> runIndexes, long steps, String reason);

    /**
     * The named runs of the experiment as they stand now, each with its index and ended outcome, or why it
     * cannot be continued to {@code steps} steps (one that is not the experiment's included). Reads only.
     */
    List<ContinuableRun> checkContinuable(String experimentId, List<String> runIds, long steps);

    /** Marks every run of the experiment that never started as cancelled. */
    void cancelQueuedRuns(String experimentId, String reason);

    /**
     * Proposes search point {@code index} (sweep.search) from the figures of the runs {@code finished} (sweep
     * indexes, in the order their ends arrived) and records its run row (once: a point proposed before is
     * returned as recorded). Deterministic from the definition's seed and that order.
     */
    SearchPoint proposeSearchRun(String experimentId, PreparedDatasetRef dataset, int index, List<Integer> finished);

    /** Records that {@code added} search points were added by request: the run count and an experiment event (once). */
    void recordSearchPointsAdded(String experimentId, int added, int runCount);
}
