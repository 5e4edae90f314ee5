package org.ftgan.infer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.ftgan.data.Manifest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.eval.CheckpointEvaluation;
import org.ftgan.eval.MeshNormalization;
import org.ftgan.eval.NetworkCodec;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.MeshFormatException;
import org.ftgan.mesh.VertexDistance;
import org.ftgan.nn.FaceTuneGanNetworks;
import org.ftgan.train.Checkpoint;
import org.ftgan.train.RunConfig;
import org.ftgan.train.Trainer;

/**
 * One trained FaceTuneGAN loaded for inference: a checkpoint's networks (loaded exactly as
 * {@link CheckpointEvaluation} loads them) with the run's prepared dataset and its normalization.
 * Every operation normalizes with the dataset's train statistics, runs the networks through
 * {@link NetworkCodec} (one mesh per call) and de-normalizes to mm, as the evaluator does, and
 * measures errors with {@link VertexDistance#average}, the evaluator's AVD: a transfer of the
 * samples of an evaluation triplet gives that triplet's E_transfer and blendshape figures, and an
 * evaluation run with batches of one mesh gives exactly this service's numbers (the networks' float
 * rounding depends on the batch they run in, by about 1e-9 relative).
 *
 * <p>Thread-safe: the codec serializes its calls.
 */
public final class InferenceModel implements Closeable {
    /** The style intensity range of {@link #transfer}: -0.5 (away from the expression) to 2 (extrapolated). */
    public static final double MIN_ALPHA = -0.5;
    public static final double MAX_ALPHA = 2.0;
    /** Frames of an interpolation: 2 to this many. */
    public static final int MAX_FRAMES = 64;

    private final Path checkpointDir;
    private final long step;
    private final PreparedDataset data;
    private final NetworkCodec codec;
    private final MeshNormalization normalization;
    private final Mesh template;
    private final int contentDim;
    private final int styleDim;
    private final long approximateBytes;
    private final String topologyKey;

    private InferenceModel(Path checkpointDir, long step, PreparedDataset data, FaceTuneGanNetworks networks) {
        this.checkpointDir = checkpointDir;
        this.step = step;
        this.data = data;
        this.codec = new NetworkCodec(networks);
        this.normalization = new MeshNormalization(data.mean(), data.std());
        this.template = data.template();
        this.contentDim = networks.config().contentDim();
        this.styleDim = networks.config().styleDim();
        long generator = networks.contentEncoder().parameterCount() + networks.styleEncoder().parameterCount()
                + networks.decoder().parameterCount();
        int floats = 3 * data.vertexCount();
        // parameters (value and gradient), the replicas' buffers (a few meshes' worth per layer),
        // the normalization and the template: an estimate, used only to bound the cache
        this.approximateBytes = 8 * generator + 64L * floats * Float.BYTES + 3L * floats * Float.BYTES
                + (long) template.faceCount() * 3 * Integer.BYTES;
        this.topologyKey = topologyKey(template);
    }

