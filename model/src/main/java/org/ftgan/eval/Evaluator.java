package org.ftgan.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ftgan.data.PreparedDataset;
import org.ftgan.mesh.VertexDistance;

/**
 * Evaluates a trained FaceTuneGAN ({@link FaceCodec}) on a prepared dataset: the figures of
 * MODEL.md "Evaluation" (the paper's Eq. 11-14 and the blendshape baseline of Table 4), each as
 * mean, std and median in mm after de-normalization, plus a few error-map meshes.
 *
 * <ul>
 * <li>E_rec (Eq. 11): AVD(x, Dec(Ec(x), Es(x))) for every test sample (always the test split).</li>
 * <li>E_id_decomp (Eq. 12): for each subject c with at least two pool samples, c' is drawn uniformly
 * among the other subjects that have a neutral anywhere in the dataset; x_c',neutral is c''s first
 * (lowest sample index, i.e. first in sorted source order) neutral in the pool, or, when c' has none
 * there, its first neutral in the whole dataset (counted in idDecompNeutralsFromTrain). Every pool
 * sample x_c,s of c (all classes, neutral included) gives y_c,s = Dec(Ec(x_c,s), Es(x_c',neutral));
 * sigma_c = mean over vertices v of sqrt(mean over s of |y_c,s,v - m_v|^2), m_v the mean position of v
 * over s: the population standard deviation of the 3-D positions (root mean squared distance to the
 * mean position). Reported over c.</li>
 * <li>E_neu (Eq. 13): AVD(x_c,neutral, Dec(Ec(x_c,s), Es(x_c',neutral))) for each triplet of
 * {@link TripletSampler} drawn from the pool.</li>
 * <li>E_transfer (Eq. 14): AVD(x_c,s, Dec(Ec(x_c,neutral), Es(x_c',s))) for the same triplets, over all
 * and per expression.</li>
 * <li>Blendshape baseline (Table 4): AVD(x_c,s, x_c,neutral + (x_c',s - x_c',neutral)) for the same
 * triplets, over all and per expression.</li>
 * <li>With {@link EvaluationConfig#peakTriplets()}: E_transfer and the baseline again on a second draw
 * of triplets whose x_c,s and x_c',s are peak frames ({@code PeakSamples}): the same sampler over
 * the pool's neutrals and peak frames only.</li>
 * </ul>
 * Random draws: {@code SplittableRandom(seed)} is split once for the triplets, then once for the c'
 * of Eq. 12, then once for the peak-frame triplets, so each is reproducible on its own and the
 * window figures do not depend on whether peak triplets are drawn.
 *
 * <p>Error maps (when a directory is given): reconstruction of {@code errorMapsPerKind} test samples
 * evenly spaced in the sorted test list, and neutralization and transfer of the first
 * {@code errorMapsPerKind} distinct triplets.
 */
public final class Evaluator {
    private final FaceCodec codec;
    private final EvaluationConfig config;

    public Evaluator(FaceCodec codec, EvaluationConfig config) {
        if (codec == null || config == null) {
            throw new IllegalArgumentException("an evaluator needs a codec and a config");
        }
        this.codec = codec;
        this.config = config;
    }

    /**
     * @param data         the prepared dataset the codec was trained on (its normalization is used)
     * @param errorMapDir  where to write the error-map PLY files (created), or null for none
     */
    public EvaluationResult evaluate(PreparedDataset data, Path errorMapDir) throws IOException {
        return new Run(data, errorMapDir).evaluate();
    }

    /** The triplets an evaluation with this config draws on {@code data} (the same list {@link #evaluate} uses). */
    public List<Triplet> triplets(PreparedDataset data) {
        SplittableRandom root = new SplittableRandom(config.seed());
        return TripletSampler.draw(SampleCells.of(data, config.pool()), config.tripletCount(), root.split());
    }

