package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.data.PreparedDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void prepare() throws IOException {
        data = TrainingFixture.prepared(tmp);
    }

    @Test
    void resumedRunRepeatsTheUninterruptedLossesBitForBit() throws IOException {
        Path straightConfig = TrainingFixture.config(tmp, "straight", data, "steps: 6\nlog_every: 1");
        Path splitConfig = TrainingFixture.config(tmp, "split", data, "steps: 6\nlog_every: 1");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            List<double[]> straight = new ArrayList<>();
            Trainer a = new Trainer(RunConfig.load(straightConfig), ds, recorder(straight, null));
            TrainingResult ra = a.run();
            assertEquals(6, ra.step());
            assertFalse(ra.stopped());

            List<double[]> split = new ArrayList<>();
            Trainer[] first = new Trainer[1];
            first[0] = new Trainer(RunConfig.load(splitConfig), ds, recorder(split, step -> {
                if (step == 3) {
                    first[0].requestStop();
                }
            }));
            TrainingResult r1 = first[0].run();
            assertTrue(r1.stopped());
            assertEquals(3, r1.step());
            assertTrue(r1.lastCheckpoint().endsWith("step-000000003"), r1.lastCheckpoint().toString());

            Trainer resumed = new Trainer(RunConfig.load(splitConfig), ds, recorder(split, null));
            resumed.resume(r1.lastCheckpoint());
            assertEquals(3, resumed.step());
            TrainingResult r2 = resumed.run();
            assertEquals(6, r2.step());

            assertEquals(6, straight.size());
            assertEquals(6, split.size());
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(bits(straight.get(i)), bits(split.get(i)), "losses of step " + (i + 1));
            }
            // the first steps must differ from each other, or the comparison proves nothing
            assertFalse(straight.get(0)[0] == straight.get(5)[0]);
        }
    }

    @Test
    void aRunResumedInsideALogIntervalReportsTheUninterruptedMeansBitForBit() throws IOException {
        // stopped at step 3 of log_every 2: the report at step 4 averages steps 3 and 4 either way
        Path straightConfig = TrainingFixture.config(tmp, "straight-log", data, "steps: 6\nlog_every: 2");
        Path splitConfig = TrainingFixture.config(tmp, "split-log", data, "steps: 6\nlog_every: 2");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            List<TrainingProgress> straight = new ArrayList<>();
            new Trainer(RunConfig.load(straightConfig), ds, progress(straight, null)).run();

            List<TrainingProgress> split = new ArrayList<>();
            Trainer[] first = new Trainer[1];
            first[0] = new Trainer(RunConfig.load(splitConfig), ds, progress(split, step -> {
                if (step == 3) {
                    first[0].requestStop();
                }
            }));
            TrainingResult r1 = first[0].run();
            assertEquals(3, r1.step());
            Trainer resumed = new Trainer(RunConfig.load(splitConfig), ds, progress(split, null));
            resumed.resume(r1.lastCheckpoint());
            resumed.run();

            assertEquals(List.of(2L, 4L, 6L), straight.stream().map(TrainingProgress::step).toList());
            assertEquals(List.of(2L, 4L, 6L), split.stream().map(TrainingProgress::step).toList());
            for (int i = 0; i < 3; i++) {
                assertEquals(straight.get(i).steps(), split.get(i).steps(), "steps in report " + i);
                assertArrayEquals(bits(LossTerms.values(straight.get(i).meanLosses())),
                        bits(LossTerms.values(split.get(i).meanLosses())), "means reported at step " + straight.get(i).step());
            }
        }
    }

    @Test
    void aFinishedRunContinuedToALargerBudgetReportsTheUninterruptedMeansBitForBit() throws IOException {
        // 6 steps of log_every 4 end with a report cut by the budget (steps 5-6); continued to 8, the
        // report at 8 must average steps 5-8, as the run trained to 8 at once does
        Path straightConfig = TrainingFixture.config(tmp, "straight-budget", data, "steps: 8\nlog_every: 4");
        Path shortConfig = TrainingFixture.config(tmp, "short-budget", data, "steps: 6\nlog_every: 4");
        Path longerConfig = TrainingFixture.config(tmp, "longer-budget", data, "steps: 8\nlog_every: 4");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            List<TrainingProgress> straight = new ArrayList<>();
            new Trainer(RunConfig.load(straightConfig), ds, progress(straight, null)).run();

            List<TrainingProgress> legs = new ArrayList<>();
            TrainingResult first = new Trainer(RunConfig.load(shortConfig), ds, progress(legs, null)).run();
            assertEquals(6, first.step());
            assertFalse(first.stopped());
            Trainer continued = new Trainer(RunConfig.load(longerConfig), ds, progress(legs, null));
            continued.resume(first.lastCheckpoint());
            assertEquals(8, continued.run().step());

            assertEquals(List.of(4L, 8L), straight.stream().map(TrainingProgress::step).toList());
            assertEquals(List.of(4L, 6L, 8L), legs.stream().map(TrainingProgress::step).toList());
            for (int[] pair : new int[][] {{0, 0}, {1, 2}}) {
                TrainingProgress a = straight.get(pair[0]);
                TrainingProgress b = legs.get(pair[1]);
                assertEquals(a.steps(), b.steps(), "steps in the report at step " + a.step());
                assertArrayEquals(bits(LossTerms.values(a.meanLosses())), bits(LossTerms.values(b.meanLosses())),
                        "means reported at step " + a.step());
            }
            // the end of the first leg reported its two steps alone
            assertEquals(2, legs.get(1).steps());
        }
    }

    private static TrainingListener progress(List<TrainingProgress> out, StepHook hook) {
        return new TrainingListener() {
            @Override
            public void onStep(long step, TrainingLosses losses) {
                if (hook != null) {
                    hook.after(step);
                }
            }

            @Override
            public void onProgress(TrainingProgress p) {
                out.add(p);
            }
        };
    }

    @Test
    void checkpointOfAnotherConfigIsRefusedNamingBothHashes() throws IOException {
        Path c1 = TrainingFixture.config(tmp, "one", data, "steps: 1");
        Path c2 = TrainingFixture.config(tmp, "other", data, "steps: 1\nlr: 2.0e-4");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            RunConfig one = RunConfig.load(c1);
            RunConfig other = RunConfig.load(c2);
            Path checkpoint = new Trainer(one, ds, TrainingListener.NONE).run().lastCheckpoint();
            Trainer t = new Trainer(other, ds, TrainingListener.NONE);
            CheckpointException e = assertThrows(CheckpointException.class, () -> t.resume(checkpoint));
            assertTrue(e.getMessage().contains(one.hash()) && e.getMessage().contains(other.hash()), e.getMessage());
        }
    }

    @Test
    void aTruncatedCheckpointIsRefusedNamingItsFile() throws IOException {
        Path c = TrainingFixture.config(tmp, "damaged", data, "steps: 1");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            RunConfig config = RunConfig.load(c);
            Path checkpoint = new Trainer(config, ds, TrainingListener.NONE).run().lastCheckpoint();
            Path tensors = checkpoint.resolve(Checkpoint.TENSORS_FILE);
            byte[] bytes = java.nio.file.Files.readAllBytes(tensors);
            java.nio.file.Files.write(tensors, java.util.Arrays.copyOf(bytes, bytes.length - 4));
            Trainer t = new Trainer(config, ds, TrainingListener.NONE);
            CheckpointException e = assertThrows(CheckpointException.class, () -> t.resume(checkpoint));
            assertTrue(e.getMessage().contains(tensors.toString()) && e.getMessage().contains(String.valueOf(bytes.length)),
                    e.getMessage());
            try (var names = java.nio.file.Files.list(checkpoint.getParent())) {
                assertEquals(List.of("step-000000001"), names.map(p -> p.getFileName().toString()).toList(),
                        "no staging directory is left behind");
            }
        }
    }

    @Test
    void aHugeLearningRateStopsTheRunNamingStepAndTerm() throws IOException {
        Path c = TrainingFixture.config(tmp, "diverge", data, "steps: 20\nlr: 1.0e30");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            Trainer t = new Trainer(RunConfig.load(c), ds, TrainingListener.NONE);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::run);
            assertTrue(e.step() >= 2 && e.step() <= 20, e.getMessage());
            assertTrue(LossTerms.NAMES.contains(e.term()), e.getMessage());
            assertTrue(e.getMessage().contains("step " + e.step()) && e.getMessage().contains(e.term()), e.getMessage());
            assertTrue(t.checkpoints().list().isEmpty(), "no checkpoint of a diverged state");
        }
    }

    @Test
    void aLossAboveTheDivergenceThresholdStopsTheRunAtThatStep() throws IOException {
        // every loss of an untrained network is far above 1e-9: stops at step 1 on any machine
        Path c = TrainingFixture.config(tmp, "threshold", data, "steps: 20\ndivergence_threshold: 1.0e-9");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            Trainer t = new Trainer(RunConfig.load(c), ds, TrainingListener.NONE);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::run);
            assertEquals(1, e.step(), e.getMessage());
            assertTrue(e.getMessage().contains("divergence_threshold 1.0E-9"), e.getMessage());
            assertTrue(t.checkpoints().list().isEmpty(), "no checkpoint of a diverged state");
        }
        Path off = TrainingFixture.config(tmp, "threshold-off", data, "steps: 2\ndivergence_threshold: 0");
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            assertEquals(2, new Trainer(RunConfig.load(off), ds, TrainingListener.NONE).run().step(), "0 is off");
        }
    }

    @Test
    void keepsOnlyTheNewestCheckpointsAndReportsProgress() throws IOException {
        Path c = TrainingFixture.config(tmp, "keep", data, "steps: 5\ncheckpoint_every_steps: 1\nkeep_last: 2\nlog_every: 2");
        List<TrainingProgress> reports = new ArrayList<>();
        List<Long> checkpoints = new ArrayList<>();
        try (PreparedDataset ds = PreparedDataset.open(data)) {
            Trainer t = new Trainer(RunConfig.load(c), ds, new TrainingListener() {
                @Override
                public void onProgress(TrainingProgress p) {
                    reports.add(p);
                }

                @Override
                public void onCheckpoint(long step, Path dir) {
                    checkpoints.add(step);
                }
            });
            t.run();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), checkpoints);
            List<Path> left = t.checkpoints().list();
            assertEquals(2, left.size());
            assertTrue(left.get(0).endsWith("step-000000004") && left.get(1).endsWith("step-000000005"), left.toString());
            assertEquals(List.of(2L, 4L, 5L), reports.stream().map(TrainingProgress::step).toList());
            assertEquals(1, reports.get(2).steps());
            assertTrue(reports.get(0).samplesPerSecond() > 0);
        }
    }

    private interface StepHook {
        void after(long step);
    }

    private static TrainingListener recorder(List<double[]> out, StepHook hook) {
        return new TrainingListener() {
            @Override
            public void onStep(long step, TrainingLosses losses) {
                out.add(LossTerms.values(losses));
                if (hook != null) {
                    hook.after(step);
                }
            }
        };
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToLongBits(v[i]);
        }
        return b;
    }
}
