package org.ftgan.worker.run;

import io.temporal.client.WorkflowClient;
import org.ftgan.definition.EarlyStopping;
import org.ftgan.names.FigureNames;
import org.ftgan.train.EvaluationPoint;
import org.ftgan.workflows.experiment.ExperimentWorkflow;
import org.ftgan.workflows.experiment.RungReport;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a training run's figure at each step its sweep's early stopping judges to the experiment
 * workflow ({@link ExperimentWorkflow#reportRung}), which decides. Sent at once, from the training
 * thread, after the point is stored; a failure to send is logged and training goes on (the run is then
 * not judged at that step). A retried attempt that evaluates a step again sends it again: the workflow
 * judges each (run, step) once.
 */
final class RungReporter {
    private static final Logger LOG = LoggerFactory.getLogger(RungReporter.class);

    private final WorkflowClient client;
    private final String experimentId;
    private final String runId;
    private final EarlyStopping rule;

    RungReporter(WorkflowClient client, String experimentId, String runId, EarlyStopping rule) {
        this.client = client;
        this.experimentId = experimentId;
        this.runId = runId;
        this.rule = rule;
    }

    void onEvaluation(EvaluationPoint p) {
        if (!rule.judges(p.step())) {
            return;
        }
        RungReport report = new RungReport(runId, p.step(), figure(p, rule.metricKey()));
        try {
            client.newWorkflowStub(ExperimentWorkflow.class, WorkflowIds.experiment(experimentId)).reportRung(report);
        } catch (RuntimeException e) {
            LOG.warn("run {}: {} at step {} not reported to experiment {} for early stopping: {}", runId, rule.metric(),
                    p.step(), experimentId, e.toString());
        }
    }

    /** The figure of a point by its key ({@code e_transfer}). */
    static double figure(EvaluationPoint p, String key) {
        return switch (key) {
            case "e_rec" -> p.reconstruction();
            case "e_id_decomp" -> p.identityDecomposition();
            case "e_neu" -> p.neutralization();
            case "e_transfer" -> p.transfer();
            default -> throw new IllegalArgumentException("no figure " + key + " in an evaluation point; expected one of "
                    + FigureNames.KEYS);
        };
    }
}
