package org.ftgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.mesh.PlyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetPreparerComaTest {
    @TempDir
    Path tmp;

    private static DatasetPreparer preparer(int threads) {
        return new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, threads);
    }

    private static PrepareResult prepare(PrepareRequest request) throws IOException {
        return preparer(2).prepare(request);
    }

    private static List<Integer> framesOf(PreparedDataset ds, String subject, String expression) {
        List<Integer> frames = new ArrayList<>();
        for (int i = 0; i < ds.sampleCount(); i++) {
            if (ds.subject(i).equals(subject) && ds.expression(i).equals(expression)) {
                frames.add(ds.manifest().sampleList().get(i).frame());
            }
        }
        return frames;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int f = from; f <= to; f++) {
            r.add(f);
        }
        return r;
    }

    @Test
    void fullComaLayoutGivesSeventeenClassesWithTenFramesEachSideOfThePeaks() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.fullComa(root, 2);
        Path out = tmp.resolve("prepared");
        PrepareResult result = prepare(PrepareRequest.of(DatasetKind.COMA, root, out));

        assertFalse(result.skipped());
        assertEquals(17, result.classCount());
        assertEquals(2, result.subjectCount());
        assertEquals(2 * (8 * 25 + 4 * 31), result.filesRead());
        // per subject: 12 neutral frames, 8 x 21 frames around single peaks, 4 x (14 + 15) in split halves
        assertEquals(2 * (12 + 8 * 21 + 4 * (14 + 15)), result.sampleCount());
        try (PreparedDataset ds = PreparedDataset.open(out, true)) {
            assertEquals(List.of("neutral", "bareteeth", "cheeks_in", "eyebrow", "high_smile", "lips_back", "lips_up",
                    "mouth_down_left", "mouth_down_right", "mouth_extreme", "mouth_middle_left", "mouth_middle_right",
                    "mouth_open", "mouth_side_left", "mouth_side_right", "mouth_up_left", "mouth_up_right"),
                    ds.classNames());
            String s = ComaFixture.subjectName(1);
            assertEquals(range(2, 22), framesOf(ds, s, "bareteeth"), "peak 12, 10 frames each side");
            // the first hump moves to -x: the subject's right; the window stops before the valley (15)
            assertEquals(range(1, 14), framesOf(ds, s, "mouth_side_right"), "clamped to frame 1 and to the half");
            assertEquals(range(16, 30), framesOf(ds, s, "mouth_side_left"), "clamped to the half and the end");
            assertEquals(12, framesOf(ds, s, "neutral").size());
            assertEquals(List.of(0), framesOf(ds, s, "neutral").subList(0, 1));
            Map<String, Integer> counts = ds.manifest().counts().get(s);
            assertEquals(21, counts.get("lips_up"));
            assertEquals(15, counts.get("mouth_up_left"));
            Manifest.SequencePeaks side = ds.manifest().peaks().stream()
                    .filter(p -> p.subject().equals(s) && p.sequence().equals("mouth_side")).findFirst().orElseThrow();
            assertEquals(15, side.valleyFrame());
            assertEquals(8, side.peaks().get(0).frame());
            assertEquals(23, side.peaks().get(1).frame());
            assertTrue(side.peaks().get(0).sideMm() < 0 && side.peaks().get(1).sideMm() > 0);
            // one corner: the right corner moves first, drifting towards +x; its side is where it is
            assertEquals(range(1, 14), framesOf(ds, s, "mouth_down_right"));
            assertEquals(range(16, 30), framesOf(ds, s, "mouth_down_left"));
        }
    }

    @Test
    void peakIsTheLargestAvdFrameAndWindowsAreClampedToTheSequence() throws IOException {
        Path root = tmp.resolve("coma");
        String s = "S1";
        ComaFixture.singlePeak(root, s, "bareteeth", 0, 30, 4);
        ComaFixture.singlePeak(root, s, "eyebrow", 0, 30, 26);
        ComaFixture.singlePeak(root, s, "lips_up", 0, 40, 17);
        Path out = tmp.resolve("out");
        prepare(PrepareRequest.of(DatasetKind.COMA, root, out));
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            assertEquals(range(1, 14), framesOf(ds, s, "bareteeth"));
            assertEquals(range(16, 29), framesOf(ds, s, "eyebrow"));
            assertEquals(range(7, 27), framesOf(ds, s, "lips_up"));
            assertEquals(List.of("neutral", "bareteeth", "eyebrow", "lips_up"), ds.classNames());
            Manifest.SequencePeaks lips = ds.manifest().peaks().get(2);
            assertEquals("avd", lips.method());
            // AVD of the peak: 5 mm times the mean field magnitude (recomputed from the field)
            float[] field = ComaFixture.forwardField();
            double mean = 0;
            for (int v = 0; v < ComaFixture.V; v++) {
                mean += Math.sqrt(field[3 * v] * field[3 * v] + field[3 * v + 1] * field[3 * v + 1]
                        + field[3 * v + 2] * field[3 * v + 2]);
            }
            mean /= ComaFixture.V;
            assertEquals(5.0 * mean, lips.peaks().get(0).avdMm(), 1e-3);
        }
    }

    @Test
    void splitSequenceSidesFollowTheDisplacementNotTheOrder() throws IOException {
        Path root = tmp.resolve("coma");
        // left first this time, humps of different heights, and a one-sided sequence
        ComaFixture.writeSequence(root, "S1", "mouth_middle", ComaFixture.identity(0), ComaFixture.lateralField(1f),
                ComaFixture.hump(40, 10, 8), ComaFixture.lateralField(-1f), scaled(ComaFixture.hump(40, 28, 8), 0.5f));
        ComaFixture.writeSequence(root, "S1", "mouth_up", ComaFixture.identity(0), ComaFixture.cornerField(-1f),
                ComaFixture.hump(20, 9, 20), null, null);
        ComaFixture.writeSequence(root, "S1", "mouth_side", ComaFixture.identity(0), ComaFixture.lateralField(1f),
                ComaFixture.hump(20, 9, 20), null, null);
        Path out = tmp.resolve("out");
        PrepareResult r = prepare(PrepareRequest.of(DatasetKind.COMA, root, out));
        assertEquals(List.of("S1/mouth_side: one side only, kept as mouth_side_left",
                "S1/mouth_up: one side only, kept as mouth_up_right"), r.notes());
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            // valley: first zero-AVD frame between the humps (hump 1 ends at 18, hump 2 starts at 20)
            assertEquals(range(1, 17), framesOf(ds, "S1", "mouth_middle_left"));
            assertEquals(range(19, 38), framesOf(ds, "S1", "mouth_middle_right"));
            assertEquals(range(1, 19), framesOf(ds, "S1", "mouth_up_right"));
            assertEquals(range(1, 19), framesOf(ds, "S1", "mouth_side_left"));
            assertEquals(List.of("neutral", "mouth_middle_left", "mouth_middle_right", "mouth_side_left",
                    "mouth_up_right"), ds.classNames());
        }
    }

    private static float[] scaled(float[] a, float k) {
        float[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] *= k;
        }
        return b;
    }

    @Test
    void peaksFileOverridesTheAvdChoice() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 30, 12);
        ComaFixture.singlePeak(root, "S1", "eyebrow", 0, 30, 12);
        ComaFixture.twoHumps(root, "S1", "mouth_side", 0, 31, 8, 23, 1f);
        Path peaks = tmp.resolve("peaks.csv");
        Files.writeString(peaks, """
                subject,expression,frame,frame2
                # hand-checked
                S1,bareteeth,20
                S1\tmouth_side\t5\t26
                """);
        Path out = tmp.resolve("out");
        prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withPeaksFile(peaks));
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            assertEquals(range(10, 29), framesOf(ds, "S1", "bareteeth"));
            assertEquals(range(2, 22), framesOf(ds, "S1", "eyebrow"), "no override: AVD peak");
            // cut at the lowest AVD between 5 and 26 (frame 15); first hump moves left
            assertEquals(range(1, 14), framesOf(ds, "S1", "mouth_side_left"));
            assertEquals(range(16, 30), framesOf(ds, "S1", "mouth_side_right"));
            assertEquals("override", ds.manifest().peaks().get(0).method());
            assertEquals("avd", ds.manifest().peaks().get(1).method());
            assertEquals(Sha256.ofFile(peaks), ds.manifest().source().peaksFileSha256());
        }
    }

    @Test
    void badPeaksFileLinesAreNamed() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 30, 12);
        ComaFixture.singlePeak(root, "S1", "lips_up", 0, 30, 12);
        ComaFixture.twoHumps(root, "S1", "mouth_side", 0, 31, 8, 23, 1f);
        Path peaks = tmp.resolve("peaks.tsv");
        Files.writeString(peaks, "S1,bareteeth,30\nS9,bareteeth,3\nS1,eyebrow,3\nS1,lips_up,2,9\nS1,mouth_side,0\n");
        Path out = tmp.resolve("out");
        DatasetException e = assertThrows(DatasetException.class,
                () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withPeaksFile(peaks)));
        assertTrue(e.getMessage().contains("line 1: frame 30 out of range: S1/bareteeth has 30 frames"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2: unknown subject 'S9'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3: subject S1 has no sequence 'eyebrow'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4: lips_up is not split"), e.getMessage());
        assertTrue(e.getMessage().contains("line 5: frame 0 out of range"), e.getMessage());
        assertFalse(Files.exists(out));

        Files.writeString(peaks, "S1,bareteeth,twelve\n");
        DatasetException syntax = assertThrows(DatasetException.class,
                () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withPeaksFile(peaks)));
        assertTrue(syntax.getMessage().contains("peaks.tsv line 1: frame 'twelve' is not a whole number"),
                syntax.getMessage());
    }

    @Test
    void coordinatesAreStoredInMillimetres() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 25, 12);
        Path out = tmp.resolve("out");
        prepare(PrepareRequest.of(DatasetKind.COMA, root, out));
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            assertEquals("m", ds.manifest().sourceUnit());
            assertEquals(1000.0, ds.manifest().sourceScale());
            for (int i = 0; i < ds.sampleCount(); i++) {
                float[] source = MeshFiles.read(root.resolve(ds.source(i))).positions();
                float[] stored = ds.positions(i);
                for (int k = 0; k < source.length; k++) {
                    assertEquals(source[k] * 1000.0, stored[k], 1e-4, "sample " + i + " value " + k);
                }
            }
            float[] templateSource = MeshFiles.read(root.resolve(ds.source(0))).positions();
            assertEquals(templateSource[5] * 1000.0, ds.template().positions()[5], 1e-4);
            assertEquals(TemplateHash.of(ds.template()), ds.templateHash());
        }
    }

    @Test
    void splitIsNineToOneAndDeterministicForASeed() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.fullComa(root, 1);
        PrepareResult a = prepare(PrepareRequest.of(DatasetKind.COMA, root, tmp.resolve("a")).withSeed(7));
        PrepareResult b = preparer(1).prepare(PrepareRequest.of(DatasetKind.COMA, root, tmp.resolve("b")).withSeed(7));
        PrepareResult c = prepare(PrepareRequest.of(DatasetKind.COMA, root, tmp.resolve("c")).withSeed(8));
        int n = a.sampleCount();
        assertEquals(Math.round(n / 10.0), a.testCount());
        assertEquals(n, a.trainCount() + a.testCount());
        try (PreparedDataset da = PreparedDataset.open(tmp.resolve("a"));
             PreparedDataset db = PreparedDataset.open(tmp.resolve("b"));
             PreparedDataset dc = PreparedDataset.open(tmp.resolve("c"))) {
            assertArrayEquals(da.testIndices(), db.testIndices(), "same seed, same split (1 or 2 threads)");
            assertEquals(da.manifest().samples().sha256(), db.manifest().samples().sha256(),
                    "the binary does not depend on the thread count");
            assertFalse(Arrays.equals(da.testIndices(), dc.testIndices()), "another seed, another split");
            assertEquals(da.testIndices().length, dc.testIndices().length);
            for (int i : da.testIndices()) {
                assertEquals(PreparedDataset.Split.TEST, da.split(i));
            }
            assertEquals(PreparedDataset.Split.TRAIN, da.split(da.trainIndices()[0]));
        }
        assertEquals(c.sampleCount(), b.sampleCount());
    }

    @Test
    void statisticsEqualADirectComputationOverTheTrainSplit() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.fullComa(root, 2);
        Path out = tmp.resolve("out");
        prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withSeed(3));
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            int[] train = ds.trainIndices();
            int len = 3 * ds.vertexCount();
            double[] mean = new double[len];
            for (int i : train) {
                float[] p = ds.positions(i);
                for (int k = 0; k < len; k++) {
                    mean[k] += p[k];
                }
            }
            for (int k = 0; k < len; k++) {
                mean[k] /= train.length;
            }
            double[] var = new double[len];
            for (int i : train) {
                float[] p = ds.positions(i);
                for (int k = 0; k < len; k++) {
                    var[k] += (p[k] - mean[k]) * (p[k] - mean[k]);
                }
            }
            float[] gotMean = ds.mean();
            float[] gotStd = ds.std();
            for (int k = 0; k < len; k++) {
                double std = Math.max(NormalizationStats.STD_FLOOR_MM, Math.sqrt(var[k] / train.length));
                assertEquals(mean[k], gotMean[k], 1e-4, "mean " + k);
                assertEquals(std, gotStd[k], 1e-4, "std " + k);
            }
            // vertex 0 never moves and is the same for everyone: its std is the floor
            assertEquals((float) NormalizationStats.STD_FLOOR_MM, gotStd[0]);
            assertTrue(gotStd[3 * 10 + 2] > 0.5, "a moving vertex varies by millimetres");
            assertEquals(train.length, ds.manifest().normalization().trainCount());
        }
    }

    @Test
    void scansWithOtherTopologyAreAllReportedAndNothingIsWritten() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.fullComa(root, 2);
        String s1 = ComaFixture.subjectName(0);
        String s2 = ComaFixture.subjectName(1);
        Mesh bigger = MeshShapes.grid(6, 6, 0.01f);
        PlyWriter.write(ComaFixture.frameFile(root, s1, "bareteeth", 12), bigger);
        Mesh base = ComaFixture.base();
        int[] flipped = base.triangles().clone();
        int t = flipped[3 * 7 + 1];
        flipped[3 * 7 + 1] = flipped[3 * 7 + 2];
        flipped[3 * 7 + 2] = t;
        PlyWriter.write(ComaFixture.frameFile(root, s2, "eyebrow", 3),
                new Mesh(base.positions().clone(), flipped));
        float[] extraVertex = Arrays.copyOf(base.positions(), base.positions().length + 3);
        PlyWriter.write(ComaFixture.frameFile(root, s2, "mouth_up", 30),
                new Mesh(extraVertex, base.triangles().clone()));

        Path out = tmp.resolve("out");
        DatasetException e = assertThrows(DatasetException.class,
                () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, out)));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertEquals(s2 + "/mouth_up/mouth_up.000030.ply: 31 vertices, template has 30", e.problems().get(2));
        assertTrue(e.problems().contains(s1 + "/bareteeth/bareteeth.000012.ply: 36 vertices and 50 faces, template has 30 vertices"
                + " and 40 faces"),
                e.problems().toString());
        assertTrue(e.problems().get(1).equals(s2 + "/eyebrow/eyebrow.000003.ply: triangles differ from the template's"
                + " from face 7 on (same counts: 30 vertices, 40 faces)"), e.problems().toString());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("coma"), left.map(p -> p.getFileName().toString()).toList(), "no staging left over");
        }
    }

    @Test
    void aFailedRunLeavesAnEarlierOutputUntouched() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 25, 12);
        ComaFixture.singlePeak(root, "S1", "eyebrow", 0, 25, 12);
        Path out = tmp.resolve("out");
        prepare(PrepareRequest.of(DatasetKind.COMA, root, out));
        byte[] manifest = Files.readAllBytes(out.resolve(Manifest.FILE));
        byte[] samples = Files.readAllBytes(out.resolve(Manifest.SAMPLES_FILE));

        PlyWriter.write(ComaFixture.frameFile(root, "S1", "eyebrow", 24),
                MeshShapes.grid(5, 5, 0.01f));
        DatasetException e = assertThrows(DatasetException.class,
                () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, out)));
        assertTrue(e.getMessage().contains("S1/eyebrow/eyebrow.000024.ply: 25 vertices and 32 faces, template has 30"
                + " vertices and 40 faces"), e.getMessage());
        assertArrayEquals(manifest, Files.readAllBytes(out.resolve(Manifest.FILE)));
        assertArrayEquals(samples, Files.readAllBytes(out.resolve(Manifest.SAMPLES_FILE)));
    }

    @Test
    void unchangedSourcesAreSkippedAndAChangedFileIsPreparedAgain() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 25, 12);
        ComaFixture.singlePeak(root, "S2", "bareteeth", 1, 25, 12);
        Path out = tmp.resolve("out");
        PrepareResult first = prepare(PrepareRequest.of(DatasetKind.COMA, root, out));
        assertFalse(first.skipped());
        assertTrue(first.bytesRead() > 0);
        Path manifestFile = out.resolve(Manifest.FILE);
        byte[] manifest = Files.readAllBytes(manifestFile);
        var modified = Files.getLastModifiedTime(manifestFile);

        PrepareResult second = prepare(PrepareRequest.of(DatasetKind.COMA, root, out));
        assertTrue(second.skipped());
        assertEquals(0, second.filesRead());
        assertEquals(first.sampleCount(), second.sampleCount());
        assertEquals(first.testCount(), second.testCount());
        assertArrayEquals(manifest, Files.readAllBytes(manifestFile));
        assertEquals(modified, Files.getLastModifiedTime(manifestFile));

        PrepareResult otherSeed = prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withSeed(5));
        assertFalse(otherSeed.skipped(), "the seed is part of the content hash");

        // same size, new content and a later modification time
        Path frame = ComaFixture.frameFile(root, "S2", "bareteeth", 12);
        Mesh m = MeshFiles.read(frame);
        float[] p = m.positions().clone();
        p[5] += 0.01f;
        PlyWriter.write(frame, m.withPositions(p));
        Files.setLastModifiedTime(frame, FileTime.fromMillis(
                Files.getLastModifiedTime(frame).toMillis() + 5000));
        PrepareResult third = prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withSeed(5));
        assertFalse(third.skipped());
        assertTrue(third.filesRead() > 0);
        try (PreparedDataset ds = PreparedDataset.open(out, true)) {
            int i = ds.manifest().sampleList().indexOf(new Manifest.SampleEntry("S2", "bareteeth", "bareteeth",
                    "S2/bareteeth/bareteeth.000012.ply", 12));
            assertTrue(i >= 0);
            assertEquals(p[5] * 1000.0, ds.positions(i)[5], 1e-3);
        }
    }

    @Test
    void damagedBinaryGivesClearErrors() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 25, 12);
        Path out = tmp.resolve("out");
        prepare(PrepareRequest.of(DatasetKind.COMA, root, out));
        Path bin = out.resolve(Manifest.SAMPLES_FILE);
        byte[] bytes = Files.readAllBytes(bin);

        bytes[100] ^= 0x40;
        Files.write(bin, bytes);
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            assertEquals(22, ds.sampleCount(), "without hash verification a flipped byte goes unnoticed");
        }
        DatasetException hash = assertThrows(DatasetException.class, () -> PreparedDataset.open(out, true));
        assertTrue(hash.getMessage().contains("samples.f32 has SHA-256"), hash.getMessage());

        Files.write(bin, Arrays.copyOf(bytes, bytes.length - 12));
        DatasetException shortFile = assertThrows(DatasetException.class, () -> PreparedDataset.open(out));
        assertTrue(shortFile.getMessage().contains("is " + (bytes.length - 12) + " bytes, the manifest expects 22"
                + " samples x 30 vertices x 3 x 4 = " + bytes.length + " bytes"), shortFile.getMessage());

        Files.delete(bin);
        DatasetException missing = assertThrows(DatasetException.class, () -> PreparedDataset.open(out));
        assertTrue(missing.getMessage().contains("samples.f32 is missing"), missing.getMessage());

        Files.writeString(out.resolve(Manifest.FILE), "{\"formatVersion\": 99}");
        DatasetException version = assertThrows(DatasetException.class, () -> PreparedDataset.open(out));
        assertTrue(version.getMessage().contains("format version 99, this build reads version 1"),
                version.getMessage());

        DatasetException none = assertThrows(DatasetException.class, () -> PreparedDataset.open(tmp.resolve("nope")));
        assertTrue(none.getMessage().contains("not a prepared dataset"), none.getMessage());
    }

    @Test
    void progressIsReportedToTheListenerOnTheCallingThread() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 25, 12);
        ComaFixture.singlePeak(root, "S2", "bareteeth", 1, 25, 12);
        List<PrepareProgress> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();
        PrepareListener listener = p -> {
            assertEquals(caller, Thread.currentThread());
            seen.add(p);
        };
        new DatasetPreparer(MeshFiles::read, listener, 2).prepare(PrepareRequest.of(DatasetKind.COMA, root,
                tmp.resolve("out")));
        assertEquals("listing", seen.get(0).phase());
        PrepareProgress last = seen.get(seen.size() - 1);
        assertEquals("done", last.phase());
        assertEquals(50, last.filesDone());
        assertEquals(50, last.filesTotal());
        assertEquals(last.bytesTotal(), last.bytesDone());
        assertEquals(0.0, last.etaSeconds());
        assertTrue(last.describe().startsWith("done 50/50 files, "), last.describe());
        assertTrue(seen.stream().anyMatch(p -> p.phase().equals("statistics")));
    }

    @Test
    void excludedSubjectsAreLeftOutAndTheirPeakLinesIgnored() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 25, 12);
        ComaFixture.singlePeak(root, "S2", "bareteeth", 1, 25, 12);
        Path exclude = tmp.resolve("exclude.txt");
        Files.writeString(exclude, "S2\n");
        Path peaks = tmp.resolve("peaks.csv");
        Files.writeString(peaks, "S2,bareteeth,99\n");
        Path out = tmp.resolve("out");
        PrepareResult r = prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withExcludeFile(exclude)
                .withPeaksFile(peaks));
        assertEquals(1, r.subjectCount());
        assertEquals(25, r.filesRead(), "the excluded subject is not read");
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            assertEquals(List.of("S1"), ds.subjects());
            assertEquals(List.of("S2"), ds.manifest().excludedSubjects());
        }

        Files.writeString(exclude, "S2 S3\n");
        DatasetException e = assertThrows(DatasetException.class,
                () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withExcludeFile(exclude)));
        assertTrue(e.getMessage().contains("exclude.txt line 1: expected one subject id, got 'S2 S3'"),
                e.getMessage());
    }

    @Test
    void refusesToReplaceADirectoryThatIsNotAPreparedDataset() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 25, 12);
        Path out = tmp.resolve("home");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        DatasetException e = assertThrows(DatasetException.class,
                () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, out)));
        assertTrue(e.getMessage().contains("refusing to replace"), e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));

        DatasetException inside = assertThrows(DatasetException.class,
                () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, root.resolve("prepared"))));
        assertTrue(inside.getMessage().contains("must not contain each other"), inside.getMessage());
        assertThrows(DatasetException.class, () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, tmp)));
        assertTrue(Files.exists(ComaFixture.frameFile(root, "S1", "bareteeth", 0)));
    }

    @Test
    void templateComesFromTheRootOrTheOption() throws IOException {
        Path root = tmp.resolve("coma");
        ComaFixture.singlePeak(root, "S1", "bareteeth", 0, 25, 12);
        Mesh template = ComaFixture.base();
        PlyWriter.write(root.resolve("template.ply"), template);
        Path out = tmp.resolve("out");
        prepare(PrepareRequest.of(DatasetKind.COMA, root, out));
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            assertEquals("template.ply", ds.manifest().source().templateFile());
            assertEquals(template.positions()[3] * 1000f, ds.template().positions()[3], 1e-4);
        }
        Path other = tmp.resolve("elsewhere.ply");
        PlyWriter.write(other, ComaFixture.identity(4));
        PrepareResult r = prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withTemplateFile(other));
        assertFalse(r.skipped(), "another template changes the content hash");
        try (PreparedDataset ds = PreparedDataset.open(out)) {
            assertEquals(other.toAbsolutePath().toString(), ds.manifest().source().templateFile());
            assertEquals(ComaFixture.identity(4).positions()[3] * 1000f, ds.template().positions()[3], 1e-4);
        }
        PlyWriter.write(other, MeshShapes.grid(3, 3, 1f));
        DatasetException e = assertThrows(DatasetException.class,
                () -> prepare(PrepareRequest.of(DatasetKind.COMA, root, out).withTemplateFile(other)));
        assertEquals(25, e.problems().size(), "every frame is reported");
        assertTrue(e.problems().get(0).endsWith("30 vertices and 40 faces, template has 9 vertices and 8 faces"),
                e.problems().get(0));
    }
}
