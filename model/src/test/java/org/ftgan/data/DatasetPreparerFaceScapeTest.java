package org.ftgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetPreparerFaceScapeTest {
    @TempDir
    Path tmp;

    /** root/subject/models_reg/k_expression.obj for subjects 1..subjects, in mm; each scan a different grid. */
    private static void writeFaceScape(Path root, int subjects) throws IOException {
        Mesh base = MeshShapes.grid(5, 4, 10f);
        for (int s = 1; s <= subjects; s++) {
            for (int k = 1; k <= 20; k++) {
                float[] p = base.positions().clone();
                for (int v = 1; v < base.vertexCount(); v++) {
                    p[3 * v + 2] += s * 0.5f + k * 0.1f * (v % 5);
                }
                String name = k + "_" + ExpressionClasses.FACESCAPE.get(k - 1) + ".obj";
                MeshFiles.write(root.resolve(String.valueOf(s)).resolve("models_reg").resolve(name),
                        base.withPositions(p));
            }
        }
    }

    @Test
    void excludedSubjectsAndMissingScansAreLeftOutAndReported() throws IOException {
        Path root = tmp.resolve("facescape");
        writeFaceScape(root, 11);
        Files.delete(root.resolve("2/models_reg/8_mouth_left.obj"));
        Files.writeString(root.resolve("2/models_reg/8_mouth_left.mtl"), "newmtl skin\n");
        Path exclude = tmp.resolve("exclude.txt");
        Files.writeString(exclude, "# scans with issues\n3\n\n10  # blurry\n999\n");
        Path out = tmp.resolve("out");
        List<String> notes = new ArrayList<>();
        PrepareListener listener = new PrepareListener() {
            @Override
            public void onProgress(PrepareProgress progress) {
            }

            @Override
            public void onNote(String note) {
                notes.add(note);
            }
        };
        PrepareResult r = new DatasetPreparer(MeshFiles::read, listener, 2)
                .prepare(PrepareRequest.of(DatasetKind.FACESCAPE, root, out).withExcludeFile(exclude));

        int expected = 9 * 20 - 1;
        assertEquals(expected, r.sampleCount());
        assertEquals(expected, r.filesRead());
        assertEquals(9, r.subjectCount());
        assertEquals(20, r.classCount());
        assertEquals(18, r.testCount(), "10% of the scans");
        assertEquals(List.of("missing, skipped: 2/models_reg/8_mouth_left.obj"), notes);
        assertEquals(notes, r.notes());
        try (PreparedDataset ds = PreparedDataset.open(out, true)) {
            assertEquals(ExpressionClasses.FACESCAPE, ds.classNames());
            assertEquals(List.of("1", "2", "4", "5", "6", "7", "8", "9", "11"), ds.subjects(), "natural order");
            assertEquals(List.of("3", "10", "999"), ds.manifest().excludedSubjects());
            assertEquals(List.of("2/models_reg/8_mouth_left.obj"), ds.manifest().missingScans());
            assertEquals(Sha256.ofFile(exclude), ds.manifest().source().excludeFileSha256());
            assertEquals(0, ds.manifest().counts().get("2").get("mouth_left"));
            assertEquals(1, ds.manifest().counts().get("2").get("mouth_right"));
            assertEquals("mm", ds.manifest().sourceUnit());
            assertEquals(1.0, ds.manifest().sourceScale());
            assertTrue(ds.manifest().peaks().isEmpty());
            for (int i = 0; i < ds.sampleCount(); i++) {
                Manifest.SampleEntry e = ds.manifest().sampleList().get(i);
                assertNull(e.frame());
                int k = ExpressionClasses.FACESCAPE.indexOf(e.expression()) + 1;
                assertEquals(e.subject() + "/models_reg/" + k + "_" + e.expression() + ".obj", e.source());
                float[] source = MeshFiles.read(root.resolve(e.source())).positions();
                float[] stored = ds.positions(i);
                for (int c = 0; c < source.length; c++) {
                    assertEquals(source[c], stored[c], 0f, "millimetres are kept as they are");
                }
                assertEquals(k - 1, ds.classIndex(i));
            }
            assertEquals("1", ds.subject(0));
            assertEquals("neutral", ds.expression(0));
            assertEquals("smile", ds.expression(1));
        }
    }

    @Test
    void aSubjectWithoutModelsIsReportedAsMissingAndAnEmptyRootIsAnError() throws IOException {
        Path root = tmp.resolve("facescape");
        writeFaceScape(root, 2);
        Files.createDirectories(root.resolve("7"));
        PrepareResult r = new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, 1)
                .prepare(PrepareRequest.of(DatasetKind.FACESCAPE, root, tmp.resolve("out")));
        assertEquals(40, r.sampleCount());
        assertEquals(20, r.notes().size());
        assertEquals("missing, skipped: 7/models_reg/1_neutral.obj", r.notes().get(0));

        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty.resolve("1/models_reg"));
        DatasetException e = assertThrows(DatasetException.class, () -> new DatasetPreparer(MeshFiles::read,
                PrepareListener.NONE, 1).prepare(PrepareRequest.of(DatasetKind.FACESCAPE, empty, tmp.resolve("o2"))));
        assertTrue(e.getMessage().startsWith("no scans (root/subject/models_reg/k_expression.obj) found under"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("o2")));
    }

    @Test
    void peaksFileIsRefusedForFaceScape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrepareRequest.of(DatasetKind.FACESCAPE, tmp, tmp.resolve("out")).withPeaksFile(tmp.resolve("p")));
        assertTrue(e.getMessage().contains("--peaks applies to sequence datasets"), e.getMessage());
    }
}