    /** The peak-frame triplets an evaluation with this config draws on {@code data} (empty unless peakTriplets). */
    public List<Triplet> peakTriplets(PreparedDataset data) {
        if (!config.peakTriplets()) {
            return List.of();
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        root.split();
        root.split();
        return TripletSampler.draw(peakCells(data, config.pool()), config.tripletCount(), root.split());
    }

    /** The pool's neutrals and peak frames, grouped by subject and class. */
    static SampleCells peakCells(PreparedDataset data, SamplePool pool) {
        boolean[] peak = PeakSamples.of(data);
        int[] samples = pool == SamplePool.TEST ? data.testIndices() : IntStream.range(0, data.sampleCount()).toArray();
        return SampleCells.of(data, Arrays.stream(samples).filter(i -> peak[i] || data.classIndex(i) == 0).toArray());
    }

    /** Receives the prediction of row {@code k}, in mm. */
    @FunctionalInterface
    private interface Rows {
        void accept(int k, float[] predicted) throws IOException;
    }

    /** State of one evaluation. */
    private final class Run {
        private final PreparedDataset data;
        private final MeshNormalization normalization;
        private final ErrorMapWriter maps;
        private final SampleCells pool;
        private final SampleCells everything;
        private final SplittableRandom tripletRandom;
        private final SplittableRandom subjectRandom;
        private final SplittableRandom peakRandom;
        private final List<String> notes = new ArrayList<>();
        private final List<EvaluationResult.ErrorMapFile> mapFiles = new ArrayList<>();
        private final Set<String> mapNames = new LinkedHashSet<>();

        Run(PreparedDataset data, Path errorMapDir) throws IOException {
            this.data = data;
            this.normalization = new MeshNormalization(data.mean(), data.std());
            this.maps = errorMapDir == null || config.errorMapsPerKind() == 0 ? null
                    : new ErrorMapWriter(errorMapDir, data.template());
            this.pool = SampleCells.of(data, config.pool());
            this.everything = SampleCells.of(data, SamplePool.ALL);
            SplittableRandom root = new SplittableRandom(config.seed());
            this.tripletRandom = root.split();
            this.subjectRandom = root.split();
            this.peakRandom = root.split();
        }

        EvaluationResult evaluate() throws IOException {
            int[] test = data.testIndices();
            ErrorStats rec = ErrorStats.ofOrNull(reconstruction(test));
            if (rec == null) {
                notes.add("the test split is empty: no reconstruction error");
            }

            List<EvaluationResult.SubjectDecomposition> decomposition = identityDecomposition();
            double[] sigmas = decomposition.stream().mapToDouble(EvaluationResult.SubjectDecomposition::sigmaMm).toArray();
            // a train neutral is a fallback only when the pool is the test split
            int fromTrain = config.pool() != SamplePool.TEST ? 0
                    : (int) decomposition.stream().filter(d -> d.otherNeutralSplit().equals("train")).count();
            if (fromTrain > 0) {
                notes.add(fromTrain + " subject(s) of E_id_decomp used a train-split neutral of c' (c' had no test neutral)");
            }

            List<Triplet> triplets = TripletSampler.draw(pool, config.tripletCount(), tripletRandom);
            if (triplets.isEmpty()) {
                notes.add("no expression has two subjects with both a neutral and that expression in the "
                        + config.pool().id() + " pool: no neutralization or transfer figures"
                        + (config.pool() == SamplePool.TEST ? " (the pool 'all' draws from the whole dataset)" : ""));
            }
            double[] neutralization = neutralization(triplets);
            double[][] transfer = transfer(triplets, true);
            double[] model = transfer[0];
            double[] blendshape = transfer[1];
            Map<String, EvaluationResult.ExpressionTransfer> byExpression = byExpression(triplets, model, blendshape);
            EvaluationResult.PeakTransfer atPeaks = config.peakTriplets() ? transferAtPeaks() : null;

            return new EvaluationResult(EvaluationResult.SCHEMA_VERSION,
                    new EvaluationResult.DatasetInfo(directoryName(data.dir()), data.kind(), data.manifest().contentHash(), data.templateHash(),
                            data.vertexCount()),
                    config.seed(), config.pool().id(), config.tripletCount(),
                    new EvaluationResult.Counts(data.sampleCount(), test.length, poolSize(), data.subjects().size(),
                            data.classNames().size(), triplets.size(), decomposition.size(), fromTrain),
                    new EvaluationResult.Metrics(rec, ErrorStats.ofOrNull(sigmas), ErrorStats.ofOrNull(neutralization),
                            ErrorStats.ofOrNull(model), ErrorStats.ofOrNull(blendshape)),
                    byExpression, decomposition,
                    new EvaluationResult.ErrorMaps(maps == null ? null : directoryName(maps.directory()), List.copyOf(mapFiles)),
                    List.copyOf(notes), atPeaks);
        }

        private EvaluationResult.PeakTransfer transferAtPeaks() throws IOException {
            List<Triplet> triplets = TripletSampler.draw(peakCells(data, config.pool()), config.tripletCount(), peakRandom);
            if (triplets.isEmpty()) {
                notes.add("no expression has two subjects with both a neutral and a peak frame in the " + config.pool().id()
                        + " pool: no peak-frame transfer figures"
                        + (config.pool() == SamplePool.TEST ? " (a random 10% test split holds few peak frames; the pool 'all' "
                        + "draws from the whole dataset)" : ""));
                return new EvaluationResult.PeakTransfer(0, null, null, Map.of());
            }
            double[][] transfer = transfer(triplets, false);
            return new EvaluationResult.PeakTransfer(triplets.size(), ErrorStats.of(transfer[0]), ErrorStats.of(transfer[1]),
                    byExpression(triplets, transfer[0], transfer[1]));
        }

        private Map<String, EvaluationResult.ExpressionTransfer> byExpression(List<Triplet> triplets, double[] model,
                                                                             double[] blendshape) {
            Map<String, EvaluationResult.ExpressionTransfer> out = new LinkedHashMap<>();
            for (int s = 1; s < data.classNames().size(); s++) {
                double[] m = select(model, triplets, s);
                if (m.length > 0) {
                    out.put(data.classNames().get(s), new EvaluationResult.ExpressionTransfer(
                            ErrorStats.of(m), ErrorStats.of(select(blendshape, triplets, s))));
                }
            }
            return out;
        }

        private double[] reconstruction(int[] test) throws IOException {
            double[] errors = new double[test.length];
            // the maps' samples, evenly spaced in the test list: only their predictions are kept
            int count = maps == null ? 0 : Math.min(config.errorMapsPerKind(), test.length);
            Map<Integer, float[]> mapped = new LinkedHashMap<>();
            for (int j = 0; j < count; j++) {
                mapped.put((int) ((long) j * test.length / count), null);
            }
            predict(test, test, (k, predicted) -> {
                errors[k] = VertexDistance.average(predicted, data.positions(test[k]));
                if (mapped.containsKey(k)) {
                    mapped.put(k, predicted);
                }
            });
            for (Map.Entry<Integer, float[]> m : mapped.entrySet()) {
                int i = test[m.getKey()];
                writeMap("reconstruction", "reconstruction-" + describe(i) + ".ply", m.getValue(), data.positions(i),
                        i, null, null);
            }
            return errors;
        }

        private List<EvaluationResult.SubjectDecomposition> identityDecomposition() throws IOException {
            List<Integer> withNeutral = new ArrayList<>();
            for (int c = 0; c < everything.subjectCount(); c++) {
                if (everything.cell(c, 0).length > 0) {
                    withNeutral.add(c);
                }
            }
            List<EvaluationResult.SubjectDecomposition> out = new ArrayList<>();
            for (int c = 0; c < pool.subjectCount(); c++) {
                int[] samples = pool.subjectSamples(c);
                if (samples.length < 2) {
                    continue;
                }
                final int subject = c;
                int[] others = withNeutral.stream().mapToInt(Integer::intValue).filter(o -> o != subject).toArray();
                if (others.length == 0) {
                    notes.add("E_id_decomp: subject " + data.subjects().get(c) + " has no other subject with a neutral");
                    continue;
                }
                int other = others[subjectRandom.nextInt(others.length)];
                int[] poolNeutrals = pool.cell(other, 0);
                int neutral = poolNeutrals.length > 0 ? poolNeutrals[0] : everything.cell(other, 0)[0];
                int[] styles = new int[samples.length];
                Arrays.fill(styles, neutral);
                double sigma = positionSpread(predict(samples, styles));
                out.add(new EvaluationResult.SubjectDecomposition(data.subjects().get(c), data.subjects().get(other), neutral,
                        data.split(neutral) == PreparedDataset.Split.TEST ? "test" : "train", samples.length, sigma));
            }
            return out;
        }

        private double[] neutralization(List<Triplet> triplets) throws IOException {
            int n = triplets.size();
            int[] content = new int[n];
            int[] style = new int[n];
            for (int k = 0; k < n; k++) {
                content[k] = triplets.get(k).subjectExpressive();
                style[k] = triplets.get(k).otherNeutral();
            }
            double[] errors = new double[n];
            TripletMaps tripletMaps = new TripletMaps("neutralization", triplets);
            predict(content, style, (k, predicted) -> {
                errors[k] = VertexDistance.average(data.positions(triplets.get(k).subjectNeutral()), predicted);
                tripletMaps.offer(k, predicted);
            });
            return errors;
        }

        /** [0] the model's errors, [1] the blendshape baseline's, per triplet; error maps of the first few when asked. */
        private double[][] transfer(List<Triplet> triplets, boolean withMaps) throws IOException {
            int n = triplets.size();
            int[] content = new int[n];
            int[] style = new int[n];
            for (int k = 0; k < n; k++) {
                content[k] = triplets.get(k).subjectNeutral();
                style[k] = triplets.get(k).otherExpressive();
            }
            double[] model = new double[n];
            double[] blendshape = new double[n];
            TripletMaps tripletMaps = withMaps ? new TripletMaps("transfer", triplets) : null;
            predict(content, style, (k, predicted) -> {
                Triplet t = triplets.get(k);
                float[] truth = data.positions(t.subjectExpressive());
                model[k] = VertexDistance.average(truth, predicted);
                float[] base = data.positions(t.subjectNeutral());
                float[] otherExpressive = data.positions(t.otherExpressive());
                float[] otherNeutral = data.positions(t.otherNeutral());
                float[] moved = new float[base.length];
                for (int i = 0; i < base.length; i++) {
                    moved[i] = base[i] + (otherExpressive[i] - otherNeutral[i]);
                }
                blendshape[k] = VertexDistance.average(truth, moved);
                if (tripletMaps != null) {
                    tripletMaps.offer(k, predicted);
                }
            });
            return new double[][] {model, blendshape};
        }

        /**
         * The error maps of one kind of triplet figure: the first {@code errorMapsPerKind} distinct
         * triplets, offered in triplet order as their predictions come.
         */
        private final class TripletMaps {
            private final String kind;
            private final List<Triplet> triplets;
            private int written;

            TripletMaps(String kind, List<Triplet> triplets) {
                this.kind = kind;
                this.triplets = triplets;
            }

            void offer(int k, float[] predicted) throws IOException {
                if (maps == null || written >= config.errorMapsPerKind()) {
                    return;
                }
                boolean neutralization = kind.equals("neutralization");
                Triplet t = triplets.get(k);
                // neutralization: Ec(x_c,s) with the style of x_c',neutral against x_c,neutral;
                // transfer: Ec(x_c,neutral) with the style of x_c',s against x_c,s
                int truth = neutralization ? t.subjectNeutral() : t.subjectExpressive();
                int input = neutralization ? t.subjectExpressive() : t.subjectNeutral();
                int style = neutralization ? t.otherNeutral() : t.otherExpressive();
                String name = kind + "-" + describe(truth) + "-from-" + input + "-style-" + describe(style) + ".ply";
                if (writeMap(kind, name, predicted, data.positions(truth), truth, data.subject(style), style)) {
                    written++;
                }
            }
        }

        /** Writes one map unless a file of that name was already written in this run. */
        private boolean writeMap(String kind, String name, float[] predicted, float[] truth, int sample,
                                 String styleSubject, Integer styleSample) throws IOException {
            if (!mapNames.add(name)) {
                return false;
            }
            mapFiles.add(maps.write(kind, name, predicted, truth, data.subject(sample), data.expression(sample), sample,
                    styleSubject, styleSample));
            return true;
        }

        /** "subject-expression-sample", file-name safe. */
        private String describe(int sample) {
            return ErrorMapWriter.safeName(data.subject(sample)) + "-" + ErrorMapWriter.safeName(data.expression(sample))
                    + "-" + sample;
        }

        private int poolSize() {
            int n = 0;
            for (int c = 0; c < pool.subjectCount(); c++) {
                n += pool.subjectSamples(c).length;
            }
            return n;
        }

        /** Dec(Ec(x_content[k]), Es(x_style[k])) for every k, de-normalized to mm (see {@link #predict(int[], int[], Rows)}). */
        private float[][] predict(int[] content, int[] style) throws IOException {
            float[][] out = new float[content.length][];
            predict(content, style, (k, predicted) -> out[k] = predicted);
            return out;
        }

        /**
         * Dec(Ec(x_content[k]), Es(x_style[k])) for every k, de-normalized to mm, handed to {@code rows}
         * in order of k as each batch of {@code batchSize} is decoded, so that only one batch of meshes is
         * held at a time however many triplets there are; within a batch each distinct sample is encoded
         * once.
         */
        private void predict(int[] content, int[] style, Rows rows) throws IOException {
            for (int from = 0; from < content.length; from += config.batchSize()) {
                int to = Math.min(content.length, from + config.batchSize());
                int[] c = Arrays.copyOfRange(content, from, to);
                int[] s = Arrays.copyOfRange(style, from, to);
                float[][] contentCodes = codes(c, true);
                float[][] styleCodes = codes(s, false);
                float[][] decoded = codec.decode(contentCodes, styleCodes);
                checkRows(decoded, c.length, "decode");
                for (int k = 0; k < decoded.length; k++) {
                    if (decoded[k] == null || decoded[k].length != normalization.length()) {
                        throw new IllegalStateException("codec decode returned row " + k + " with "
                                + (decoded[k] == null ? "no" : String.valueOf(decoded[k].length)) + " floats, expected 3 x "
                                + data.vertexCount() + " = " + normalization.length());
                    }
                }
                for (int k = 0; k < decoded.length; k++) {
                    rows.accept(from + k, normalization.denormalize(decoded[k]));
                }
            }
        }

        private float[][] codes(int[] samples, boolean content) throws IOException {
            int[] distinct = Arrays.stream(samples).distinct().sorted().toArray();
            float[][] meshes = new float[distinct.length][];
            for (int k = 0; k < distinct.length; k++) {
                meshes[k] = normalization.normalize(data.positions(distinct[k]));
            }
            float[][] codes = content ? codec.contentCodes(meshes) : codec.styleCodes(meshes);
            checkRows(codes, distinct.length, content ? "contentCodes" : "styleCodes");
            float[][] out = new float[samples.length][];
            for (int k = 0; k < samples.length; k++) {
                out[k] = codes[Arrays.binarySearch(distinct, samples[k])];
            }
            return out;
        }

        private static void checkRows(float[][] rows, int expected, String what) {
            if (rows == null || rows.length != expected) {
                throw new IllegalStateException("codec " + what + " returned " + (rows == null ? "null" : rows.length + " rows")
                        + " for " + expected + " inputs");
            }
        }
    }

    /**
     * sigma of Eq. 12 for meshes y_1..y_k of one subject: the mean over vertices of the root mean
     * squared distance of the vertex's k positions to their mean position (mm).
     */
    static double positionSpread(float[][] meshes) {
        int floats = meshes[0].length;
        double[] mean = new double[floats];
        for (float[] y : meshes) {
            for (int i = 0; i < floats; i++) {
                mean[i] += y[i];
            }
        }
        for (int i = 0; i < floats; i++) {
            mean[i] /= meshes.length;
        }
        double total = 0;
        for (int v = 0; v < floats / 3; v++) {
            double squares = 0;
            for (float[] y : meshes) {
                double dx = y[3 * v] - mean[3 * v];
                double dy = y[3 * v + 1] - mean[3 * v + 1];
                double dz = y[3 * v + 2] - mean[3 * v + 2];
                squares += dx * dx + dy * dy + dz * dz;
            }
            total += Math.sqrt(squares / meshes.length);
        }
        return total / (floats / 3);
    }

    static double[] select(double[] values, List<Triplet> triplets, int expressionClass) {
        return IntStream.range(0, triplets.size())
                .filter(k -> triplets.get(k).expression() == expressionClass)
                .mapToDouble(k -> values[k]).toArray();
    }

    /** A directory as the result names it: its name, never where it lies on this machine. */
    static String directoryName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "" : name.toString();
    }
}
