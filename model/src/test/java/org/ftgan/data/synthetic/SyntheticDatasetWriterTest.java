package org.ftgan.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.VertexDistance;
import org.ftgan.mesh.Mesh;

class SyntheticDatasetWriterTest {
    /** 3 subjects, all 12 expressions, 9 frames: small but with every kind of sequence. */
    private static final SyntheticDatasetSpec SPEC = new SyntheticDatasetSpec(3, 12, 700, 9, 42);

    @TempDir
    static Path shared;
    private static Path set;
    private static List<long[]> progress = new ArrayList<>();

    @BeforeAll
    static void writeOnce() throws IOException {
        set = shared.resolve("set");
        SyntheticDatasetWriter.write(SPEC, set, (written, total) -> progress.add(new long[] {written, total}), 2);
    }

    @Test
    void layoutIsComa() throws IOException {
        assertTrue(Files.isRegularFile(set.resolve("template.ply")));
        assertTrue(Files.isRegularFile(set.resolve("synthetic.json")));
        List<String> top;
        try (Stream<Path> s = Files.list(set)) {
            top = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of("synth_000", "synth_001", "synth_002", "synthetic.json", "template.ply"), top);
        List<String> expected = List.of("bareteeth", "cheeks_in", "eyebrow", "high_smile", "lips_back", "lips_up",
                "mouth_down", "mouth_extreme", "mouth_middle", "mouth_open", "mouth_side", "mouth_up");
        for (int s = 0; s < 3; s++) {
            Path subject = set.resolve(SyntheticDataset.subjectName(s));
            List<String> expressions;
            try (Stream<Path> list = Files.list(subject)) {
                expressions = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            }
            assertEquals(expected, expressions);
            for (String e : expected) {
                List<String> frames;
                try (Stream<Path> list = Files.list(subject.resolve(e))) {
                    frames = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
                }
                List<String> names = new ArrayList<>();
                for (int f = 0; f < SPEC.frames(); f++) {
                    names.add(String.format("%s.%06d.ply", e, f));
                }
                assertEquals(names, frames, "frames of " + subject.getFileName() + "/" + e);
            }
        }
        Mesh template = MeshFiles.read(set.resolve("template.ply"));
        Mesh frame = MeshFiles.read(set.resolve("synth_001/mouth_up/mouth_up.000004.ply"));
        assertArrayEquals(template.triangles(), frame.triangles(), "every frame has the template's topology");
        assertEquals(template.positions().length, frame.positions().length);
    }

    @Test
    void firstFrameIsTheSubjectsNeutralAndPeaksAreWhereTheDescriptionSays() throws IOException {
        SyntheticDataset generated = SyntheticDataset.generate(SPEC);
        JsonNode json = new ObjectMapper().readTree(set.resolve("synthetic.json").toFile());
        assertEquals(SPEC.subjects() * 12, json.get("sequences").size());
        for (JsonNode seq : json.get("sequences")) {
            String subject = seq.get("subject").asText();
            String expression = seq.get("expression").asText();
            int s = Integer.parseInt(subject.substring("synth_".length()));
            float[][] frames = new float[SPEC.frames()][];
            for (int f = 0; f < frames.length; f++) {
                frames[f] = MeshFiles.read(SyntheticDatasetWriter.framePath(set, subject, expression, f)).positions();
            }
            assertArrayEquals(generated.subject(s).neutral().positions(), frames[0], subject + "/" + expression + " frame 0");
            double[] toFirst = new double[frames.length];
            for (int f = 0; f < frames.length; f++) {
                toFirst[f] = VertexDistance.average(frames[f], frames[0]);
            }
            if (seq.get("split").asBoolean()) {
                int middle = seq.get("restFrames").get(1).asInt();
                assertEquals(seq.get("leftPeakFrame").asInt(), argmax(toFirst, 0, middle), subject + "/" + expression + " left peak");
                assertEquals(seq.get("rightPeakFrame").asInt(), argmax(toFirst, middle, frames.length), subject + "/" + expression + " right peak");
                assertTrue(toFirst[middle] < 0.2 * toFirst[seq.get("leftPeakFrame").asInt()], "the face rests between the two peaks");
                assertLeftPeakMovesLeftSide(frames[0], frames[seq.get("leftPeakFrame").asInt()], frames[seq.get("rightPeakFrame").asInt()]);
            } else {
                assertEquals(seq.get("peakFrame").asInt(), argmax(toFirst, 0, frames.length), subject + "/" + expression + " peak");
            }
            assertTrue(toFirst[frames.length - 1] < 0.0002, "the last frame is back to neutral up to noise");
        }
    }

