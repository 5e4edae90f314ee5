package org.ftgan.definition;

import java.util.List;
import org.ftgan.names.FigureNames;

/**
 * A sweep's {@code search:} section: runs proposed one at a time while the sweep runs, each from the
 * figures of the runs that have finished (or stopped early) before it, instead of planned up front.
 *
 * <ul>
 *   <li>{@code random}: point {@code j} is the draw of {@code sweep.random}'s point {@code j} with the same
 *       seed and space (the figures are not looked at): the baseline that {@code tpe} is measured against.</li>
 *   <li>{@code tpe}: the Tree-structured Parzen Estimator ({@link Tpe}); its first {@code startup} points
 *       are the random method's, then each point is chosen from the figures observed so far.</li>
 * </ul>
 *
 * <p>Both are deterministic from the seed and the order in which the figures arrived.
 *
 * @param method  {@link #TPE} or {@link #RANDOM}
 * @param n       points to propose (raised while the sweep runs by "add search points")
 * @param seed    the draws' seed
 * @param metric  the figure that is optimized, as {@link FigureNames} writes it ({@code E_transfer})
 * @param mode    {@code min} (every figure is an error) or {@code max}
 * @param startup tpe: points drawn at random before the estimator is used (at least 1)
 * @param space   the keys and their distributions, as {@code sweep.random.space}, sorted by path
 */
public record Search(String method, int n, long seed, String metric, String mode, int startup, List<Sweep.RandomAxis> space) {
    public static final String TPE = "tpe";
    public static final String RANDOM = "random";
    public static final List<String> METHODS = List.of(TPE, RANDOM);
    /** The figure searched when neither search.metric nor early_stopping.metric names one. */
    public static final String DEFAULT_METRIC = "E_transfer";
    /** tpe's random points before the estimator is used, when n_startup is absent. */
    public static final int DEFAULT_STARTUP = 4;

    public Search {
        space = space.stream().sorted(java.util.Comparator.comparing(Sweep.RandomAxis::path)).toList();
    }

    /** The figure's key ({@code e_transfer}), as results and evaluation curves name it. */
    public String metricKey() {
        return FigureNames.key(metric);
    }

    /** This search with {@code n} points. */
    public Search withN(int n) {
        return new Search(method, n, seed, metric, mode, startup, space);
    }
}
