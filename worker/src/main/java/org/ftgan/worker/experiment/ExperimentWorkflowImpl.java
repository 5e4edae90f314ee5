package org.ftgan.worker.experiment;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftgan.definition.EarlyStopping;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.worker.ActivityStubs;
import org.ftgan.worker.Failures;
import org.ftgan.worker.run.RunIds;
import org.ftgan.workflows.TaskQueues;
import org.ftgan.workflows.bookkeeping.BookkeepingActivities;
import org.ftgan.workflows.experiment.ContinuableRun;
import org.ftgan.workflows.experiment.ContinueRequest;
import org.ftgan.workflows.experiment.EarlyStoppingBook;
import org.ftgan.workflows.experiment.ExperimentActivities;
import org.ftgan.workflows.experiment.ExperimentInput;
import org.ftgan.workflows.experiment.ExperimentWorkflow;
import org.ftgan.workflows.experiment.PreparedDatasetRef;
import org.ftgan.workflows.experiment.RunPlan;
import org.ftgan.workflows.experiment.RunTally;
import org.ftgan.workflows.experiment.RungReport;
import org.ftgan.workflows.experiment.SearchBook;
import org.ftgan.workflows.experiment.WorkflowIds;
import org.ftgan.workflows.run.RunInput;
import org.ftgan.workflows.run.RunOutcome;
import org.ftgan.workflows.run.RunWorkflow;

/**
 * See {@link ExperimentWorkflow}. Curves and metrics never pass through here (activities write
 * them to PostgreSQL); the history holds ids, counts and one event group per child run. After
 * {@link #RUNS_PER_EXECUTION} child runs (or the input's {@code runsPerExecution}, which tests set
 * small) the workflow drains its running children and continues as new, so a sweep of thousands of
 * runs keeps every history small (parallelism dips briefly at each such boundary).
 *
 * <p>One run can be cancelled while its siblings go on: a cancelled run's workflow ends as cancelled
 * and is counted so; {@link #cancelRun} (a signal) asks for one run's cancellation, handled where the
 * workflow waits for a run to end or starts the next one: a run not started yet is recorded
 * cancelled and skipped when its turn comes (also after a continue-as-new, which carries it), one
 * that has started is cancelled as a workflow.
 *
 * <p>Early stopping (sweep.early_stopping, {@link EarlyStoppingBook}): a run's training reports its
 * figure at each judged step ({@link #reportRung}, a signal, so every report is in the history); the
 * workflow judges the reports in their order of arrival where it handles cancellation requests, and
 * signals a loser to stop ({@code RunWorkflow.stopEarly}). The decisions are workflow state, rebuilt
 * on replay from the same signals, so a restarted worker loses none and makes none twice; the judged
 * figures travel across continue-as-new in the input.
 *
 * <p>Search (sweep.search, {@link SearchBook}): no run is planned up front; each time a slot is free the
 * next point is proposed by an activity ({@code proposeSearchRun}, which writes its run row) from the
 * figures of the runs that have finished so far, in the order their ends arrived here, and started.
 * {@link #addSearchPoints} (a signal) raises the number of points; the addition is recorded as an event
 * before it is used. The order and the number travel across continue-as-new in the input.
 *
 * <p>Budgets change while it runs: {@link #setMaxParallel} (a signal) sets how many runs train at once,
 * carried across continue-as-new. Ended runs are continued to a larger step budget from their last
 * checkpoints, without early stopping: while the experiment runs, by {@link #continueRuns} (a signal: the
 * runs still continuable when it is handled are queued again and take the next free slots, ahead of the
 * sweep's next run; each execution drains them before it continues as new); once it has ended, by
 * starting it again as a continuation ({@link ExperimentInput#continuation}), like a retry.
 *
 * <p>Requests that arrive while the experiment writes its report and final status (search points, a
 * continuation) are not dropped: the experiment runs again for them and ends again (change id
 * {@value #LATE_REQUESTS}).
 */
