package org.ftgan.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.mesh.PlyWriter;

/**
 * Writes small CoMA-layout datasets (metres, binary PLY) whose AVD curves are known exactly: a
 * 6 x 5 grid face whose frames are the subject's identity plus amplitude curves times fixed
 * displacement fields. Vertex 0 never moves and is the same for every subject.
 */
final class ComaFixture {
    static final List<String> COMA_EXPRESSIONS = List.of("bareteeth", "cheeks_in", "eyebrow", "high_smile",
            "lips_back", "lips_up", "mouth_down", "mouth_extreme", "mouth_middle", "mouth_open", "mouth_side",
            "mouth_up");
    static final int NX = 6;
    static final int NY = 5;
    static final int V = NX * NY;
    /** Peak displacement of a fully moving vertex, metres. */
    static final float HEIGHT = 0.005f;

    private ComaFixture() {
    }

    static Mesh base() {
        return MeshShapes.grid(NX, NY, 0.01f);
    }

    /** The subject's neutral face: the grid with seeded per-vertex offsets of up to 2 mm (not vertex 0). */
    static Mesh identity(int subject) {
        Mesh base = base();
        float[] p = base.positions().clone();
        SplittableRandom r = new SplittableRandom(1000 + subject);
        for (int i = 3; i < p.length; i++) {
            p[i] += (float) (r.nextDouble(-0.002, 0.002));
        }
        return base.withPositions(p);
    }

    /**
     * The mouth moving sideways: along x (+1 = the subject's left), strong on the two middle
     * columns, weak elsewhere, so where it moves says nothing about the side.
     */
    static float[] lateralField(float sign) {
        float[] f = new float[3 * V];
        for (int v = 1; v < V; v++) {
            int col = v % NX;
            float w = col == 2 || col == 3 ? 1f : 0.2f;
            f[3 * v] = sign * w;
            f[3 * v + 1] = 0.3f * w;
        }
        return f;
    }

    /**
     * One corner pulled down on the subject's {@code side} (+1 left = the two +x columns, -1 the
     * two -x columns), drifting slightly inwards, so which way it moves along x is the wrong cue.
     */
    static float[] cornerField(float side) {
        float[] f = new float[3 * V];
        for (int v = 1; v < V; v++) {
            int col = v % NX;
            boolean strong = side > 0 ? col >= NX - 2 : col <= 1;
            float w = strong ? 1f : 0.1f;
            f[3 * v] = -side * 0.3f * w;
            f[3 * v + 1] = -w;
        }
        return f;
    }

    /** Movement mostly along z, stronger on the upper rows. */
    static float[] forwardField() {
        float[] f = new float[3 * V];
        for (int v = 1; v < V; v++) {
            float w = v / NX >= 2 ? 1f : 0.3f;
            f[3 * v + 1] = 0.2f * w;
            f[3 * v + 2] = w;
        }
        return f;
    }

    /** A triangular hump: 0 at frame 0, HEIGHT at {@code peak}, falling by HEIGHT / halfWidth per frame, never below 0. */
    static float[] hump(int frames, int peak, int halfWidth) {
        float[] a = new float[frames];
        for (int f = 1; f < frames; f++) {
            a[f] = Math.max(0f, HEIGHT * (1f - Math.abs(f - peak) / (float) halfWidth));
        }
        return a;
    }

    /** Writes root/subject/expression/expression.NNNNNN.ply for identity + ampA x fieldA (+ ampB x fieldB). */
    static void writeSequence(Path root, String subject, String expression, Mesh identity, float[] fieldA,
                              float[] ampA, float[] fieldB, float[] ampB) throws IOException {
        for (int f = 0; f < ampA.length; f++) {
            float[] p = identity.positions().clone();
            for (int i = 0; i < p.length; i++) {
                p[i] += ampA[f] * fieldA[i] + (fieldB == null ? 0f : ampB[f] * fieldB[i]);
            }
            PlyWriter.write(frameFile(root, subject, expression, f), identity.withPositions(p));
        }
    }

    static Path frameFile(Path root, String subject, String expression, int frame) {
        return root.resolve(subject).resolve(expression).resolve(String.format("%s.%06d.ply", expression, frame));
    }

    /** One forward hump with its peak at {@code peak}, wide enough that the AVD keeps falling away from it. */
    static void singlePeak(Path root, String subject, String expression, int subjectIndex, int frames, int peak)
            throws IOException {
        writeSequence(root, subject, expression, identity(subjectIndex), forwardField(), hump(frames, peak, frames),
                null, null);
    }

    /**
     * Two humps of half-width 7 at {@code peakA} and {@code peakB}; the first on side {@code signA}
     * (+1 left), the second on the other. mouth_up and mouth_down move one corner
     * ({@link #cornerField}), the other sequences move sideways ({@link #lateralField}).
     */
    static void twoHumps(Path root, String subject, String expression, int subjectIndex, int frames, int peakA,
                         int peakB, float signA) throws IOException {
        writeSequence(root, subject, expression, identity(subjectIndex), sideField(expression, signA),
                hump(frames, peakA, 7), sideField(expression, -signA), hump(frames, peakB, 7));
    }

    static float[] sideField(String expression, float side) {
        return expression.equals("mouth_up") || expression.equals("mouth_down") ? cornerField(side)
                : lateralField(side);
    }

    /**
     * Every CoMA expression for each subject: 25-frame single humps peaking at 12; the split
     * sequences 31 frames, first hump at 8 moving right, second at 23 moving left (valley at 15).
     */
    static void fullComa(Path root, int subjects) throws IOException {
        for (int s = 0; s < subjects; s++) {
            String subject = subjectName(s);
            for (String e : COMA_EXPRESSIONS) {
                if (ExpressionClasses.SPLIT_SEQUENCES.contains(e)) {
                    twoHumps(root, subject, e, s, 31, 8, 23, -1f);
                } else {
                    singlePeak(root, subject, e, s, 25, 12);
                }
            }
        }
    }

    static String subjectName(int s) {
        return String.format("FaceTalk_1707%02d_TA", s + 1);
    }
}