    /** The SHA-256 (hex) of a template's vertex count and triangles: equal for meshes of one topology. */
    public static String topologyKey(Mesh template) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * template.triangles().length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(template.vertexCount());
        for (int i : template.triangles()) {
            b.putInt(i);
        }
        return java.util.HexFormat.of().formatHex(sha.digest(b.array()));
    }

    /**
     * Loads a checkpoint's networks on a prepared dataset (the one the run trained on).
     *
     * @throws IOException when the checkpoint or the dataset cannot be read, or do not belong together
     */
    public static InferenceModel load(Path checkpointDir, Path dataDir) throws IOException {
        Checkpoint checkpoint = Checkpoint.open(checkpointDir);
        RunConfig config = checkpoint.config();
        PreparedDataset data = PreparedDataset.open(dataDir);
        try {
            Trainer networks = CheckpointEvaluation.loadNetworks(checkpointDir, config, data);
            return new InferenceModel(checkpointDir, checkpoint.step(), data, networks.model().networks());
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    public Path checkpointDir() {
        return checkpointDir;
    }

    public long step() {
        return step;
    }

    public PreparedDataset data() {
        return data;
    }

    public Mesh template() {
        return template;
    }

    /** {@link #topologyKey(Mesh)} of this model's template. */
    public String topologyKey() {
        return topologyKey;
    }

    public int contentDim() {
        return contentDim;
    }

    public int styleDim() {
        return styleDim;
    }

    /** An estimate of the memory this model holds, for the cache's bound. */
    public long approximateBytes() {
        return approximateBytes;
    }

    /**
     * The largest upload accepted for one mesh of the template's size: an ASCII OBJ or PLY with
     * generously written numbers (80 bytes per vertex line, 40 per face line) plus 64 KiB of header and
     * comments. A file larger than that is no mesh of this topology.
     */
    public long maxUploadBytes() {
        return 80L * template.vertexCount() + 40L * template.faceCount() + 65536;
    }

    /** The content and style codes of a mesh. */
    public record Codes(float[] content, float[] style) {
    }

    public Codes encode(MeshInput mesh) throws IOException {
        float[] x = normalization.normalize(positions(mesh));
        return new Codes(contentCode(x), styleCode(x));
    }

    /**
     * A transfer and what it is compared with.
     *
     * @param model             Dec(Ec(A), s) with s the style code of B (alpha 1) or Es(A) + alpha (Es(B) - Es(A))
     * @param blendshape        A + alpha (B - B's neutral), the blendshape baseline (Table 4), or null without a
     *                          neutral of B's subject; with alpha 1 computed as the evaluator computes it
     * @param truth             the ground truth (A's subject performing B's expression), mm, or null
     * @param truthSample       its sample index, or null
     * @param styleNeutralSample the neutral of B's subject the baseline used, or null
     */
    public record Transfer(Prediction model, Prediction blendshape, float[] truth, Integer truthSample,
                           Integer styleNeutralSample, double alpha) {
    }

    /**
     * The content of {@code content} with the style of {@code style} at intensity {@code alpha}.
     *
     * @param truthSample        the ground truth's sample index; null to find it (A's subject, B's
     *                           sequence and frame) when both are samples of the dataset
     * @param styleNeutralSample the neutral of B's subject for the baseline; null for the first neutral
     *                           of B's subject when B is a sample
     */
    public Transfer transfer(MeshInput content, MeshInput style, double alpha, Integer truthSample,
                             Integer styleNeutralSample) throws IOException {
        checkAlpha(alpha);
        float[] a = positions(content);
        float[] b = positions(style);
        float[] normalizedA = normalization.normalize(a);
        float[] styleB = styleCode(normalization.normalize(b));
        float[] s = alpha == 1.0 ? styleB : mix(styleCode(normalizedA), styleB, alpha);
        float[] predicted = decode(contentCode(normalizedA), s);

        Integer truthIndex = truthSample != null ? Integer.valueOf(checkSample("truth", truthSample)) : sameFrameOf(content, style);
        float[] truth = truthIndex == null ? null : data.positions(truthIndex);
        Integer neutralIndex = styleNeutralSample != null ? Integer.valueOf(checkSample("style_neutral", styleNeutralSample))
                : firstNeutralOfSubjectOf(style);
        Prediction blendshape = null;
        if (neutralIndex != null) {
            float[] otherNeutral = data.positions(neutralIndex);
            float[] moved = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                moved[i] = alpha == 1.0 ? a[i] + (b[i] - otherNeutral[i]) : a[i] + (float) (alpha * (b[i] - otherNeutral[i]));
            }
            blendshape = prediction(moved, truth);
        }
        return new Transfer(prediction(predicted, truth), blendshape, truth, truthIndex, neutralIndex, alpha);
    }

    /**
     * A neutralization and its ground truth.
     *
     * @param neutralSample the neutral whose style code was used
     */
    public record Neutralization(Prediction model, float[] truth, Integer truthSample, int neutralSample) {
    }

    /**
     * Dec(Ec(mesh), Es(neutral)), as E_neu (Eq. 13).
     *
     * @param neutralSample the neutral whose style is used; null for the first neutral of another subject
     *                      (of the first subject when the mesh is an upload)
     * @param truthSample   the ground truth; null for the neutral of the mesh's own sequence (or its
     *                      subject's first neutral) when the mesh is a sample
     */
    public Neutralization neutralize(MeshInput mesh, Integer neutralSample, Integer truthSample) throws IOException {
        float[] x = positions(mesh);
        int neutral = neutralSample != null ? checkSample("neutral", neutralSample) : defaultNeutralStyle(mesh);
        float[] predicted = decode(contentCode(normalization.normalize(x)), styleCode(normalization.normalize(data.positions(neutral))));
        Integer truthIndex = truthSample != null ? Integer.valueOf(checkSample("truth", truthSample)) : ownNeutral(mesh);
        float[] truth = truthIndex == null ? null : data.positions(truthIndex);
        return new Neutralization(prediction(predicted, truth), truth, truthIndex, neutral);
    }

    /** Dec(Ec(x), Es(x)) against x itself, as E_rec (Eq. 11). */
    public Prediction reconstruct(MeshInput mesh) throws IOException {
        float[] x = positions(mesh);
        float[] n = normalization.normalize(x);
        return prediction(decode(contentCode(n), styleCode(n)), x);
    }

    /**
     * {@code frames} meshes of the content of {@code content} with styles from Es(from) to Es(to),
     * evenly spaced (the first exactly Es(from), the last exactly Es(to)); no ground truth.
     */
    public List<Prediction> interpolate(MeshInput content, MeshInput from, MeshInput to, int frames) throws IOException {
        if (frames < 2 || frames > MAX_FRAMES) {
            throw new InferenceException(InferenceException.INVALID_PARAMETER,
                    "frames: expected an integer from 2 to " + MAX_FRAMES + ", got " + frames);
        }
        return interpolate(content, from, to, frames, 0, frames);
    }

    /**
     * Frame {@code frame} (0 to frames - 1) of {@link #interpolate}, computed alone (the same mesh as
     * that frame of the whole interpolation).
     */
    public Prediction interpolationFrame(MeshInput content, MeshInput from, MeshInput to, int frames, int frame)
            throws IOException {
        if (frames < 2 || frames > MAX_FRAMES) {
            throw new InferenceException(InferenceException.INVALID_PARAMETER,
                    "frames: expected an integer from 2 to " + MAX_FRAMES + ", got " + frames);
        }
        if (frame < 0 || frame >= frames) {
            throw new InferenceException(InferenceException.INVALID_PARAMETER,
                    "frame: expected an integer from 0 to " + (frames - 1) + " (frames - 1), got " + frame);
        }
        return interpolate(content, from, to, frames, frame, frame + 1).get(0);
    }

    private List<Prediction> interpolate(MeshInput content, MeshInput from, MeshInput to, int frames, int first, int end)
            throws IOException {
        float[] c = contentCode(normalization.normalize(positions(content)));
        float[] s0 = styleCode(normalization.normalize(positions(from)));
        float[] s1 = styleCode(normalization.normalize(positions(to)));
        List<Prediction> out = new ArrayList<>();
        for (int k = first; k < end; k++) {
            float[] s = k == 0 ? s0 : k == frames - 1 ? s1 : mix(s0, s1, (double) k / (frames - 1));
            out.add(prediction(decode(c, s), null));
        }
        return out;
    }

    /** The positions of an input in mm, an upload checked against the template. */
    public float[] positions(MeshInput input) throws IOException {
        if (input instanceof MeshInput.Sample s) {
            return data.positions(checkSample(s.field(), s.index()));
        }
        if (input instanceof MeshInput.Positions p) {
            if (p.positions().length != 3 * template.vertexCount()) {
                throw new InferenceException(InferenceException.WRONG_TOPOLOGY, p.field() + ": the mesh has "
                        + p.positions().length / 3 + " vertices; this run's template has " + template.vertexCount());
            }
            return p.positions();
        }
        return uploaded((MeshInput.Upload) input);
    }

    /** Renders positions on the template's triangles, for writing a PLY. */
    public Mesh mesh(float[] positions) {
        return template.withPositions(positions);
    }

    private float[] uploaded(MeshInput.Upload u) throws IOException {
        String field = u.field();
        long limit = maxUploadBytes();
        if (u.bytes().length > limit) {
            throw new InferenceException(InferenceException.MESH_TOO_LARGE, field + ": the file has " + u.bytes().length
                    + " bytes; a mesh of this run's template (" + template.vertexCount() + " vertices, "
                    + template.faceCount() + " faces) is at most " + limit + " bytes");
        }
        String name = u.fileName() == null ? "" : u.fileName().toLowerCase(Locale.ROOT);
        String extension = name.endsWith(".obj") ? ".obj" : name.endsWith(".ply") ? ".ply" : null;
        if (extension == null) {
            // the content decides: PLY files start with "ply"
            extension = u.bytes().length >= 3 && u.bytes()[0] == 'p' && u.bytes()[1] == 'l' && u.bytes()[2] == 'y' ? ".ply" : ".obj";
        }
        double scale = unitScale(field, u.unit());
        Path dir = Files.createTempDirectory("ftgan-upload");
        Path file = dir.resolve(field.replaceAll("[^A-Za-z0-9_-]", "_") + extension);
        Mesh mesh;
        try {
            Files.write(file, u.bytes());
            mesh = MeshFiles.read(file);
        } catch (MeshFormatException e) {
            // the reader names the file by its temporary path: say the field instead
            String message = e.getMessage();
            String prefix = file + ": ";
            throw new InferenceException(InferenceException.INVALID_MESH, field + " (" + extension.substring(1).toUpperCase(Locale.ROOT)
                    + "): " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message));
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).replace(file.toString(), field + extension);
            throw new InferenceException(InferenceException.INVALID_MESH, field + ": not a readable PLY or OBJ mesh: " + message);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
        if (mesh.vertexCount() != template.vertexCount() || mesh.faceCount() != template.faceCount()) {
            throw new InferenceException(InferenceException.WRONG_TOPOLOGY, field + ": the mesh has " + mesh.vertexCount()
                    + " vertices and " + mesh.faceCount() + " faces; this run's template has " + template.vertexCount()
                    + " vertices and " + template.faceCount() + " faces");
        }
        if (!mesh.sameTopology(template)) {
            throw new InferenceException(InferenceException.WRONG_TOPOLOGY, field + ": the mesh has the template's "
                    + template.vertexCount() + " vertices and " + template.faceCount()
                    + " faces but other triangles; expected the template's triangles in the template's order");
        }
        float[] p = mesh.positions();
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = scale == 1.0 ? p[i] : (float) (p[i] * scale);
            if (!Float.isFinite(out[i])) {
                throw new InferenceException(InferenceException.INVALID_MESH, field + ": coordinate " + "xyz".charAt(i % 3)
                        + " of vertex " + i / 3 + " is " + out[i] + " in mm; expected finite coordinates");
            }
        }
        return out;
    }

    private double unitScale(String field, String unit) {
        if (unit == null) {
            Manifest m = data.manifest();
            return m.sourceScale();
        }
        return switch (unit) {
            case "mm" -> 1.0;
            case "m" -> 1000.0;
            default -> throw new InferenceException(InferenceException.INVALID_PARAMETER,
                    "unit: expected mm or m, got '" + unit + "'");
        };
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha >= MIN_ALPHA && alpha <= MAX_ALPHA)) {
            throw new InferenceException(InferenceException.INVALID_PARAMETER,
                    "alpha: expected a number from " + MIN_ALPHA + " to " + MAX_ALPHA + ", got " + alpha);
        }
    }

    private int checkSample(String field, int index) {
        if (index < 0 || index >= data.sampleCount()) {
            throw new InferenceException(InferenceException.INVALID_PARAMETER, field + ": sample " + index
                    + " is not in this run's dataset; expected an index from 0 to " + (data.sampleCount() - 1));
        }
        return index;
    }

    /** The sample of A's subject in B's sequence at B's frame and class, when both are samples. */
    private Integer sameFrameOf(MeshInput content, MeshInput style) {
        if (!(content instanceof MeshInput.Sample a) || !(style instanceof MeshInput.Sample b)) {
            return null;
        }
        Manifest.SampleEntry eb = data.manifest().sampleList().get(b.index());
        int subject = data.subjectIndex(a.index());
        for (int i = 0; i < data.sampleCount(); i++) {
            Manifest.SampleEntry e = data.manifest().sampleList().get(i);
            if (data.subjectIndex(i) == subject && data.classIndex(i) == data.classIndex(b.index())
                    && e.sequence().equals(eb.sequence()) && java.util.Objects.equals(e.frame(), eb.frame())) {
                return i;
            }
        }
        return null;
    }

    private Integer firstNeutralOfSubjectOf(MeshInput style) {
        if (!(style instanceof MeshInput.Sample b)) {
            return null;
        }
        int subject = data.subjectIndex(b.index());
        for (int i = 0; i < data.sampleCount(); i++) {
            if (data.subjectIndex(i) == subject && data.classIndex(i) == 0) {
                return i;
            }
        }
        return null;
    }

    /** The first neutral of a subject other than the mesh's (of any subject for an upload). */
    private int defaultNeutralStyle(MeshInput mesh) {
        int own = mesh instanceof MeshInput.Sample s ? data.subjectIndex(s.index()) : -1;
        for (int i = 0; i < data.sampleCount(); i++) {
            if (data.classIndex(i) == 0 && data.subjectIndex(i) != own) {
                return i;
            }
        }
        for (int i = 0; i < data.sampleCount(); i++) {
            if (data.classIndex(i) == 0) {
                return i;
            }
        }
        throw new InferenceException(InferenceException.INVALID_PARAMETER, "neutral: this run's dataset has no neutral sample");
    }

    /** The neutral of the sample's own sequence, else its subject's first neutral; null for an upload. */
    private Integer ownNeutral(MeshInput mesh) {
        if (!(mesh instanceof MeshInput.Sample s)) {
            return null;
        }
        int subject = data.subjectIndex(s.index());
        String sequence = data.manifest().sampleList().get(s.index()).sequence();
        Integer first = null;
        for (int i = 0; i < data.sampleCount(); i++) {
            if (data.subjectIndex(i) == subject && data.classIndex(i) == 0) {
                if (data.manifest().sampleList().get(i).sequence().equals(sequence)) {
                    return i;
                }
                if (first == null) {
                    first = i;
                }
            }
        }
        return first;
    }

    private float[] contentCode(float[] normalized) {
        return codec.contentCodes(new float[][] {normalized})[0];
    }

    private float[] styleCode(float[] normalized) {
        return codec.styleCodes(new float[][] {normalized})[0];
    }

    private float[] decode(float[] content, float[] style) {
        return normalization.denormalize(codec.decode(new float[][] {content}, new float[][] {style})[0]);
    }

    private static float[] mix(float[] from, float[] to, double t) {
        float[] out = new float[from.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (from[i] + t * (to[i] - from[i]));
        }
        return out;
    }

    private static Prediction prediction(float[] predicted, float[] truth) {
        if (truth == null) {
            return new Prediction(predicted, null, null);
        }
        float[] error = new float[predicted.length / 3];
        for (int v = 0; v < error.length; v++) {
            double dx = predicted[3 * v] - truth[3 * v];
            double dy = predicted[3 * v + 1] - truth[3 * v + 1];
            double dz = predicted[3 * v + 2] - truth[3 * v + 2];
            error[v] = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return new Prediction(predicted, error, VertexDistance.average(truth, predicted));
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
