package org.ftgan.workflows.experiment;

import java.util.List;

/**
 * A request, sent to a running experiment's workflow, to continue some of its ended runs to a budget of
 * {@code steps} steps from their last checkpoints ({@link ExperimentWorkflow#continueRuns}). The runs are
 * named by id; the API has resolved "the top K" to ids when it was asked.
 */
public record ContinueRequest(List<String> runIds, long steps) {
    public ContinueRequest {
        runIds = List.copyOf(runIds);
    }
}