public class ExperimentWorkflowImpl implements ExperimentWorkflow {
    /** Child runs started per workflow execution before continuing as new, unless the input sets another number. */
    public static final int RUNS_PER_EXECUTION = 200;
    /**
     * Change id (Workflow.getVersion) of single-run cancellation. From version 1 a run whose workflow
     * ends cancelled is counted and the sweep goes on (before, the wait that saw it threw, which ended
     * the experiment), and {@link #cancelRun} cancels a run that has not started. Asked only where the
     * two versions part (a run's workflow failed, a request arrived), so histories recorded before
     * replay the old way there, and a running experiment takes the new way from its next such point.
     */
    static final String SINGLE_RUN_CANCELLATION = "single-run-cancellation";
    /**
     * Change id of early stopping: from version 1 the figures reported by runs are judged and losers are
     * signalled to stop. Asked only when a report has arrived, which no history recorded before it holds.
     */
    static final String EARLY_STOPPING = "early-stopping";
    /**
     * Change id of search sweeps: from version 1 points are proposed while the sweep runs. Asked when the
     * first point is proposed, which no history recorded before it does (a definition with sweep.search was
     * refused before).
     */
    static final String SEARCH = "search";
    /**
     * Change id of requests handled after the final status: from version 1 search points or continuations
     * asked for while the report and final status were written make the experiment run again (before, they
     * were dropped). Asked only when such a request is waiting at the end.
     */
    static final String LATE_REQUESTS = "late-requests";

    private final BookkeepingActivities bookkeeping =
            Workflow.newActivityStub(BookkeepingActivities.class, ActivityStubs.bookkeeping());
    /** Runs whose cancellation was asked and not yet handled, in order of arrival. */
    private final List<String> cancelRequests = new ArrayList<>();
    /** Completed when a request arrives, so that waiting for a run to end also wakes for it. */
    private CompletablePromise<Void> cancelRequested = Workflow.newPromise();
    /** Runs not started yet that were recorded cancelled: they never start. */
    private final Set<String> cancelledBeforeStart = new HashSet<>();
    /** Early-stopping reports not yet judged, in order of arrival. */
    private final List<RungReport> rungReports = new ArrayList<>();
    /** Completed when a report arrives, so that waiting for a run to end also wakes for it. */
    private CompletablePromise<Void> rungReported = Workflow.newPromise();
    /** The early-stopping decisions so far; null when the sweep has no early stopping (or is not planned yet). */
    private EarlyStoppingBook book;
    /** A search sweep's state; null for a sweep planned up front (or not planned yet). */
    private SearchBook search;
    /** Points asked for before the sweep was planned (or of a sweep without search, where they are dropped). */
    private int searchPointsAskedEarly;
    /** Completed when points are added, so that waiting for a run to end also wakes for it. */
    private CompletablePromise<Void> searchPointsAdded = Workflow.newPromise();
    /** Continuation requests not handled yet, in order of arrival. */
    private final List<ContinueRequest> continueRequests = new ArrayList<>();
    /** Completed when a continuation request arrives, so that waiting for a run to end also wakes for it. */
    private CompletablePromise<Void> continueRequested = Workflow.newPromise();
    /** Runs queued again by a continuation request and not started yet, in order, each with its attempt base. */
    private final Map<String, Integer> queuedContinuations = new LinkedHashMap<>();
    /** Runs running here as continuations (their ends are not new search results). */
    private final Set<String> continuing = new HashSet<>();
    /** Runs at once asked by {@link #setMaxParallel} (the latest), or null for the plan's (or the carried) number. */
    private Integer maxParallelRequested;
    /** Completed when the number of runs at once changes, so that waiting for a free slot also wakes for it. */
    private CompletablePromise<Void> maxParallelChanged = Workflow.newPromise();

    @Override
    public void setMaxParallel(int maxParallel) {
        if (maxParallel < 1) {
            return; // refused by the API before it is sent; a signal cannot answer
        }
        maxParallelRequested = maxParallel;
        if (!maxParallelChanged.isCompleted()) {
            maxParallelChanged.complete(null);
        }
    }

