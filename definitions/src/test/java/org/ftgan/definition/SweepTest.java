package org.ftgan.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftgan.train.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
    private static final String GRID = DefinitionValidatorTest.VALID + """
            loss: {lambda_srec: 0.4, lambda_adv: 1.0}
            sweep:
              grid:
                training: {seed: [1, 2, 3]}
                loss: {lambda_srec: [0.5, 1.0]}
              random:
                n: 4
                seed: 7
                space:
                  loss: {lambda_adv: {log_uniform: [0.01, 1.0]}}
                  model: {content_dim: {choice: [4, 8]}, style_dim: {int_uniform: [2, 6]}}
                  training: {lr: {uniform: [0.0001, 0.01]}}
              max_parallel: 2
            """;

    private static Sweep sweep(String yaml) {
        return ExperimentDefinition.parse(yaml, "grid.yaml", Map.of()).sweep();
    }

    @Test
    void gridAxesAreSortedAndTheLastVariesFastestThenRandomPoints() {
        Sweep s = sweep(GRID);
        assertEquals(10, s.size());
        assertEquals(6, s.gridSize());
        List<String> order = new ArrayList<>();
        for (RunSpec r : s.runs(0, 6)) {
            order.add(r.overrides().toString());
        }
        // loss.lambda_srec sorts before training.seed, so the seed varies fastest
        assertEquals(List.of(
                "{\"loss\":{\"lambda_srec\":0.5},\"training\":{\"seed\":1}}",
                "{\"loss\":{\"lambda_srec\":0.5},\"training\":{\"seed\":2}}",
                "{\"loss\":{\"lambda_srec\":0.5},\"training\":{\"seed\":3}}",
                "{\"loss\":{\"lambda_srec\":1.0},\"training\":{\"seed\":1}}",
                "{\"loss\":{\"lambda_srec\":1.0},\"training\":{\"seed\":2}}",
                "{\"loss\":{\"lambda_srec\":1.0},\"training\":{\"seed\":3}}"), order);
        RunSpec r4 = s.run(4);
        assertEquals("r0004", r4.key());
        assertEquals(2, r4.seed());
        // the base's other values stay, the swept ones are replaced
        assertEquals(1.0, r4.config().get("loss").get("lambda_srec").asDouble());
        assertEquals(1.0, r4.config().get("loss").get("lambda_adv").asDouble());
        assertEquals(100, r4.config().get("training").get("steps").asInt());
        assertEquals(1, s.runs(9, 5).size());
        assertEquals(0, s.runs(10, 5).size());
        assertThrows(IndexOutOfBoundsException.class, () -> s.run(10));
    }

    @Test
    void randomAccessEqualsSequentialExpansion() {
        Sweep s = sweep(GRID);
        List<RunSpec> all = s.runs(0, (int) s.size());
        for (int i = 0; i < all.size(); i++) {
            RunSpec one = s.run(i);
            assertEquals(all.get(i).config(), one.config());
            assertEquals(all.get(i).overrides(), one.overrides());
            assertEquals(all.get(i).configHash(), one.configHash());
            assertEquals(all.get(i).key(), one.key());
        }
        assertEquals(all.subList(3, 8).stream().map(RunSpec::configHash).toList(),
                s.runs(3, 5).stream().map(RunSpec::configHash).toList());
        Set<String> hashes = new HashSet<>();
        all.forEach(r -> hashes.add(r.configHash()));
        assertEquals(10, hashes.size());
    }

    @Test
    void randomPointsAreSeededAndInsideTheirRanges() {
        Sweep a = sweep(GRID);
        Sweep b = sweep(GRID);
        Sweep other = sweep(GRID.replace("seed: 7", "seed: 8"));
        boolean anyDiffers = false;
        for (long i = 6; i < 10; i++) {
            RunSpec r = a.run(i);
            assertEquals(r.overrides(), b.run(i).overrides());
            anyDiffers |= !r.overrides().equals(other.run(i).overrides());
            JsonNode o = r.overrides();
            double adv = o.get("loss").get("lambda_adv").asDouble();
            assertTrue(adv >= 0.01 && adv < 1.0, "lambda_adv " + adv);
            int content = o.get("model").get("content_dim").asInt();
            assertTrue(content == 4 || content == 8, "content_dim " + content);
            long style = o.get("model").get("style_dim").asLong();
            assertTrue(style >= 2 && style <= 6, "style_dim " + style);
            double lr = o.get("training").get("lr").asDouble();
            assertTrue(lr >= 0.0001 && lr < 0.01, "lr " + lr);
            // random points keep the base's seed
            assertEquals(1, r.seed());
            assertEquals(List.of("model", "loss", "training"), iterable(o));
        }
        assertTrue(anyDiffers, "another sweep.random.seed draws other points");
        assertNotEquals(a.run(6).overrides(), a.run(7).overrides());
    }

    @Test
    void keysAreWideEnoughForTheSweep() {
        String big = DefinitionValidatorTest.VALID + "sweep:\n  grid:\n    training: {seed: [" + String.join(", ",
                java.util.stream.IntStream.range(0, 120).mapToObj(Integer::toString).toList()) + "]}\n"
                + "    loss: {lambda_srec: [" + String.join(", ", java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString).toList()) + "]}\n";
        Sweep s = sweep(big);
        assertEquals(12_000, s.size());
        assertEquals("r00000", s.run(0).key());
        assertEquals("r11999", s.run(11_999).key());
        assertEquals(119, s.run(11_999).seed());
        assertEquals("r0000", sweep(DefinitionValidatorTest.VALID).run(0).key());
    }

    @Test
    void aRandomOnlySweepHasNoGridRun() {
        Sweep s = sweep(DefinitionValidatorTest.VALID + "sweep: {random: {n: 3, seed: 1, space: {loss: {lambda_lap: {uniform: [0, 2]}}}}}\n");
        assertEquals(3, s.size());
        assertTrue(s.run(0).overrides().has("loss"));
    }

    @Test
    void aRunBecomesARunConfig(@TempDir Path dir) {
        RunSpec r = sweep(GRID).run(5);
        RunConfig c = r.toRunConfig(dir.resolve("data"), dir.resolve("out/" + r.key()));
        assertEquals(dir.resolve("data"), c.dataDir());
        assertEquals(dir.resolve("out/r0005"), c.outputDir());
        assertEquals(dir.resolve("out/r0005/topology-cache"), c.topology().cacheDir());
        assertEquals(3, c.training().seed());
        assertEquals(1.0, c.loss().styleReconstruction());
        assertEquals("tiny", c.model().preset());
        assertEquals(List.of(4, 4), c.topology().factors());
    }

    private static List<String> iterable(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
