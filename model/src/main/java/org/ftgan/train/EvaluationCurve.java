package org.ftgan.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ftgan.io.AtomicFiles;
import org.ftgan.names.FigureNames;

/**
 * A run's evaluation during training on disk: {@code OUTPUT/evaluation_curve.csv}, one row per
 * evaluation, and its best point by E_transfer. A resumed run first drops the rows after its
 * checkpoint's step (a crashed attempt may have written them; training is deterministic, so the
 * resumed run writes the same rows again). Each write replaces the file atomically.
 */
public final class EvaluationCurve {
    static final String HEADER = "step," + String.join(",", FigureNames.KEYS) + "," + FigureNames.BLENDSHAPE + ",triplets,seconds";
    private final Path file;
    private final List<EvaluationPoint> points = new ArrayList<>();

    private EvaluationCurve(Path file) {
        this.file = file;
    }

    /** The curve in {@code outputDir}, keeping only points up to {@code upToStep} (the step training continues from). */
    public static EvaluationCurve open(Path outputDir, long upToStep) throws IOException {
        EvaluationCurve c = new EvaluationCurve(outputDir.resolve("evaluation_curve.csv"));
        if (Files.isRegularFile(c.file)) {
            List<String> lines = Files.readAllLines(c.file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                EvaluationPoint p = parse(lines.get(i), c.file, i + 1);
                if (p.step() <= upToStep) {
                    c.points.add(p);
                }
            }
        }
        return c;
    }

    public List<EvaluationPoint> points() {
        return List.copyOf(points);
    }

    /** The point with the lowest E_transfer (the earliest among equals), or null before any finite one. */
    public EvaluationPoint best() {
        EvaluationPoint best = null;
        for (EvaluationPoint p : points) {
            if (Double.isFinite(p.transfer()) && (best == null || p.transfer() < best.transfer())) {
                best = p;
            }
        }
        return best;
    }

    public EvaluationPoint last() {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** Appends a point (replacing one of the same step) and rewrites the file. */
    public void add(EvaluationPoint p) throws IOException {
        points.removeIf(q -> q.step() >= p.step());
        points.add(p);
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EvaluationPoint q : points) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%d,%.3f%n", q.step(), num(q.reconstruction()),
                    num(q.identityDecomposition()), num(q.neutralization()), num(q.transfer()), num(q.blendshape()),
                    q.triplets(), q.seconds()));
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.writeBytes(file, sb.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static EvaluationPoint parse(String line, Path file, int lineNumber) throws IOException {
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new IOException(file + ": line " + lineNumber + ": expected 8 fields (" + HEADER + "), got " + f.length);
        }
        try {
            return new EvaluationPoint(Long.parseLong(f[0]), value(f[1]), value(f[2]), value(f[3]), value(f[4]), value(f[5]),
                    Integer.parseInt(f[6]), Double.parseDouble(f[7]));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": line " + lineNumber + ": " + e.getMessage());
        }
    }

    private static double value(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