    @Test
    void descriptionNamesTheGeneratorSettings() throws IOException {
        JsonNode json = new ObjectMapper().readTree(set.resolve("synthetic.json").toFile());
        assertEquals(42, json.get("seed").asLong());
        assertEquals(3, json.get("subjects").asInt());
        assertEquals(9, json.get("framesPerSequence").asInt());
        assertEquals(700, json.get("requestedVertices").asInt());
        assertEquals(MeshFiles.read(set.resolve("template.ply")).positions().length / 3, json.get("vertices").asInt());
        assertEquals("mouth_down", json.get("splitExpressions").get(0).asText());
        assertEquals(4, json.get("splitExpressions").size());
        assertEquals("synth_002", json.get("subjectDetails").get(2).get("name").asText());
        assertTrue(json.get("subjectDetails").get(0).get("shape").has("hingeHeight"));
    }

    @Test
    void progressCountsEveryFrameOnceInOrder() {
        long total = 3L * 12 * 9;
        assertEquals(total, progress.size());
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(i + 1, progress.get(i)[0]);
            assertEquals(total, progress.get(i)[1]);
        }
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadCountAndAnotherSeedDiffers(@TempDir Path dir) throws IOException {
        SyntheticDatasetSpec spec = new SyntheticDatasetSpec(2, 5, 600, 6, 7);
        SyntheticDatasetWriter.write(spec, dir.resolve("a"), SyntheticProgressListener.NONE, 2);
        SyntheticDatasetWriter.write(spec, dir.resolve("b"), SyntheticProgressListener.NONE, 1);
        SyntheticDatasetWriter.write(new SyntheticDatasetSpec(2, 5, 600, 6, 8), dir.resolve("c"), SyntheticProgressListener.NONE, 2);
        String a = treeHash(dir.resolve("a"));
        assertEquals(a, treeHash(dir.resolve("b")));
        assertNotEquals(a, treeHash(dir.resolve("c")));
        // the template does not depend on the seed, the subjects do
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/template.ply")), Files.readAllBytes(dir.resolve("c/template.ply")));
    }

    @Test
    void refusesAFileAsOutput(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x"), "not a directory");
        IOException e = assertThrows(IOException.class, () -> SyntheticDatasetWriter.write(SPEC, file));
        assertTrue(e.getMessage().contains("not a directory"));
    }

    /** A split expression's left peak moves the +x half more than the -x half, the right peak the opposite. */
    private static void assertLeftPeakMovesLeftSide(float[] neutral, float[] left, float[] right) {
        double[] leftMotion = sideMotion(neutral, left);
        double[] rightMotion = sideMotion(neutral, right);
        assertTrue(leftMotion[0] > leftMotion[1], "left peak moves +x more than -x");
        assertTrue(rightMotion[1] > rightMotion[0], "right peak moves -x more than +x");
    }

    private static double[] sideMotion(float[] neutral, float[] frame) {
        double[] sums = new double[2];
        for (int i = 0; i < neutral.length; i += 3) {
            double dx = frame[i] - neutral[i];
            double dy = frame[i + 1] - neutral[i + 1];
            double dz = frame[i + 2] - neutral[i + 2];
            sums[neutral[i] > 0 ? 0 : 1] += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return sums;
    }

    private static int argmax(double[] v, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static String treeHash(Path root) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            }
            for (Path f : files) {
                digest.update(root.relativize(f).toString().getBytes());
                digest.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
