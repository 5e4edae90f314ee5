package org.ftgan.worker.experiment;

/**
 * What an experiment workflow execution starts from. The first execution has only the id and the
 * timeouts; each continue-as-new carries the prepared dataset, the plan and the tallies so far, so
 * a sweep of thousands of runs never has them all in one history.
 *
 * @param experimentId           the experiments row
 * @param heartbeatTimeoutSeconds training's heartbeat timeout (a dead worker is noticed after this)
 * @param maxAttempts            attempts per training or evaluation activity (retryable failures only)
 * @param dataset                null until prepared
 * @param runCount               runs planned (0 until planned)
 * @param maxParallel            runs at once
 * @param nextRun                index of the next run to start
 * @param tally                  outcomes of the runs finished in earlier executions
 */
public record ExperimentInput(String experimentId, int heartbeatTimeoutSeconds, int maxAttempts,
                              PreparedDatasetRef dataset, int runCount, int maxParallel, int nextRun,
                              RunTally tally) {

    public static ExperimentInput start(String experimentId, int heartbeatTimeoutSeconds, int maxAttempts) {
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, null, 0, 0, 0, RunTally.NONE);
    }

    ExperimentInput next(int nextRun, RunTally tally) {
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, runCount, maxParallel,
                nextRun, tally);
    }

    ExperimentInput planned(PreparedDatasetRef dataset, RunPlan plan) {
        return new ExperimentInput(experimentId, heartbeatTimeoutSeconds, maxAttempts, dataset, plan.runCount(),
                plan.maxParallel(), 0, RunTally.NONE);
    }
}
