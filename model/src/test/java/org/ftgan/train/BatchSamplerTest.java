package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSamplerTest {

    private static BatchSampler sampler(RunRandom run, int trainCount, int batchSize) {
        return new BatchSampler(trainCount, batchSize, run.stream(RunRandom.BATCHES), run.stream(RunRandom.STYLE_SAMPLES));
    }

    @Test
    void everyEpochVisitsDistinctSamplesInAFreshOrder() {
        BatchSampler sampler = sampler(new RunRandom(3), 43, 8);
        assertEquals(5, sampler.batchesPerEpoch());
        List<int[]> epochOrders = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[40];
            boolean[] used = new boolean[43];
            for (int b = 0; b < 5; b++) {
                Batch batch = sampler.next();
                assertEquals(epoch, batch.epoch());
                assertEquals(b, batch.indexInEpoch());
                assertEquals(8, batch.size());
                for (int i = 0; i < 8; i++) {
                    int x = batch.content()[i];
                    assertFalse(used[x], "sample " + x + " twice in epoch " + epoch);
                    used[x] = true;
                    seen[b * 8 + i] = x;
                    assertTrue(batch.style()[i] >= 0 && batch.style()[i] < 43);
                }
            }
            epochOrders.add(seen);
        }
        assertFalse(Arrays.equals(epochOrders.get(0), epochOrders.get(1)));
        assertFalse(Arrays.equals(epochOrders.get(1), epochOrders.get(2)));
        assertEquals(3, sampler.epoch());
    }

    @Test
    void styleSamplesDoNotDependOnTheContentOrder() {
        RunRandom a = new RunRandom(10);
        RunRandom b = new RunRandom(10);
        b.stream(RunRandom.BATCHES).nextLong(); // a different shuffle of x
        BatchSampler sa = sampler(a, 30, 6);
        BatchSampler sb = sampler(b, 30, 6);
        boolean contentDiffers = false;
        for (int i = 0; i < 12; i++) {
            Batch ba = sa.next();
            Batch bb = sb.next();
            assertArrayEquals(ba.style(), bb.style());
            contentDiffers |= !Arrays.equals(ba.content(), bb.content());
        }
        assertTrue(contentDiffers);
    }

    @Test
    void styleSamplesCoverTheWholeSplitUniformly() {
        BatchSampler sampler = sampler(new RunRandom(11), 10, 5);
        int[] counts = new int[10];
        for (int i = 0; i < 4000; i++) {
            for (int s : sampler.next().style()) {
                counts[s]++;
            }
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 2000) < 200, Arrays.toString(counts));
        }
    }

    @Test
    void restoredSamplerDrawsTheSameBatches(@TempDir Path dir) throws Exception {
        BatchSampler original = sampler(new RunRandom(12), 37, 8);
        for (int i = 0; i < 6; i++) { // into the second epoch (4 batches per epoch)
            original.next();
        }
        BatchSamplerState saved = original.state();
        ObjectMapper json = new ObjectMapper();
        json.writeValue(dir.resolve("sampler.json").toFile(), saved);
        BatchSamplerState loaded = json.readValue(dir.resolve("sampler.json").toFile(), BatchSamplerState.class);

        List<Batch> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // across two more epoch boundaries
            expected.add(original.next());
        }
        BatchSampler resumed = sampler(new RunRandom(12), 37, 8);
        resumed.restore(loaded);
        for (Batch e : expected) {
            Batch r = resumed.next();
            assertEquals(e.epoch(), r.epoch());
            assertEquals(e.indexInEpoch(), r.indexInEpoch());
            assertArrayEquals(e.content(), r.content());
            assertArrayEquals(e.style(), r.style());
        }
    }

    @Test
    void sameSeedSameSchedule() {
        BatchSampler a = sampler(new RunRandom(13), 20, 4);
        BatchSampler b = sampler(new RunRandom(13), 20, 4);
        for (int i = 0; i < 12; i++) {
            Batch x = a.next();
            Batch y = b.next();
            assertArrayEquals(x.content(), y.content());
            assertArrayEquals(x.style(), y.style());
        }
    }

    @Test
    void rejectsImpossibleSetupsAndForeignStates() {
        RunRandom run = new RunRandom(14);
        assertThrows(IllegalArgumentException.class, () -> sampler(run, 5, 8));
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(20, 4, run.stream("x"), run.stream("x")));
        BatchSamplerState other = sampler(new RunRandom(14), 21, 4).state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sampler(new RunRandom(14), 20, 4).restore(other));
        assertTrue(e.getMessage().contains("21 samples"), e.getMessage());
        int[] notAPermutation = new int[20];
        BatchSamplerState broken = new BatchSamplerState(20, 4, 0, 0, notAPermutation, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> sampler(new RunRandom(14), 20, 4).restore(broken));
    }
}
