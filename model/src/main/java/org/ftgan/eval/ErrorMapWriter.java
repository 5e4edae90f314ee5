package org.ftgan.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.PlyWriter;

/**
 * Writes error-map meshes: the predicted mesh (mm, the template's triangles) as binary PLY with a
 * per-vertex float property {@value #PROPERTY}, the Euclidean distance in mm of each predicted
 * vertex to the ground truth.
 */
public final class ErrorMapWriter {
    /** Name of the per-vertex PLY property. */
    public static final String PROPERTY = "error";
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.]+");

    private final Path directory;
    private final Mesh template;

    public ErrorMapWriter(Path directory, Mesh template) throws IOException {
        this.directory = directory;
        this.template = template;
        Files.createDirectories(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Per-vertex Euclidean distance between two 3V position arrays. */
    public static float[] vertexErrors(float[] predicted, float[] truth) {
        if (predicted.length != truth.length || predicted.length % 3 != 0) {
            throw new IllegalArgumentException("expected two meshes of 3V floats, got " + predicted.length + " and "
                    + truth.length);
        }
        float[] e = new float[predicted.length / 3];
        for (int v = 0; v < e.length; v++) {
            double dx = predicted[3 * v] - truth[3 * v];
            double dy = predicted[3 * v + 1] - truth[3 * v + 1];
            double dz = predicted[3 * v + 2] - truth[3 * v + 2];
            e[v] = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return e;
    }

    /**
     * Writes {@code predicted} with its errors against {@code truth} and returns the file's entry.
     * {@code fileName} must be a plain name; build its parts with {@link #safeName} so subject and
     * expression names cannot leave the directory.
     */
    public EvaluationResult.ErrorMapFile write(String kind, String fileName, float[] predicted, float[] truth,
                                               String subject, String expression, int sample, String styleSubject,
                                               Integer styleSample) throws IOException {
        if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("error-map file name '" + fileName + "' must be a plain name inside "
                    + directory);
        }
        float[] errors = vertexErrors(predicted, truth);
        PlyWriter.write(directory.resolve(fileName), template.withPositions(predicted), PROPERTY, errors,
                PlyWriter.Encoding.BINARY_LITTLE_ENDIAN);
        double sum = 0;
        double max = 0;
        for (float e : errors) {
            sum += e;
            max = Math.max(max, e);
        }
        return new EvaluationResult.ErrorMapFile(kind, fileName, subject, expression, sample, styleSubject,
                styleSample, errors.length == 0 ? 0 : sum / errors.length, max);
    }

    /** A file-name part: runs of characters other than letters, digits, '_' and '.' become '_'. */
    public static String safeName(String part) {
        String s = UNSAFE.matcher(part).replaceAll("_");
        return s.equals(".") || s.equals("..") ? "_" : s;
    }
}
