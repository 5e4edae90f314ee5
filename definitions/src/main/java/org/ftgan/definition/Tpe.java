package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The points of a {@link Search}: the Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and
 * Kégl, "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011), or plain random draws.
 *
 * <p>TPE, as hyperopt implements it, one key at a time (each key's density is modelled on its own):
 * <ol>
 *   <li>The observations (a run's swept values and its figure) are ranked, best first ({@code mode}; NaN
 *       last; ties in order of arrival), and split at the {@link #GAMMA} quantile: the best
 *       ceil(gamma n) are "good", the rest "bad".</li>
 *   <li>A number key gets two Parzen estimators over its range, l(x) from the good values and g(x) from the
 *       bad ones: a mixture of equally weighted Gaussians truncated to the range, one at each value with a
 *       width of the larger gap to its neighbours (clipped to [range / min(100, m + 1), range]), plus the
 *       prior (centred, as wide as the range). {@code log_uniform} keys are modelled on the logarithm,
 *       {@code int_uniform} keys on [low - 0.5, high + 0.5] and rounded.</li>
 *   <li>A {@code choice} key gets smoothed counts: l(k) proportional to 1 + the good runs that took value k,
 *       g(k) the same over the bad runs.</li>
 *   <li>{@link #CANDIDATES} values are drawn from l and the one with the largest l/g (expected improvement
 *       grows with it) is taken; the first on ties.</li>
 * </ol>
 * Before {@code search.startup} figures have arrived, and for method {@code random} always, point j is
 * drawn from the space like {@code sweep.random}'s point j with the same seed. Nothing here reads a clock
 * or a shared random source: the same seed and observations in the same order give the same point.
 */
public final class Tpe {
    /** The good share of the observations. */
    public static final double GAMMA = 0.25;
    /** Candidates drawn from l(x) per key. */
    public static final int CANDIDATES = 24;

    /**
     * A finished run as the search sees it.
     *
     * @param values its swept values, section -> key -> value (a run's overrides)
     * @param figure its figure (search.metric); NaN when it has none worth the name (ranks last)
     */
    public record Observation(JsonNode values, double figure) {
    }

    private Tpe() {
    }

    /** Point {@code point}'s values (section -> key -> value), from the observations in their order of arrival. */
    public static ObjectNode propose(Search search, long point, List<Observation> observed) {
        SplittableRandom draws = Sweep.pointRandom(search.seed(), point);
        if (search.method().equals(Search.RANDOM) || observed.size() < search.startup()) {
            return Sweep.drawPoint(search.space(), draws);
        }
        List<Observation> ranked = new ArrayList<>(observed);
        Comparator<Observation> byFigure = (a, b) -> Double.compare(rankable(a.figure(), search.mode()), rankable(b.figure(), search.mode()));
        ranked.sort(byFigure); // stable: ties stay in order of arrival
        int good = Math.max(1, (int) Math.ceil(GAMMA * ranked.size()));
        List<Observation> below = ranked.subList(0, good);
        List<Observation> above = ranked.subList(good, ranked.size());
        ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
        for (Sweep.RandomAxis axis : search.space()) {
            JsonNode value = axis.range() instanceof RandomRange.Choice c
                    ? categorical(c, values(axis, below), values(axis, above), draws)
                    : numeric(axis.range(), values(axis, below), values(axis, above), draws);
            Sweep.set(out, axis.section(), axis.key(), value);
        }
        return out;
    }

    /** A figure as a number where lower is better, NaN and missing figures last. */
    private static double rankable(double figure, String mode) {
        if (Double.isNaN(figure)) {
            return Double.POSITIVE_INFINITY;
        }
        return mode.equals("max") ? -figure : figure;
    }

    private static List<JsonNode> values(Sweep.RandomAxis axis, List<Observation> obs) {
        List<JsonNode> out = new ArrayList<>();
        for (Observation o : obs) {
            JsonNode v = o.values().path(axis.section()).get(axis.key());
            if (v != null && !v.isNull()) {
                out.add(v);
            }
        }
        return out;
    }

    private static JsonNode categorical(RandomRange.Choice c, List<JsonNode> below, List<JsonNode> above, SplittableRandom draws) {
        int k = c.values().size();
        double[] l = smoothedCounts(c, below);
        double[] g = smoothedCounts(c, above);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < CANDIDATES; i++) {
            int x = pick(l, draws);
            double score = Math.log(l[x]) - Math.log(g[x]);
            if (score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return c.values().get(best < 0 ? draws.nextInt(k) : best).deepCopy();
    }

    /** Probabilities proportional to 1 + how often each value was taken. */
    private static double[] smoothedCounts(RandomRange.Choice c, List<JsonNode> taken) {
        double[] p = new double[c.values().size()];
        java.util.Arrays.fill(p, 1);
        for (JsonNode v : taken) {
            int i = indexOf(c.values(), v);
            if (i >= 0) {
                p[i] += 1;
            }
        }
        double sum = java.util.Arrays.stream(p).sum();
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The value's position among the choices, comparing numbers by value (4 and 4.0 are one choice). */
    private static int indexOf(List<JsonNode> choices, JsonNode v) {
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            if (c.equals(v) || (c.isNumber() && v.isNumber() && c.asDouble() == v.asDouble())) {
                return i;
            }
        }
        return -1;
    }

    private static int pick(double[] p, SplittableRandom draws) {
        double u = draws.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        return p.length - 1;
    }

    private static JsonNode numeric(RandomRange range, List<JsonNode> below, List<JsonNode> above, SplittableRandom draws) {
        double a;
        double b;
        boolean log = false;
        boolean integral = false;
        if (range instanceof RandomRange.Uniform u) {
            a = u.low();
            b = u.high();
        } else if (range instanceof RandomRange.LogUniform u) {
            a = Math.log(u.low());
            b = Math.log(u.high());
            log = true;
        } else if (range instanceof RandomRange.IntUniform u) {
            a = u.low() - 0.5;
            b = u.high() + 0.5;
            integral = true;
        } else {
            throw new IllegalArgumentException("not a number range: " + range);
        }
        Parzen l = new Parzen(transformed(below, log), a, b);
        Parzen g = new Parzen(transformed(above, log), a, b);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < CANDIDATES; i++) {
            double x = l.sample(draws);
            double score = l.logDensity(x) - g.logDensity(x);
            if (score > bestScore || Double.isNaN(best)) {
                best = x;
                bestScore = score;
            }
        }
        if (integral) {
            RandomRange.IntUniform u = (RandomRange.IntUniform) range;
            return LongNode.valueOf(Math.max(u.low(), Math.min(u.high(), Math.round(best))));
        }
        double low = log ? ((RandomRange.LogUniform) range).low() : a;
        double high = log ? ((RandomRange.LogUniform) range).high() : b;
        double v = log ? Math.exp(best) : best;
        // [low, high), as the random draws
        return DoubleNode.valueOf(v >= high ? Math.nextDown(high) : Math.max(low, v));
    }

    private static double[] transformed(List<JsonNode> values, boolean log) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            double v = values.get(i).asDouble();
            out[i] = log ? Math.log(v) : v;
        }
        return out;
    }

    /** An equally weighted mixture of Gaussians truncated to [a, b]: the prior and one per observed value. */
    static final class Parzen {
        private final double a;
        private final double b;
        private final double[] mu;
        private final double[] sigma;
        /** log of each component's weight over its mass inside [a, b]. */
        private final double[] logNorm;

        Parzen(double[] observed, double a, double b) {
            this.a = a;
            this.b = b;
            int m = observed.length;
            double range = b - a;
            double prior = (a + b) / 2;
            // the prior first, then the values; widths from the sorted order
            mu = new double[m + 1];
            sigma = new double[m + 1];
            mu[0] = prior;
            for (int i = 0; i < m; i++) {
                mu[i + 1] = Math.max(a, Math.min(b, observed[i]));
            }
            Integer[] order = new Integer[m + 1];
            for (int i = 0; i <= m; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingDouble(i -> mu[i]));
            double minSigma = range / Math.min(100.0, m + 1);
            for (int r = 0; r <= m; r++) {
                int i = order[r];
                double left = r > 0 ? mu[i] - mu[order[r - 1]] : mu[i] - a;
                double right = r < m ? mu[order[r + 1]] - mu[i] : b - mu[i];
                sigma[i] = Math.max(minSigma, Math.min(range, Math.max(left, right)));
            }
            sigma[0] = range;
            logNorm = new double[m + 1];
            for (int i = 0; i <= m; i++) {
                double mass = phi((b - mu[i]) / sigma[i]) - phi((a - mu[i]) / sigma[i]);
                logNorm[i] = -Math.log(m + 1) - Math.log(Math.max(mass, 1e-300));
            }
        }

        double sample(SplittableRandom draws) {
            int i = draws.nextInt(mu.length);
            for (int tries = 0; tries < 100; tries++) {
                double x = mu[i] + sigma[i] * gaussian(draws);
                if (x >= a && x < b) {
                    return x;
                }
            }
            return a + (b - a) * draws.nextDouble();
        }

        double logDensity(double x) {
            // log-sum-exp over the components
            double[] terms = new double[mu.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < mu.length; i++) {
                double z = (x - mu[i]) / sigma[i];
                terms[i] = logNorm[i] - 0.5 * z * z - Math.log(sigma[i] * Math.sqrt(2 * Math.PI));
                max = Math.max(max, terms[i]);
            }
            double sum = 0;
            for (double t : terms) {
                sum += Math.exp(t - max);
            }
            return max + Math.log(sum);
        }
    }

    /** A standard normal draw (Box-Muller on two uniform draws: the same on every JVM). */
    static double gaussian(SplittableRandom draws) {
        double u1 = draws.nextDouble();
        double u2 = draws.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The standard normal distribution function, from erfc (Numerical Recipes' Chebyshev fit, error below 1.2e-7). */
    static double phi(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
