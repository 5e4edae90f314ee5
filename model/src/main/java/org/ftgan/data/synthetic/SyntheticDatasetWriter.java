package org.ftgan.data.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ftgan.io.AtomicFiles;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.PlyWriter;

/**
 * Writes a synthetic set in the CoMA layout:
 * <pre>
 * out/template.ply                                         the template (binary PLY)
 * out/synth_000/bareteeth/bareteeth.000000.ply ...         one binary PLY per frame, frames from 000000
 * out/synthetic.json                                       generator parameters, subjects, peak frames
 * </pre>
 * synthetic.json holds the spec and generator settings (seed, subjects, expressions, vertices,
 * framesPerSequence, frameNoiseMm, units, which side is left; identityDependence and peakHoldFrames
 * when either differs from its default, so the default set's description is unchanged), per subject its name, seed, shape
 * parameters and expressiveness as its expressions use them (with an identity dependence other than 1: the
 * expression-only anatomy scaled and the expressiveness raised to it), and per sequence ("sequences": subject, expression, frames, split)
 * its peak frames: "peakFrame" for a symmetric expression, "leftPeakFrame" and "rightPeakFrame" for a
 * split one, and its "restFrames" (intensity 0).
 *
 * Sequences are written in parallel on {@code threads} threads; every frame is a function of the
 * spec alone, so the same spec gives the same bytes whatever the thread count. Each file appears
 * whole (written to a temporary sibling, then renamed); synthetic.json is written last, so its
 * presence marks a complete set. Existing files of the same names are replaced; other files are left.
 */
public final class SyntheticDatasetWriter {
    /** Name of the description file. */
    public static final String DESCRIPTION_FILE = "synthetic.json";
    public static final String TEMPLATE_FILE = "template.ply";

    /** What was written: {@code bytes} counts the frame files (not the template or synthetic.json). */
    public record Summary(int subjects, int sequences, long frames, long bytes) {
    }

    private SyntheticDatasetWriter() {
    }

    public static Summary write(SyntheticDatasetSpec spec, Path out) throws IOException {
        return write(spec, out, SyntheticProgressListener.NONE);
    }

    /** Writes on all available processors. */
    public static Summary write(SyntheticDatasetSpec spec, Path out, SyntheticProgressListener listener) throws IOException {
        return write(spec, out, listener, Runtime.getRuntime().availableProcessors());
    }

    public static Summary write(SyntheticDatasetSpec spec, Path out, SyntheticProgressListener listener, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException("output " + out + " exists and is not a directory");
        }
        Files.createDirectories(out);
        SyntheticDataset set = SyntheticDataset.generate(spec);
        PlyWriter.write(out.resolve(TEMPLATE_FILE), set.template().mesh());