    /** Runs at once now: the latest {@link #setMaxParallel}, else the input's. */
    private int maxParallel(ExperimentInput input) {
        return maxParallelRequested != null ? maxParallelRequested : input.maxParallel();
    }

    @Override
    public void addSearchPoints(int count) {
        if (count < 1) {
            return;
        }
        if (search != null) {
            search.requestMore(count);
        } else {
            searchPointsAskedEarly = (int) Math.min(Integer.MAX_VALUE, (long) searchPointsAskedEarly + count);
        }
        if (!searchPointsAdded.isCompleted()) {
            searchPointsAdded.complete(null);
        }
    }

    @Override
    public void reportRung(RungReport report) {
        rungReports.add(report);
        if (!rungReported.isCompleted()) {
            rungReported.complete(null);
        }
    }

    @Override
    public void continueRuns(ContinueRequest request) {
        if (request == null || request.runIds().isEmpty() || request.steps() < 1) {
            return; // refused by the API before it is sent
        }
        continueRequests.add(request);
        if (!continueRequested.isCompleted()) {
            continueRequested.complete(null);
        }
    }

    @Override
    public void cancelRun(String runId) {
        cancelRequests.add(runId);
        if (!cancelRequested.isCompleted()) {
            cancelRequested.complete(null);
        }
    }

