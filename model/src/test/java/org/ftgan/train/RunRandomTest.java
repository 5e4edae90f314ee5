package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RunRandomTest {

    private static long[] draws(RandomStream stream, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = stream.nextLong();
        }
        return out;
    }

    @Test
    void sameSeedAndNameGiveTheSameNumbers() {
        assertArrayEquals(draws(new RunRandom(42).stream("init"), 20), draws(new RunRandom(42).stream("init"), 20));
        RunRandom run = new RunRandom(42);
        assertSame(run.stream("init"), run.stream("init"));
    }

    @Test
    void streamsDependOnSeedAndName() {
        long[] init = draws(new RunRandom(42).stream(RunRandom.INIT), 20);
        assertFalse(Arrays.equals(init, draws(new RunRandom(43).stream(RunRandom.INIT), 20)));
        assertFalse(Arrays.equals(init, draws(new RunRandom(42).stream(RunRandom.BATCHES), 20)));
    }

    @Test
    void drawingFromOneStreamLeavesTheOthersUnchanged() {
        RunRandom quiet = new RunRandom(7);
        long[] expected = draws(quiet.stream(RunRandom.STYLE_SAMPLES), 50);
        RunRandom busy = new RunRandom(7);
        draws(busy.stream(RunRandom.INIT), 1000);
        busy.stream(RunRandom.EVAL_TRIPLETS).nextGaussian();
        assertArrayEquals(expected, draws(busy.stream(RunRandom.STYLE_SAMPLES), 50));
    }

    @Test
    void savedStateRepeatsTheSameDraws(@TempDir Path dir) throws Exception {
        RunRandom run = new RunRandom(2024);
        draws(run.stream(RunRandom.INIT), 10);
        draws(run.stream(RunRandom.BATCHES), 3);
        RunRandomState saved = run.state();
        // through JSON, as a checkpoint stores it
        ObjectMapper json = new ObjectMapper();
        Path file = dir.resolve("random.json");
        json.writeValue(file.toFile(), saved);
        assertTrue(Files.readString(file).contains("\"batches\""));
        RunRandomState loaded = json.readValue(file.toFile(), RunRandomState.class);
        assertEquals(saved, loaded);

        long[] initAfter = draws(run.stream(RunRandom.INIT), 10);
        long[] batchesAfter = draws(run.stream(RunRandom.BATCHES), 10);
        long[] styleAfter = draws(run.stream(RunRandom.STYLE_SAMPLES), 10); // made only after the save

        RunRandom resumed = new RunRandom(2024);
        resumed.restore(loaded);
        assertArrayEquals(initAfter, draws(resumed.stream(RunRandom.INIT), 10));
        assertArrayEquals(batchesAfter, draws(resumed.stream(RunRandom.BATCHES), 10));
        assertArrayEquals(styleAfter, draws(resumed.stream(RunRandom.STYLE_SAMPLES), 10));

        // restoring in place also rewinds a stream made after the save back to its start
        run.restore(loaded);
        assertArrayEquals(styleAfter, draws(run.stream(RunRandom.STYLE_SAMPLES), 10));
        assertArrayEquals(initAfter, draws(run.stream(RunRandom.INIT), 10));
    }

    @Test
    void refusesAStateOfAnotherSeed() {
        RunRandomState other = new RunRandom(1).state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunRandom(2).restore(other));
        assertTrue(e.getMessage().contains("seed 1"), e.getMessage());
    }

    @Test
    void boundedIntsAreInRangeAndRoughlyUniform() {
        RandomStream s = new RunRandom(5).stream("test");
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[s.nextInt(7)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 10_000) < 500, Arrays.toString(counts));
        }
        assertThrows(IllegalArgumentException.class, () -> s.nextInt(0));
    }

    @Test
    void gaussianDrawsHaveMeanZeroAndUnitVariance() {
        RandomStream s = new RunRandom(6).stream("test");
        double sum = 0, sumSq = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double x = s.nextGaussian();
            sum += x;
            sumSq += x * x;
        }
        assertEquals(0.0, sum / n, 0.02);
        assertEquals(1.0, sumSq / n, 0.02);
    }

    @Test
    void shuffleIsAPermutationAndFillsAreDeterministic() {
        int[] values = new int[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i;
        }
        new RunRandom(8).stream("test").shuffle(values);
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        assertFalse(Arrays.equals(values, sorted), "shuffled order differs from the identity");

        INDArray a = Nd4j.create(DataType.FLOAT, 4, 5);
        INDArray b = Nd4j.create(DataType.FLOAT, 4, 5);
        new RunRandom(9).stream(RunRandom.INIT).fillUniform(a, -0.5, 0.5);
        new RunRandom(9).stream(RunRandom.INIT).fillUniform(b, -0.5, 0.5);
        assertTrue(a.equalsWithEps(b, 0));
        assertTrue(a.maxNumber().doubleValue() < 0.5 && a.minNumber().doubleValue() >= -0.5);
    }
}