        long total = (long) spec.subjects() * set.expressions().size() * spec.frames();
        Progress progress = new Progress(listener, total);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synthetic-writer");
            t.setDaemon(true);
            return t;
        });
        long bytes = 0;
        try {
            List<Future<Long>> sequences = new ArrayList<>();
            for (int s = 0; s < set.subjectCount(); s++) {
                for (SyntheticExpression e : set.expressions()) {
                    int subject = s;
                    sequences.add(pool.submit(() -> writeSequence(set, subject, e, out, progress)));
                }
            }
            for (Future<Long> f : sequences) {
                bytes += f.get();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the synthetic set to " + out, ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof IOException io) {
                throw io;
            }
            if (ex.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("writing the synthetic set to " + out + " failed", ex.getCause());
        } finally {
            pool.shutdownNow();
        }
        writeDescription(set, out.resolve(DESCRIPTION_FILE));
        return new Summary(set.subjectCount(), set.subjectCount() * set.expressions().size(), total, bytes);
    }

    /** The path of one frame: out/&lt;subject&gt;/&lt;expression&gt;/&lt;expression&gt;.&lt;frame, 6 digits&gt;.ply */
    public static Path framePath(Path out, String subject, String expression, int frame) {
        return out.resolve(subject).resolve(expression).resolve(String.format(Locale.ROOT, "%s.%06d.ply", expression, frame));
    }

    private static long writeSequence(SyntheticDataset set, int subject, SyntheticExpression expression, Path out,
                                      Progress progress) throws IOException {
        SequenceFrames frames = set.frames(subject, expression);
        int[] triangles = set.template().triangles();
        String name = SyntheticDataset.subjectName(subject);
        long bytes = 0;
        while (frames.hasNext()) {
            int index = frames.nextFrameIndex();
            float[] positions = new float[3 * set.template().vertexCount()];
            frames.next(positions);
            Path file = framePath(out, name, expression.comaName(), index);
            PlyWriter.write(file, new Mesh(positions, triangles));
            bytes += Files.size(file);
            progress.frameDone();
        }
        return bytes;
    }

    /** Fills the synthetic.json document (see the class comment). */
    private static void describe(SyntheticDataset set, ObjectNode root) {
        SyntheticDatasetSpec spec = set.spec();
        root.put("generator", "org.ftgan.data.synthetic");
        root.put("formatVersion", 1);
        root.put("units", "metres");
        root.put("leftSide", "+x, the subject's left");
        root.put("seed", spec.seed());
        root.put("subjects", spec.subjects());
        ArrayNode names = root.putArray("expressions");
        set.expressions().forEach(e -> names.add(e.comaName()));
        ArrayNode split = root.putArray("splitExpressions");
        set.expressions().stream().filter(SyntheticExpression::split).forEach(e -> split.add(e.comaName()));
        root.put("requestedVertices", spec.vertices());
        root.put("vertices", set.template().vertexCount());
        root.put("faces", set.template().mesh().faceCount());
        root.put("faceVertices", set.template().faceVertexCount());
        root.put("eyeballVertices", set.template().eyeballVertexCount());
        root.put("framesPerSequence", spec.frames());
        root.put("frameNoiseMm", spec.frameNoiseMm());
        root.put("template", TEMPLATE_FILE);
        root.put("framePath", "<subject>/<expression>/<expression>.<frame, 6 digits from 000000>.ply");
        if (spec.defaultExpressionSettings()) {
            // the default set's description stays byte for byte what it was before these settings existed
            root.put("timing", "frame 0 is the exact neutral; each ramp rises from rest to a peak of intensity 1 "
                    + "as x^2 (2 - x) and falls back the same way; split expressions: left peak, rest, right peak");
        } else {
            root.put("identityDependence", spec.identityDependence());
            root.put("peakHoldFrames", spec.peakHoldFrames());
            root.put("timing", spec.peakHoldFrames() == 0
                    ? "frame 0 is the exact neutral; each ramp rises from rest to a peak of intensity 1 "
                    + "as x^2 (2 - x) and falls back the same way; split expressions: left peak, rest, right peak"
                    : "frame 0 is the exact neutral; each peak is held for peakHoldFrames frames on either side, the "
                    + "intensity easing linearly from 1 at the peak frame to " + (1 - SyntheticSequence.HOLD_DRIFT)
                    + " at the hold's ends; ramps rise from rest to that as (" + (1 - SyntheticSequence.HOLD_DRIFT)
                    + ") x^2 (2 - x) and fall back the same way; split expressions: left peak, rest, right peak");
        }

        ArrayNode subjects = root.putArray("subjectDetails");
        for (int s = 0; s < set.subjectCount(); s++) {
            SyntheticIdentity id = set.subject(s);
            ObjectNode node = subjects.addObject();
            node.put("name", SyntheticDataset.subjectName(s));
            node.put("seed", id.seed());
            ObjectNode shape = node.putObject("shape");
            id.parameters().asMap().forEach(shape::put);
            ObjectNode expressiveness = node.putObject("expressiveness");
            set.expressions().forEach(e -> expressiveness.put(e.comaName(), id.expressiveness(e)));
        }

        ArrayNode sequences = root.putArray("sequences");
        for (int s = 0; s < set.subjectCount(); s++) {
            for (SyntheticExpression e : set.expressions()) {
                SyntheticSequence seq = set.sequence(e);
                ObjectNode node = sequences.addObject();
                node.put("subject", SyntheticDataset.subjectName(s));
                node.put("expression", e.comaName());
                node.put("frames", seq.frames());
                node.put("split", e.split());
                int[] peaks = seq.peakFrames();
                if (e.split()) {
                    node.put("leftPeakFrame", peaks[0]);
                    node.put("rightPeakFrame", peaks[1]);
                    node.putArray("restFrames").add(0).add(seq.middleRestFrame()).add(seq.frames() - 1);
                } else {
                    node.put("peakFrame", peaks[0]);
                    node.putArray("restFrames").add(0).add(seq.frames() - 1);
                }
            }
        }
    }

    private static void writeDescription(SyntheticDataset set, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        describe(set, root);
        AtomicFiles.writeBytes(file, mapper.writeValueAsBytes(root), false);
    }

    /** Counts written frames and tells the listener, one call at a time. */
    private static final class Progress {
        private final SyntheticProgressListener listener;
        private final long total;
        private long written;

        Progress(SyntheticProgressListener listener, long total) {
            this.listener = listener;
            this.total = total;
        }

        synchronized void frameDone() {
            written++;
            listener.framesWritten(written, total);
        }
    }
}