    @Override
    public ExperimentStatus run(ExperimentInput input) {
        String id = input.experimentId();
        ExperimentActivities cpu = Workflow.newActivityStub(ExperimentActivities.class,
                ActivityStubs.cpu(input.heartbeatTimeoutSeconds(), input.maxAttempts()));
        // asked in an earlier execution: recorded already, handled again (idempotently) like new requests
        cancelRequests.addAll(0, input.cancelledRunsOrNone());
        try {
            if (input.dataset() == null) {
                if (input.isContinuation()) {
                    // queued again with the new budget in their stored configs; their attempts number on
                    input = input.withAttemptBases(bookkeeping.continueRuns(id, input.runIndexes(), input.continueToSteps(),
                            "continued to " + input.continueToSteps() + " steps from its last checkpoint, by request"));
                } else if (input.isRetry()) {
                    bookkeeping.requeueRuns(id, input.runIndexes(), "retry of failed runs requested");
                }
                bookkeeping.setExperimentStatus(id, ExperimentStatus.PREPARING, null);
                // on a retry the preparation is found in the artifact store and reused
                PreparedDatasetRef dataset = cpu.prepareDataset(id);
                RunPlan plan = bookkeeping.planRuns(id, dataset);
                input = input.planned(dataset, plan);
                String what = input.isContinuation() ? "continuing " + input.runCount() + " runs to " + input.continueToSteps() + " steps"
                        : (input.isRetry() ? "retrying " : "") + input.runCount() + " runs";
                bookkeeping.setExperimentStatus(id, ExperimentStatus.RUNNING, what + ", " + maxParallel(input)
                        + " at a time, on dataset " + dataset.contentHash());
            }
            if (input.earlyStopping() != null) {
                book = new EarlyStoppingBook(input.earlyStopping(), input.rungReportsOrNone());
            }
            if (input.search() != null) {
                search = new SearchBook(input.runCount(), input.search());
                search.requestMore(searchPointsAskedEarly);
            }
            RunTally tally = runSome(input);
            while (true) {
                int runCount = runCount(input);
                int done = input.nextRun() + Math.min(input.runsPerExecutionOr(RUNS_PER_EXECUTION), runCount - input.nextRun());
                if (done < runCount) {
                    // runs still to come whose cancellation was asked (handled or not) go along
                    List<String> cancelled = new ArrayList<>();
                    for (String runId : aheadOf(input, done)) {
                        if (cancelledBeforeStart.contains(runId) || cancelRequests.contains(runId)) {
                            cancelled.add(runId);
                        }
                    }
                    ExperimentInput carried = maxParallelRequested == null ? input : input.withMaxParallel(maxParallelRequested);
                    ExperimentInput next = book == null ? carried.next(done, tally, cancelled)
                            : carried.next(done, tally, cancelled, book.judged());
                    Workflow.continueAsNew(search == null ? next : next.withSearch(search.points(), search.state()));
                }
                cpu.writeReport(id);
                ExperimentStatus status = tally.failed() == 0 && tally.cancelled() == 0 ? ExperimentStatus.SUCCEEDED
                        : tally.succeeded() == 0 && tally.failed() == 0 ? ExperimentStatus.CANCELLED : ExperimentStatus.FAILED;
                bookkeeping.setExperimentStatus(id, status, tally.succeeded() + " succeeded, " + tally.failed()
                        + " failed, " + tally.cancelled() + " cancelled"
                        + (tally.stoppedEarly() > 0 ? ", " + tally.stoppedEarly() + " stopped early" : "")
                        + " of " + tally.finished() + " runs");
                // nothing blocks from here to the return, so a request arriving later is seen here on the
                // workflow task Temporal gives it (it refuses to close a workflow with a signal unread)
                boolean late = !continueRequests.isEmpty() || (search != null && search.pendingAdditions() > 0);
                if (!late || Workflow.getVersion(LATE_REQUESTS, Workflow.DEFAULT_VERSION, 1) < 1) {
                    return status;
                }
                bookkeeping.setExperimentStatus(id, ExperimentStatus.RUNNING, "running again for requests that arrived as it ended"
                        + (continueRequests.isEmpty() ? "" : " (runs to continue)")
                        + (search != null && search.pendingAdditions() > 0 ? " (" + search.pendingAdditions() + " search points)" : ""));
                addRequestedSearchPoints(id);
                input = input.next(done, tally, List.of());
                tally = runSome(input);
            }
        } catch (CanceledFailure e) {
            Workflow.newDetachedCancellationScope(() -> {
                bookkeeping.cancelQueuedRuns(id, "experiment cancelled");
                bookkeeping.setExperimentStatus(id, ExperimentStatus.CANCELLED, "cancelled by request");
            }).run();
            throw e;
        } catch (RuntimeException e) {
            if (Failures.isCancellation(e)) {
                Workflow.newDetachedCancellationScope(() -> {
                    bookkeeping.cancelQueuedRuns(id, "experiment cancelled");
                    bookkeeping.setExperimentStatus(id, ExperimentStatus.CANCELLED, "cancelled by request");
                }).run();
                throw e;
            }
            String reason = Failures.reason(e);
            bookkeeping.cancelQueuedRuns(id, "experiment failed: " + reason);
            bookkeeping.setExperimentStatus(id, ExperimentStatus.FAILED, reason);
            return ExperimentStatus.FAILED;
        }
    }

