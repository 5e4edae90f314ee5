package org.ftgan.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;

/**
 * A prepared dataset directory opened for reading (by the trainer and the evaluator): the
 * manifest, the template and random access to every sample's positions in mm.
 *
 * <p>Opening checks the manifest's consistency, the binary's size and the template's vertex and
 * face counts, and optionally the SHA-256 of the binary and of the template. Reads are positional,
 * so one instance can serve several threads.
 */
public final class PreparedDataset implements Closeable {
    /** Which side of the train/test split a sample is on. */
    public enum Split { TRAIN, TEST }

    private final Path dir;
    private final Manifest manifest;
    private final Mesh template;
    private final FileChannel samples;
    private final int vertexCount;
    private final int[] classIndex;
    private final int[] subjectIndex;
    private final boolean[] isTest;

    private PreparedDataset(Path dir, Manifest manifest, Mesh template, FileChannel samples) {
        this.dir = dir;
        this.manifest = manifest;
        this.template = template;
        this.samples = samples;
        this.vertexCount = manifest.samples().vertexCount();
        int n = manifest.samples().count();
        Map<String, Integer> classes = indexOf(manifest.classNames());
        Map<String, Integer> subjects = indexOf(manifest.subjects());
        classIndex = new int[n];
        subjectIndex = new int[n];
        for (int i = 0; i < n; i++) {
            Manifest.SampleEntry e = manifest.sampleList().get(i);
            classIndex[i] = classes.get(e.expression());
            subjectIndex[i] = subjects.get(e.subject());
        }
        isTest = new boolean[n];
        for (int i : manifest.split().test()) {
            isTest[i] = true;
        }
    }

    /** Opens a prepared dataset, checking sizes but not hashes. */
    public static PreparedDataset open(Path dir) throws IOException {
        return open(dir, false);
    }

    /**
     * @param verifyHashes also recompute the SHA-256 of samples.f32 (reads the whole file) and of
     *                     the template, and compare them with the manifest
     */
    public static PreparedDataset open(Path dir, boolean verifyHashes) throws IOException {
        Manifest m = Manifest.read(dir.resolve(Manifest.FILE));
        Path samplesFile = dir.resolve(m.samples().file());
        if (!Files.isRegularFile(samplesFile)) {
            throw new DatasetException(samplesFile + " is missing (the manifest lists " + m.samples().count()
                    + " samples in it)");
        }
        long size = Files.size(samplesFile);
        if (size != m.samples().sizeBytes()) {
            throw new DatasetException(samplesFile + " is " + size + " bytes, the manifest expects "
                    + m.samples().count() + " samples x " + m.samples().vertexCount() + " vertices x 3 x 4 = "
                    + m.samples().sizeBytes() + " bytes (truncated, or from another preparation)");
        }
        Path templateFile = dir.resolve(m.template().file());
        Mesh template;
        try {
            template = MeshFiles.read(templateFile);
        } catch (NoSuchFileException e) {
            throw new DatasetException(templateFile + " is missing");
        }
        if (template.vertexCount() != m.template().vertexCount() || template.faceCount() != m.template().faceCount()) {
            throw new DatasetException(templateFile + " has " + template.vertexCount() + " vertices and "
                    + template.faceCount() + " faces, the manifest says " + m.template().vertexCount() + " and "
                    + m.template().faceCount());
        }
        if (verifyHashes) {
            String templateHash = TemplateHash.of(template);
            if (!templateHash.equals(m.template().sha256())) {
                throw new DatasetException(templateFile + " has SHA-256 (positions+triangles) " + templateHash
                        + ", the manifest says " + m.template().sha256());
            }
            String samplesHash = Sha256.ofFile(samplesFile);
            if (!samplesHash.equals(m.samples().sha256())) {
                throw new DatasetException(samplesFile + " has SHA-256 " + samplesHash + ", the manifest says "
                        + m.samples().sha256() + " (the file was changed or damaged)");
            }
        }
        return new PreparedDataset(dir, m, template, FileChannel.open(samplesFile, StandardOpenOption.READ));
    }

    public Path dir() {
        return dir;
    }

    /** The whole manifest (sources, peaks, counts, hashes). */
    public Manifest manifest() {
        return manifest;
    }

    /** coma, synthetic or facescape. */
    public String kind() {
        return manifest.kind();
    }

    /** The shared topology, positions in mm. */
    public Mesh template() {
        return template;
    }

    /** SHA-256 of the template's positions and triangles ({@link TemplateHash}). */
    public String templateHash() {
        return manifest.template().sha256();
    }

    public int sampleCount() {
        return classIndex.length;
    }

    /** V, vertices per sample. */
    public int vertexCount() {
        return vertexCount;
    }

    /** Positions of sample i, 3V floats (x, y, z per vertex), mm. */
    public float[] positions(int i) throws IOException {
        float[] p = new float[3 * vertexCount];
        readPositions(i, p, 0);
        return p;
    }

    /** Reads sample i's 3V floats into {@code dst} from {@code offset} (for filling a batch). */
    public void readPositions(int i, float[] dst, int offset) throws IOException {
        checkIndex(i);
        int floats = 3 * vertexCount;
        if (offset < 0 || offset + floats > dst.length) {
            throw new IllegalArgumentException("need " + floats + " floats from offset " + offset + ", array has "
                    + dst.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(floats * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long pos = (long) i * buf.capacity();
        while (buf.hasRemaining()) {
            if (samples.read(buf, pos + buf.position()) < 0) {
                throw new DatasetException(dir.resolve(manifest.samples().file()) + " ended inside sample " + i);
            }
        }
        buf.flip();
        buf.asFloatBuffer().get(dst, offset, floats);
    }

    /** Subject (content class) of sample i. */
    public String subject(int i) {
        checkIndex(i);
        return manifest.sampleList().get(i).subject();
    }

    /** Index of sample i's subject in {@link #subjects()}. */
    public int subjectIndex(int i) {
        checkIndex(i);
        return subjectIndex[i];
    }

    /** Expression class (style class) of sample i, one of {@link #classNames()}. */
    public String expression(int i) {
        checkIndex(i);
        return manifest.sampleList().get(i).expression();
    }

    /** Index of sample i's expression in {@link #classNames()}. */
    public int classIndex(int i) {
        checkIndex(i);
        return classIndex[i];
    }

    public Split split(int i) {
        checkIndex(i);
        return isTest[i] ? Split.TEST : Split.TRAIN;
    }

    /** Source file of sample i, relative to the source root. */
    public String source(int i) {
        checkIndex(i);
        return manifest.sampleList().get(i).source();
    }

    /** Expression classes, neutral first; a class index is a position in this list. */
    public List<String> classNames() {
        return manifest.classNames();
    }

    public List<String> subjects() {
        return manifest.subjects();
    }

    /** Ascending indices of the train split (a copy). */
    public int[] trainIndices() {
        return manifest.split().train().clone();
    }

    /** Ascending indices of the test split (a copy). */
    public int[] testIndices() {
        return manifest.split().test().clone();
    }

    /** Per-vertex, per-coordinate mean over the train split, 3V floats, mm (a copy). */
    public float[] mean() {
        return manifest.normalization().mean().clone();
    }

    /** Per-vertex, per-coordinate std over the train split, floored, 3V floats, mm (a copy). */
    public float[] std() {
        return manifest.normalization().std().clone();
    }

    @Override
    public void close() throws IOException {
        samples.close();
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= classIndex.length) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + classIndex.length);
        }
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return m;
    }
}
