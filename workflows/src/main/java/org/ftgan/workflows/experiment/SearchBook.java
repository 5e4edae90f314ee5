package org.ftgan.workflows.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiment workflow's search bookkeeping (sweep.search): how many points the search is to propose
 * (raised by {@link ExperimentWorkflow#addSearchPoints}), the points added by request and not yet recorded,
 * and the order in which the proposed runs finished. Plain and deterministic, like {@link EarlyStoppingBook}:
 * rebuilt on replay from the same history, and carried across continue-as-new as {@link SearchState} and the
 * input's run count. The proposals themselves are made by an activity (its result is in the history), from
 * the runs' figures in the order recorded here.
 */
public final class SearchBook {
    private int points;
    private int pendingAdditions;
    private final List<Integer> finished = new ArrayList<>();
    private final Map<String, Integer> started = new HashMap<>();

    /** @param points the points to propose; {@code state} what earlier executions observed */
    public SearchBook(int points, SearchState state) {
        this.points = points;
        finished.addAll(state.finished());
    }

    /** Points to propose in all, additions recorded so far included. */
    public int points() {
        return points;
    }

    /** A request for {@code count} more points (a signal); counts of 0 or less are ignored. */
    public void requestMore(int count) {
        if (count > 0) {
            pendingAdditions = (int) Math.min(Integer.MAX_VALUE - (long) points, (long) pendingAdditions + count);
        }
    }

    /** Points asked for and not yet added. */
    public int pendingAdditions() {
        return pendingAdditions;
    }

    /** Adds the pending points (once their event is recorded); returns the new total. */
    public int addPending() {
        points += pendingAdditions;
        pendingAdditions = 0;
        return points;
    }

    /** A proposed run has started. */
    public void started(String runId, int index) {
        started.put(runId, index);
    }

    /** A run has ended: its figure is observed from now on (ends of runs this book did not start are ignored). */
    public void finished(String runId) {
        Integer index = started.remove(runId);
        if (index != null) {
            finished.add(index);
        }
    }

    /** The finished runs' indexes in order of arrival. */
    public List<Integer> finishedInOrder() {
        return List.copyOf(finished);
    }

    public SearchState state() {
        return new SearchState(finished);
    }
}
