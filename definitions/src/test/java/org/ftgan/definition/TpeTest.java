package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeTest {
    private static final List<Sweep.RandomAxis> ONE_D = List.of(
            new Sweep.RandomAxis("loss", "lambda_adv", new RandomRange.Uniform(0, 1)));
    private static final List<Sweep.RandomAxis> MIXED = List.of(
            new Sweep.RandomAxis("training", "lr", new RandomRange.LogUniform(1e-6, 1e-1)),
            new Sweep.RandomAxis("model", "content_dim", new RandomRange.IntUniform(2, 16)),
            new Sweep.RandomAxis("loss", "feature_pooling", new RandomRange.Choice(
                    List.of(TextNode.valueOf("flattened"), TextNode.valueOf("vertex_mean"), TextNode.valueOf("other")))));

    private static double x(JsonNode v) {
        return v.path("loss").path("lambda_adv").asDouble();
    }

    /** A quadratic in one key, least at 0.83. */
    private static double quadratic(JsonNode v) {
        return Math.pow(x(v) - 0.83, 2);
    }

    /** Least at lr 1e-3, content_dim 12 and vertex_mean: a bowl in log10(lr) and content_dim plus a penalty per wrong choice. */
    private static double mixed(JsonNode v) {
        double lr = Math.log10(v.path("training").path("lr").asDouble());
        double dim = v.path("model").path("content_dim").asDouble();
        double pooling = v.path("loss").path("feature_pooling").asText().equals("vertex_mean") ? 0 : 1;
        return Math.pow(lr + 3, 2) + Math.pow((dim - 12) / 4, 2) + pooling;
    }

    /** The best figure after {@code n} sequential points, each observed before the next is proposed. */
    private static double bestOf(Search s, ToDoubleFunction<JsonNode> f) {
        List<Tpe.Observation> seen = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < s.n(); j++) {
            ObjectNode point = Tpe.propose(s, j, seen);
            double y = f.applyAsDouble(point);
            seen.add(new Tpe.Observation(point, y));
            best = Math.min(best, y);
        }
        return best;
    }

    private static double meanBest(String method, List<Sweep.RandomAxis> space, int n, ToDoubleFunction<JsonNode> f) {
        double sum = 0;
        int seeds = 30;
        for (long seed = 0; seed < seeds; seed++) {
            sum += bestOf(new Search(method, n, seed, "E_transfer", "min", 5, space), f);
        }
        return sum / seeds;
    }

    @Test
    void tpeFindsABetterPointThanRandomOnAQuadraticOnAverageOverSeeds() {
        double tpe = meanBest(Search.TPE, ONE_D, 20, TpeTest::quadratic);
        double random = meanBest(Search.RANDOM, ONE_D, 20, TpeTest::quadratic);
        System.out.println("mean best: tpe " + tpe + ", random " + random);
        assertTrue(tpe < random, "tpe " + tpe + ", random " + random);
    }

    @Test
    void tpeFindsABetterPointThanRandomOnLogIntegerAndChoiceKeysOnAverageOverSeeds() {
        double tpe = meanBest(Search.TPE, MIXED, 30, TpeTest::mixed);
        double random = meanBest(Search.RANDOM, MIXED, 30, TpeTest::mixed);
        System.out.println("mean best: tpe " + tpe + ", random " + random);
        assertTrue(tpe < random, "tpe " + tpe + ", random " + random);
    }

    @Test
    void maximizingIsMinimizingTheNegatedFigure() {
        Search max = new Search(Search.TPE, 20, 3, "E_transfer", "max", 5, ONE_D);
        Search min = new Search(Search.TPE, 20, 3, "E_transfer", "min", 5, ONE_D);
        List<Tpe.Observation> a = new ArrayList<>();
        List<Tpe.Observation> b = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
            ObjectNode p = Tpe.propose(max, j, a);
            assertEquals(p, Tpe.propose(min, j, b));
            a.add(new Tpe.Observation(p, -quadratic(p)));
            b.add(new Tpe.Observation(p, quadratic(p)));
        }
    }

    @Test
    void theSameSeedAndObservationsInTheSameOrderGiveTheSamePoints() {
        Search s = new Search(Search.TPE, 25, 11, "E_transfer", "min", 3, MIXED);
        List<Tpe.Observation> seen = new ArrayList<>();
        List<ObjectNode> first = new ArrayList<>();
        for (int j = 0; j < s.n(); j++) {
            ObjectNode p = Tpe.propose(s, j, seen);
            first.add(p);
            seen.add(new Tpe.Observation(p, mixed(p)));
        }
        for (int j = 0; j < s.n(); j++) {
            assertEquals(first.get(j), Tpe.propose(s, j, seen.subList(0, j)), "point " + j);
        }
        // another seed proposes other points
        Search other = new Search(Search.TPE, 25, 12, "E_transfer", "min", 3, MIXED);
        assertNotEquals(first.get(10), Tpe.propose(other, 10, seen.subList(0, 10)));
    }

    @Test
    void startupPointsAndRandomPointsAreTheRandomSweepsDraws() {
        Search tpe = new Search(Search.TPE, 8, 7, "E_transfer", "min", 4, MIXED);
        Search random = new Search(Search.RANDOM, 8, 7, "E_transfer", "min", 4, MIXED);
        ObjectNode base = CanonicalJson.MAPPER.createObjectNode();
        base.putObject("training").put("seed", 1);
        base.putObject("model");
        base.putObject("loss");
        Sweep sweep = new Sweep(base, List.of(), MIXED, 8, 7);
        List<Tpe.Observation> seen = new ArrayList<>();
        for (int j = 0; j < 8; j++) {
            ObjectNode drawn = (ObjectNode) sweep.run(j).overrides();
            assertEquals(drawn, Tpe.propose(random, j, seen), "random point " + j);
            if (j < 4) {
                assertEquals(drawn, Tpe.propose(tpe, j, seen), "startup point " + j);
            }
            seen.add(new Tpe.Observation(drawn, mixed(drawn)));
        }
    }

    @Test
    void everyProposedValueIsInsideItsRangeAndNaNFiguresRankLast() {
        Search s = new Search(Search.TPE, 40, 5, "E_transfer", "min", 2, MIXED);
        List<Tpe.Observation> seen = new ArrayList<>();
        for (int j = 0; j < s.n(); j++) {
            ObjectNode p = Tpe.propose(s, j, seen);
            double lr = p.path("training").path("lr").asDouble();
            assertTrue(lr >= 1e-6 && lr < 1e-1, p.toString());
            JsonNode dim = p.path("model").path("content_dim");
            assertTrue(dim.isIntegralNumber() && dim.asLong() >= 2 && dim.asLong() <= 16, p.toString());
            assertTrue(List.of("flattened", "vertex_mean", "other").contains(p.path("loss").path("feature_pooling").asText()), p.toString());
            seen.add(new Tpe.Observation(p, j % 3 == 0 ? Double.NaN : mixed(p)));
        }
    }

    @Test
    void aChoiceThatWinsIsProposedMoreOften() {
        List<Sweep.RandomAxis> space = List.of(new Sweep.RandomAxis("model", "content_dim",
                new RandomRange.Choice(List.of(IntNode.valueOf(2), IntNode.valueOf(4), IntNode.valueOf(8), IntNode.valueOf(16)))));
        int chosen = 0;
        int proposals = 0;
        for (long seed = 0; seed < 10; seed++) {
            Search s = new Search(Search.TPE, 20, seed, "E_transfer", "min", 4, space);
            List<Tpe.Observation> seen = new ArrayList<>();
            for (int j = 0; j < s.n(); j++) {
                ObjectNode p = Tpe.propose(s, j, seen);
                int dim = p.path("model").path("content_dim").asInt();
                if (j >= 4) {
                    proposals++;
                    chosen += dim == 8 ? 1 : 0;
                }
                seen.add(new Tpe.Observation(p, dim == 8 ? 1.0 : 2.0));
            }
        }
        // random would choose it a quarter of the time
        assertTrue(chosen > proposals / 2, chosen + " of " + proposals);
    }
}
