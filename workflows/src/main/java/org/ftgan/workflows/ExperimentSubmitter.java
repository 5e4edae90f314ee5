package org.ftgan.workflows;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Map;
import org.ftgan.definition.ExperimentDefinition;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.records.ExperimentRecords;
import org.ftgan.records.NewExperiment;
import org.ftgan.workflows.experiment.ExperimentInput;
import org.ftgan.workflows.experiment.ExperimentWorkflow;
import org.ftgan.workflows.experiment.WorkflowIds;

/**
 * Submits experiment definitions: validates (every problem, with its path, before anything is
 * stored), records the experiment, and starts its workflow. The experiment id is the definition's
 * name and hash, so the same definition submitted twice is one experiment run once; the workflow is
 * started even when the row exists already (an earlier submission may have stopped in between).
 */
public final class ExperimentSubmitter {
    /**
     * @param heartbeatTimeoutSeconds how soon a dead training worker is noticed
     * @param maxAttempts             attempts of a training or evaluation activity before the run fails
     * @param runsPerExecution        child runs per experiment workflow execution before it continues as new;
     *                                null for the workflow's default (tests set it small)
     */
    public record Options(int heartbeatTimeoutSeconds, int maxAttempts, Integer runsPerExecution) {
        public static final Options DEFAULTS = new Options(30, 10);

        public Options(int heartbeatTimeoutSeconds, int maxAttempts) {
            this(heartbeatTimeoutSeconds, maxAttempts, null);
        }
    }

    /** @param alreadySubmitted true when this definition had been submitted before (nothing new started) */
    public record Submission(String experimentId, String definitionHash, long runCount, boolean alreadySubmitted) {
    }

    private final WorkflowClient client;
    private final ExperimentRecords experiments;
    private final Options options;

    public ExperimentSubmitter(WorkflowClient client, ExperimentRecords experiments, Options options) {
        this.client = client;
        this.experiments = experiments;
        this.options = options;
    }

    /** The id an experiment of this definition gets. */
    public static String experimentId(ExperimentDefinition definition) {
        return definition.name() + "-" + definition.hash().substring(0, 10);
    }

    /**
     * @param text       the definition as YAML or JSON
     * @param sourceName names it in problems (a file name, or "request body")
     * @param env        variables for ${VAR} in the definition
     * @throws org.ftgan.definition.InvalidDefinitionException listing every problem; nothing is stored
     */
    public Submission submit(String text, String sourceName, Map<String, String> env, String submitter) {
        ExperimentDefinition definition = ExperimentDefinition.parse(text, sourceName, env);
        String id = experimentId(definition);
        boolean inserted = experiments.insertIfAbsent(new NewExperiment(id, definition.name(), definition.description(),
                definition.tags(), definition.toJson(), text, definition.hash(), submitter));
        boolean started = startWorkflow(ExperimentInput.start(id, options.heartbeatTimeoutSeconds(), options.maxAttempts())
                        .withRunsPerExecution(options.runsPerExecution()), WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
        return new Submission(id, definition.hash(), definition.sweep().size(), !inserted && !started);
    }

    /**
     * Starts the experiment's workflow with {@code input}.
     *
     * @return false when a workflow with the experiment's id is running (or, with REJECT_DUPLICATE, ever ran)
     */
    boolean startWorkflow(ExperimentInput input, WorkflowIdReusePolicy reuse) {
        ExperimentWorkflow workflow = client.newWorkflowStub(ExperimentWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.experiment(input.experimentId()))
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .setWorkflowIdReusePolicy(reuse)
                .build());
        try {
            WorkflowClient.start(workflow::run, input);
            return true;
        } catch (WorkflowExecutionAlreadyStarted e) {
            return false;
        }
    }

    Options options() {
        return options;
    }

    /** Cancels an experiment: its running runs checkpoint and stop, queued ones never start. */
    public void cancelExperiment(String experimentId) {
        client.newUntypedWorkflowStub(WorkflowIds.experiment(experimentId)).cancel();
    }

    /** True when Temporal runs the workflow {@code workflowId} now (false: closed in any way, or unknown). */
    public boolean workflowRunning(String workflowId) {
        try {
            return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                    io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                            .build())
                    .getWorkflowExecutionInfo().getStatus()
                    == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Cancels one run; its siblings go on. */
    public void cancelRun(String runId) {
        client.newUntypedWorkflowStub(WorkflowIds.run(runId)).cancel();
    }

    /**
     * Asks the experiment's workflow to cancel one of its runs that has no workflow yet: it is recorded
     * cancelled and never starts; its siblings go on.
     *
     * @throws io.temporal.client.WorkflowNotFoundException when the experiment's workflow is not running
     */
    public void cancelQueuedRun(String experimentId, String runId) {
        client.newWorkflowStub(ExperimentWorkflow.class, WorkflowIds.experiment(experimentId)).cancelRun(runId);
    }

    /** Signals a search sweep's experiment workflow to add {@code count} points ({@link ExperimentWorkflow#addSearchPoints}). */
    public void addSearchPoints(String experimentId, int count) {
        client.newWorkflowStub(ExperimentWorkflow.class, WorkflowIds.experiment(experimentId)).addSearchPoints(count);
    }

    /**
     * Signals the experiment's running workflow to continue ended runs to a larger budget
     * ({@link ExperimentWorkflow#continueRuns}).
     *
     * @throws io.temporal.client.WorkflowNotFoundException when the experiment's workflow is not running
     */
    public void continueRuns(String experimentId, org.ftgan.workflows.experiment.ContinueRequest request) {
        client.newWorkflowStub(ExperimentWorkflow.class, WorkflowIds.experiment(experimentId)).continueRuns(request);
    }

    /**
     * Signals the experiment's workflow to run at most {@code maxParallel} runs at once from now on.
     *
     * @throws io.temporal.client.WorkflowNotFoundException when the experiment's workflow is not running
     */
    public void setMaxParallel(String experimentId, int maxParallel) {
        client.newWorkflowStub(ExperimentWorkflow.class, WorkflowIds.experiment(experimentId)).setMaxParallel(maxParallel);
    }

    /**
     * Asks the Temporal frontend for its system info, waiting at most {@code timeout}.
     *
     * @throws RuntimeException (a gRPC status exception) when Temporal does not answer in time
     */
    public void checkTemporal(java.time.Duration timeout) {
        client.getWorkflowServiceStubs().blockingStub()
                .withDeadlineAfter(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
    }

    /** Waits for the experiment's workflow to end and returns its final status. */
    public ExperimentStatus awaitExperiment(String experimentId) {
        WorkflowStub stub = client.newUntypedWorkflowStub(WorkflowIds.experiment(experimentId));
        return stub.getResult(ExperimentStatus.class);
    }
}