    /** Starts this execution's share of runs, at most maxParallel at once, and waits for all of them. */
    private RunTally runSome(ExperimentInput input) {
        RunTally tally = input.tally();
        Map<String, Promise<RunOutcome>> running = new LinkedHashMap<>();
        for (int i = input.nextRun(); i < end(input) || searchMayGrow(running); i++) {
            handleCancelRequests(input, i, running);
            tally = handleContinueRequests(input, running, tally);
            tally = startContinuations(input, running, tally);
            while (running.size() >= maxParallel(input) || (i >= end(input) && !running.isEmpty())) {
                awaitRunOrRequest(running);
                tally = collectFinished(running, tally);
                handleCancelRequests(input, i, running);
                handleRungReports(running);
                addRequestedSearchPoints(input.experimentId());
                tally = handleContinueRequests(input, running, tally);
                tally = startContinuations(input, running, tally);
            }
            if (i >= end(input)) {
                // a search's last runs ended with no point added meanwhile
                break;
            }
            if (CancellationScope.current().isCancelRequested()) {
                break;
            }
            String runId = search != null ? proposeSearchRun(input, i) : RunIds.of(input.experimentId(), input.runIndexAt(i));
            if (cancelledBeforeStart.contains(runId)) {
                // recorded cancelled when it was asked for; it never starts
                tally = tally.plus(RunOutcome.CANCELLED);
                continue;
            }
            running.put(runId, startRun(input, runId, input.earlyStopping(), input.isContinuation() ? input.attemptBaseAt(i) : null));
        }
        while (true) {
            // continuations asked for meanwhile start here too, so none is left behind at a continue-as-new
            tally = handleContinueRequests(input, running, tally);
            tally = startContinuations(input, running, tally);
            if (running.isEmpty()) {
                break;
            }
            awaitRunOrRequest(running);
            tally = collectFinished(running, tally);
            handleCancelRequests(input, end(input), running);
            handleRungReports(running);
        }
        if (CancellationScope.current().isCancelRequested()) {
            // the children were asked to cancel with this scope and have checkpointed; no new ones start
            throw new CanceledFailure("experiment " + input.experimentId() + " cancelled");
        }
        return tally;
    }

    /** Starts a run's workflow as a child (a retried or continued run reuses the id of its closed workflow). */
    private Promise<RunOutcome> startRun(ExperimentInput input, String runId, EarlyStopping earlyStopping, Integer attemptBase) {
        RunWorkflow child = Workflow.newChildWorkflowStub(RunWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.run(runId))
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                // a retried run starts a new workflow under the id of its closed, failed one
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
        return Async.function(child::run, new RunInput(runId, input.experimentId(), input.dataset(),
                input.heartbeatTimeoutSeconds(), input.maxAttempts(), earlyStopping, attemptBase));
    }

    /**
     * Handles the continuation requests that have arrived, in order: each named run still continuable (the
     * records say so now) is queued again under the new budget (one activity writes its config and event)
     * and taken out of the tally until it ends again. A request naming a run that is still running here
     * (its records may say it has ended before its workflow has) waits until that run has ended, with the
     * requests after it. Dropped once the experiment is being cancelled.
     */
    private RunTally handleContinueRequests(ExperimentInput input, Map<String, Promise<RunOutcome>> running, RunTally tally) {
        if (continueRequests.isEmpty()) {
            return tally;
        }
        continueRequested = Workflow.newPromise();
        if (CancellationScope.current().isCancelRequested()) {
            continueRequests.clear();
            return tally;
        }
        String experimentId = input.experimentId();
        while (!continueRequests.isEmpty()) {
            ContinueRequest request = continueRequests.get(0);
            if (request.runIds().stream().anyMatch(running::containsKey)) {
                return tally; // again when that run ends: its end wakes the wait
            }
            continueRequests.remove(0);
            List<ContinuableRun> accepted = new ArrayList<>();
            for (ContinuableRun run : bookkeeping.checkContinuable(experimentId, request.runIds(), request.steps())) {
                if (run.whyNot() == null && !queuedContinuations.containsKey(run.runId())) {
                    accepted.add(run);
                } else {
                    Workflow.getLogger(ExperimentWorkflowImpl.class).info("experiment {}: run {} not continued to {} steps: {}",
                            experimentId, run.runId(), request.steps(), run.whyNot() == null ? "queued already" : run.whyNot());
                }
            }
            if (accepted.isEmpty()) {
                continue;
            }
            List<Integer> bases = bookkeeping.continueRuns(experimentId, accepted.stream().map(ContinuableRun::runIndex).toList(),
                    request.steps(), "continued to " + request.steps() + " steps from its last checkpoint, by request while"
                            + " the experiment ran");
            for (int k = 0; k < accepted.size(); k++) {
                tally = tally.minus(accepted.get(k).previousOutcome());
                queuedContinuations.put(accepted.get(k).runId(), bases.get(k));
            }
        }
        return tally;
    }

