package org.ftgan.workflows.experiment;

import java.util.List;

/**
 * A search sweep's state carried across continue-as-new (sweep.search, {@link SearchBook}): the sweep
 * indexes of the runs that have finished, in the order their ends arrived, which is the order the search
 * observes their figures in. The number of points to propose is the input's {@code runCount}.
 */
public record SearchState(List<Integer> finished) {
    public SearchState {
        finished = finished == null ? List.of() : List.copyOf(finished);
    }

    public static final SearchState NEW = new SearchState(List.of());
}
