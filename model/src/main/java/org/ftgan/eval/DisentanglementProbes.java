package org.ftgan.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ftgan.data.PreparedDataset;

/**
 * How well each code carries each factor: a {@link LinearProbe} fitted on the training split's codes
 * predicts the expression class and the subject of the test split's samples from the content code
 * and from the style code. A disentangled model has the expression in the style code and the subject
 * in the content code (high accuracy), and neither in the other code (accuracy near chance: the
 * frequency of the most common training label among the test samples).
 */
public final class DisentanglementProbes {
    /**
     * @param code      "content" or "style"
     * @param target    "expression" or "subject"
     * @param accuracy  fraction of test samples predicted right
     * @param chance    accuracy of always answering the most frequent training label
     */
    public record Probe(String code, String target, double accuracy, double chance, int trainSamples, int testSamples) {
    }

    private static final int BATCH = 64;

    private DisentanglementProbes() {
    }

    /** The four probes (content->expression, content->subject, style->expression, style->subject); empty when a split is empty. */
    public static List<Probe> run(FaceCodec codec, PreparedDataset data) throws IOException {
        int[] train = data.trainIndices();
        int[] test = data.testIndices();
        if (train.length == 0 || test.length == 0) {
            return List.of();
        }
        MeshNormalization normalization = new MeshNormalization(data.mean(), data.std());
        float[][] trainContent = codes(codec, data, normalization, train, true);
        float[][] trainStyle = codes(codec, data, normalization, train, false);
        float[][] testContent = codes(codec, data, normalization, test, true);
        float[][] testStyle = codes(codec, data, normalization, test, false);
        int[] trainExpression = Arrays.stream(train).map(data::classIndex).toArray();
        int[] testExpression = Arrays.stream(test).map(data::classIndex).toArray();
        int[] trainSubject = Arrays.stream(train).map(data::subjectIndex).toArray();
        int[] testSubject = Arrays.stream(test).map(data::subjectIndex).toArray();
        int expressions = data.classNames().size();
        int subjects = data.subjects().size();
        List<Probe> out = new ArrayList<>();
        out.add(probe("content", "expression", trainContent, trainExpression, testContent, testExpression, expressions));
        out.add(probe("content", "subject", trainContent, trainSubject, testContent, testSubject, subjects));
        out.add(probe("style", "expression", trainStyle, trainExpression, testStyle, testExpression, expressions));
        out.add(probe("style", "subject", trainStyle, trainSubject, testStyle, testSubject, subjects));
        return out;
    }

    private static Probe probe(String code, String target, float[][] trainX, int[] trainY, float[][] testX, int[] testY,
                               int classes) {
        LinearProbe p = LinearProbe.fit(trainX, trainY, classes);
        int right = 0;
        for (int i = 0; i < testX.length; i++) {
            if (p.predict(testX[i]) == testY[i]) {
                right++;
            }
        }
        int[] counts = new int[classes];
        for (int label : trainY) {
            counts[label]++;
        }
        int majority = 0;
        for (int k = 1; k < classes; k++) {
            if (counts[k] > counts[majority]) {
                majority = k;
            }
        }
        int chance = 0;
        for (int label : testY) {
            if (label == majority) {
                chance++;
            }
        }
        return new Probe(code, target, right / (double) testX.length, chance / (double) testX.length, trainX.length,
                testX.length);
    }

    private static float[][] codes(FaceCodec codec, PreparedDataset data, MeshNormalization normalization, int[] samples,
                                   boolean content) throws IOException {
        float[][] out = new float[samples.length][];
        for (int from = 0; from < samples.length; from += BATCH) {
            int to = Math.min(samples.length, from + BATCH);
            float[][] meshes = new float[to - from][];
            for (int k = from; k < to; k++) {
                meshes[k - from] = normalization.normalize(data.positions(samples[k]));
            }
            float[][] codes = content ? codec.contentCodes(meshes) : codec.styleCodes(meshes);
            System.arraycopy(codes, 0, out, from, to - from);
        }
        return out;
    }
}