    /** Starts queued continuations while slots are free (they go before the sweep's next run). */
    private RunTally startContinuations(ExperimentInput input, Map<String, Promise<RunOutcome>> running, RunTally tally) {
        Iterator<Map.Entry<String, Integer>> it = queuedContinuations.entrySet().iterator();
        while (it.hasNext() && running.size() < maxParallel(input) && !CancellationScope.current().isCancelRequested()) {
            Map.Entry<String, Integer> next = it.next();
            it.remove();
            if (cancelledBeforeStart.remove(next.getKey())) {
                tally = tally.plus(RunOutcome.CANCELLED);
                continue;
            }
            continuing.add(next.getKey());
            // continued runs were chosen by hand: the sweep's early stopping no longer judges them
            running.put(next.getKey(), startRun(input, next.getKey(), null, next.getValue()));
        }
        return tally;
    }

    /** The number of runs of the sweep: the plan's, or a search's points with the additions recorded so far. */
    private int runCount(ExperimentInput input) {
        return search == null ? input.runCount() : search.points();
    }

    /** The position after this execution's last run. */
    private int end(ExperimentInput input) {
        return Math.min(runCount(input), input.nextRun() + input.runsPerExecutionOr(RUNS_PER_EXECUTION));
    }

    /**
     * Whether a search whose points have all started should wait for its running runs here rather than
     * drain: points may be added meanwhile, and are then started in the same loop. Always false for a
     * sweep planned up front.
     */
    private boolean searchMayGrow(Map<String, Promise<RunOutcome>> running) {
        return search != null && !running.isEmpty() && !CancellationScope.current().isCancelRequested();
    }

    /** Proposes search point {@code index} from the runs finished so far (an activity: it writes the run's row). */
    private String proposeSearchRun(ExperimentInput input, int index) {
        Workflow.getVersion(SEARCH, Workflow.DEFAULT_VERSION, 1);
        addRequestedSearchPoints(input.experimentId());
        String runId = bookkeeping.proposeSearchRun(input.experimentId(), input.dataset(), index, search.finishedInOrder()).runId();
        search.started(runId, index);
        return runId;
    }

    /** Records the search points asked for since the last time (an event), then counts them in. */
    private void addRequestedSearchPoints(String experimentId) {
        if (search == null || search.pendingAdditions() == 0) {
            return;
        }
        int added = search.pendingAdditions();
        bookkeeping.recordSearchPointsAdded(experimentId, added, search.points() + added);
        search.addPending();
        searchPointsAdded = Workflow.newPromise();
    }

    /**
     * Waits until a running run ends, a cancellation request arrives, a run reports a figure to judge,
     * search points are added or the number of runs at once changes.
     */
    private void awaitRunOrRequest(Map<String, Promise<RunOutcome>> running) {
        List<Promise<?>> wakes = new ArrayList<>(running.values());
        wakes.add(cancelRequested);
        wakes.add(rungReported);
        if (search != null) {
            wakes.add(searchPointsAdded);
        }
        wakes.add(maxParallelChanged);
        wakes.add(continueRequested);
        try {
            Promise.anyOf(wakes.toArray(Promise<?>[]::new)).get();
        } catch (RuntimeException runCancelled) {
            // a run's workflow failed, which only a cancellation makes it do (a failed run returns
            // FAILED): collectFinished counts it; before version 1 this ended the experiment
            if (!singleRunCancellation()) {
                throw runCancelled;
            }
        }
        if (maxParallelChanged.isCompleted()) {
            // seen: the caller's loop reads the new number
            maxParallelChanged = Workflow.newPromise();
        }
    }

