package org.ftgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ftgan.data.ExpressionClasses;
import org.ftgan.data.PreparedDataset;
import org.ftgan.mesh.VertexDistance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answers on {@link SeparableFaces}: 5 subjects, expression k sets z = 0.5 k mm on every
 * vertex, subject 2 has no mouth_left scan (class 7). Everything is drawn from the whole dataset
 * (pool ALL) so that every subject has every cell.
 */
class EvaluatorKnownAnswerTest {
    private static final double TOL = 2e-4;

    @TempDir
    static Path tmp;
    static Path prepared;

    @BeforeAll
    static void prepare() throws IOException {
        prepared = SeparableFaces.prepare(tmp, 5, (k, v) -> 0.5f * k, Set.of("2/8"));
    }

    private static EvaluationConfig config() {
        return EvaluationConfig.defaults(42).withPool(SamplePool.ALL).withTripletCount(300).withBatchSize(7);
    }

    /** Population std of 0.5 k over the expression numbers present. */
    private static double spreadOfOffsets(boolean withoutMouthLeft) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int k = 0; k < 20; k++) {
            if (withoutMouthLeft && k == 7) {
                continue;
            }
            sum += 0.5 * k;
            squares += 0.25 * k * k;
            n++;
        }
        double mean = sum / n;
        return Math.sqrt(squares / n - mean * mean);
    }

    @Test
    void classesAreTheFaceScapeNumbering() throws IOException {
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            assertEquals(ExpressionClasses.FACESCAPE, data.classNames(), "class index s = expression number, z = 0.5 s");
            assertEquals(99, data.sampleCount());
        }
    }

    @Test
    void contentEchoReconstructsExactlyAndItsSpreadIsTheExpressionOffsets() throws IOException {
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            Evaluator evaluator = new Evaluator(new Codecs.ContentEcho(), config());
            EvaluationResult r = evaluator.evaluate(data, null);
            List<Triplet> triplets = evaluator.triplets(data);

            assertEquals(data.testIndices().length, r.metrics().reconstruction().n());
            assertEquals(0, r.metrics().reconstruction().mean(), TOL);

            // y_c,s = x_c,s: only z differs across s, so sigma_c is the std of the offsets 0.5 k
            assertEquals(5, r.identityDecompositionBySubject().size());
            for (EvaluationResult.SubjectDecomposition d : r.identityDecompositionBySubject()) {
                boolean two = d.subject().equals("2");
                assertEquals(two ? 19 : 20, d.samples());
                assertEquals(spreadOfOffsets(two), d.sigmaMm(), TOL, d.subject());
                assertNotEquals(d.subject(), d.otherSubject());
                assertEquals("neutral", data.expression(d.otherNeutralSample()));
                assertEquals(d.otherSubject(), data.subject(d.otherNeutralSample()));
            }
            assertEquals((4 * spreadOfOffsets(false) + spreadOfOffsets(true)) / 5,
                    r.metrics().identityDecomposition().mean(), TOL);

            // Dec(Ec(x_c,s), .) = x_c,s lies 0.5 s above x_c,neutral; likewise for transfer
            double expected = triplets.stream().mapToDouble(t -> 0.5 * t.expression()).average().orElseThrow();
            assertEquals(300, r.counts().triplets());
            assertEquals(expected, r.metrics().neutralization().mean(), TOL);
            assertEquals(expected, r.metrics().transfer().mean(), TOL);
            assertEquals(0, r.metrics().blendshapeTransfer().mean(), TOL, "offsets do not depend on identity");
            assertEquals(0.5 * 5, r.transferByExpression().get("jaw_right").model().median(), TOL);
        }
    }

    @Test
    void styleEchoNeutralizesToTheOtherSubjectsNeutral() throws IOException {
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            Evaluator evaluator = new Evaluator(new Codecs.StyleEcho(), config());
            EvaluationResult r = evaluator.evaluate(data, null);
            List<Triplet> triplets = evaluator.triplets(data);

            double[] neutralization = new double[triplets.size()];
            double[] transfer = new double[triplets.size()];
            for (int k = 0; k < triplets.size(); k++) {
                Triplet t = triplets.get(k);
                neutralization[k] = VertexDistance.average(data.positions(t.subjectNeutral()), data.positions(t.otherNeutral()));
                transfer[k] = VertexDistance.average(data.positions(t.subjectExpressive()), data.positions(t.otherExpressive()));
            }
            ErrorStats neu = ErrorStats.of(neutralization);
            assertTrue(neu.mean() > 1, "different subjects' neutrals are far apart");
            assertEquals(neu.mean(), r.metrics().neutralization().mean(), TOL);
            assertEquals(neu.std(), r.metrics().neutralization().std(), TOL);
            assertEquals(neu.median(), r.metrics().neutralization().median(), TOL);
            assertEquals(ErrorStats.of(transfer).mean(), r.metrics().transfer().mean(), TOL);
            // every y_c,s is the same x_c',neutral
            assertEquals(0, r.metrics().identityDecomposition().mean(), TOL);
            assertEquals(0, r.metrics().reconstruction().mean(), TOL);
        }
    }

    @Test
    void separableCodecTransfersAndNeutralizesExactly() throws IOException {
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            EvaluationResult r = new Evaluator(new Codecs.XyContentZStyle(), config()).evaluate(data, null);
            assertEquals(0, r.metrics().reconstruction().mean(), TOL);
            assertEquals(0, r.metrics().identityDecomposition().mean(), TOL);
            assertEquals(0, r.metrics().neutralization().mean(), TOL);
            assertEquals(0, r.metrics().transfer().mean(), TOL);
            assertEquals(0, r.metrics().blendshapeTransfer().mean(), TOL);
            assertEquals(ExpressionClasses.FACESCAPE.subList(1, 20), List.copyOf(r.transferByExpression().keySet()),
                    "every expression drawn, in class order");
            int total = 0;
            for (EvaluationResult.ExpressionTransfer e : r.transferByExpression().values()) {
                assertEquals(0, e.model().mean(), TOL);
                assertEquals(0, e.blendshape().mean(), TOL);
                assertEquals(e.model().n(), e.blendshape().n());
                total += e.model().n();
            }
            assertEquals(300, total);
            assertEquals(List.of(), r.notes());
        }
    }

    @Test
    void tripletsExistAreWellFormedAndDependOnlyOnTheSeed() throws IOException {
        try (PreparedDataset data = PreparedDataset.open(prepared)) {
            List<Triplet> a = new Evaluator(new Codecs.ContentEcho(), config()).triplets(data);
            List<Triplet> b = new Evaluator(new Codecs.StyleEcho(), config().withBatchSize(1)).triplets(data);
            List<Triplet> other = new Evaluator(new Codecs.ContentEcho(),
                    new EvaluationConfig(43, 300, SamplePool.ALL, 3, 7)).triplets(data);
            assertEquals(a, b);
            assertNotEquals(a, other);
            assertEquals(300, a.size());
            int mouthLeft = data.classNames().indexOf("mouth_left");
            int subject2 = data.subjects().indexOf("2");
            for (Triplet t : a) {
                assertNotEquals(0, t.expression());
                assertNotEquals(t.subject(), t.otherSubject());
                assertCell(data, t.subjectNeutral(), t.subject(), 0);
                assertCell(data, t.subjectExpressive(), t.subject(), t.expression());
                assertCell(data, t.otherNeutral(), t.otherSubject(), 0);
                assertCell(data, t.otherExpressive(), t.otherSubject(), t.expression());
                assertTrue(t.expression() != mouthLeft || (t.subject() != subject2 && t.otherSubject() != subject2),
                        "subject 2 has no mouth_left");
            }
        }
    }

    private static void assertCell(PreparedDataset data, int sample, int subject, int expression) {
        assertEquals(subject, data.subjectIndex(sample));
        assertEquals(expression, data.classIndex(sample));
    }
}