    private static boolean singleRunCancellation() {
        return Workflow.getVersion(SINGLE_RUN_CANCELLATION, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /**
     * Handles the cancellation requests that have arrived: a run not started yet (at position
     * {@code next} or later) is recorded cancelled and will be skipped; one running here is cancelled
     * as a workflow (it records itself cancelled). Nothing is done once the experiment itself is being
     * cancelled: that cancels every run.
     */
    private void handleCancelRequests(ExperimentInput input, int next, Map<String, Promise<RunOutcome>> running) {
        if (cancelRequests.isEmpty() || CancellationScope.current().isCancelRequested()) {
            return;
        }
        if (!singleRunCancellation()) {
            cancelRequests.clear();
            cancelRequested = Workflow.newPromise();
            return;
        }
        Set<String> ahead = new HashSet<>(aheadOf(input, next));
        while (!cancelRequests.isEmpty()) {
            String runId = cancelRequests.remove(0);
            if (running.containsKey(runId)) {
                // it started between the request's check of the records and its arrival here
                try {
                    Workflow.newUntypedExternalWorkflowStub(WorkflowIds.run(runId)).cancel();
                } catch (RuntimeException endedFirst) {
                    // it ended before the request reached it: nothing left to cancel
                    if (CancellationScope.current().isCancelRequested()) {
                        throw endedFirst;
                    }
                }
            } else if (ahead.contains(runId) && cancelledBeforeStart.add(runId)) {
                bookkeeping.setRunStatus(runId, RunStatus.CANCELLED, "cancelled by request before it started");
            } else if (queuedContinuations.containsKey(runId) && cancelledBeforeStart.add(runId)) {
                bookkeeping.setRunStatus(runId, RunStatus.CANCELLED, "cancelled by request before its continuation started");
            }
            // else it has ended, or is not a run of this experiment: nothing to cancel
        }
        cancelRequested = Workflow.newPromise();
    }

    /**
     * Judges the reports that have arrived, in order (each (run, step) once), and signals every loser
     * still running here to stop early. Reports of an experiment without early stopping, or one being
     * cancelled, are dropped.
     */
    private void handleRungReports(Map<String, Promise<RunOutcome>> running) {
        if (rungReports.isEmpty()) {
            return;
        }
        if (book == null || CancellationScope.current().isCancelRequested()
                || Workflow.getVersion(EARLY_STOPPING, Workflow.DEFAULT_VERSION, 1) < 1) {
            rungReports.clear();
            rungReported = Workflow.newPromise();
            return;
        }
        while (!rungReports.isEmpty()) {
            EarlyStoppingBook.Decision d = book.judge(rungReports.remove(0));
            if (d == null || !d.stop() || !running.containsKey(d.report().runId())) {
                continue;
            }
            try {
                Workflow.newExternalWorkflowStub(RunWorkflow.class, WorkflowIds.run(d.report().runId())).stopEarly(d.reason());
            } catch (RuntimeException endedFirst) {
                // it ended before the signal reached it: nothing left to stop
                if (CancellationScope.current().isCancelRequested()) {
                    throw endedFirst;
                }
            }
        }
        rungReported = Workflow.newPromise();
    }

    /** The ids of the runs at position {@code from} and after, which have not started. */
    private static List<String> aheadOf(ExperimentInput input, int from) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < input.runCount(); i++) {
            ids.add(RunIds.of(input.experimentId(), input.runIndexAt(i)));
        }
        return ids;
    }

    private RunTally collectFinished(Map<String, Promise<RunOutcome>> running, RunTally tally) {
        for (Iterator<Map.Entry<String, Promise<RunOutcome>>> it = running.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Promise<RunOutcome>> e = it.next();
            Promise<RunOutcome> p = e.getValue();
            if (!p.isCompleted()) {
                continue;
            }
            it.remove();
            boolean continued = continuing.remove(e.getKey());
            if (search != null && !continued) {
                // the search observes the finished runs in this order (a continued run was observed before)
                search.finished(e.getKey());
            }
            RuntimeException failure = p.getFailure();
            if (failure == null) {
                tally = tally.plus(p.get());
            } else if (Failures.isCancellation(failure)) {
                // a single run cancelled by request: the experiment goes on
                tally = tally.plus(RunOutcome.CANCELLED);
            } else {
                tally = tally.plus(RunOutcome.FAILED);
            }
        }
        return tally;
    }
}
