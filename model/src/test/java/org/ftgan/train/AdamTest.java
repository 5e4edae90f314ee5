package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.ftgan.nn.Kernels;
import org.ftgan.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    private static List<Parameter> parameters(DataType type) {
        INDArray w = Nd4j.create(type, 3, 4);
        INDArray b = Nd4j.create(type, 5);
        for (int i = 0; i < 12; i++) {
            w.putScalar(i, Math.cos(1.1 * i) * 2);
        }
        for (int i = 0; i < 5; i++) {
            b.putScalar(i, 0.3 * i - 0.6); // includes an exact 0
        }
        return List.of(new Parameter("net.weight", w), new Parameter("net.bias", b));
    }

    /** A gradient that depends on the step and on the parameter itself, as a real loss's does. */
    private static double gradient(int parameter, int element, int step, double value) {
        return 0.5 * value + Math.sin(0.7 * element + 1.3 * step + parameter) * (1 + 0.2 * step);
    }

    private static void fillGradients(List<Parameter> params, int step) {
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            for (int i = 0; i < p.size(); i++) {
                p.grad().putScalar(i, gradient(k, i, step, p.value().getDouble(i)));
            }
        }
    }

    /** torch.optim.Adam's documented algorithm, with weight decay added to the gradient, in plain doubles. */
    private static final class ReferenceAdam {
        final double[][] theta;
        final double[][] m;
        final double[][] v;
        final Adam.Settings s;
        int t;

        ReferenceAdam(List<Parameter> params, Adam.Settings s) {
            this.s = s;
            theta = new double[params.size()][];
            for (int k = 0; k < params.size(); k++) {
                theta[k] = new double[(int) params.get(k).size()];
                for (int i = 0; i < theta[k].length; i++) {
                    theta[k][i] = params.get(k).value().getDouble(i);
                }
            }
            m = new double[theta.length][];
            v = new double[theta.length][];
            for (int k = 0; k < theta.length; k++) {
                m[k] = new double[theta[k].length];
                v[k] = new double[theta[k].length];
            }
        }

        void step(int step) {
            t++;
            for (int k = 0; k < theta.length; k++) {
                for (int i = 0; i < theta[k].length; i++) {
                    double g = gradient(k, i, step, theta[k][i]) + s.weightDecay() * theta[k][i];
                    m[k][i] = s.beta1() * m[k][i] + (1 - s.beta1()) * g;
                    v[k][i] = s.beta2() * v[k][i] + (1 - s.beta2()) * g * g;
                    double mHat = m[k][i] / (1 - Math.pow(s.beta1(), t));
                    double vHat = v[k][i] / (1 - Math.pow(s.beta2(), t));
                    theta[k][i] -= s.learningRate() * mHat / (Math.sqrt(vHat) + s.epsilon());
                }
            }
        }
    }

    private static void runAndCompare(DataType type, Adam.Settings settings, int steps, double tolerance) {
        List<Parameter> params = parameters(type);
        ReferenceAdam reference = new ReferenceAdam(params, settings);
        Adam adam = new Adam(params, settings);
        for (int step = 0; step < steps; step++) {
            fillGradients(params, step);
            adam.step();
            reference.step(step);
        }
        assertEquals(steps, adam.stepCount());
        AdamState state = adam.exportState();
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            for (int i = 0; i < p.size(); i++) {
                String where = type + " " + p.name() + "[" + i + "]";
                assertEquals(reference.theta[k][i], p.value().getDouble(i), tolerance, where);
                assertEquals(reference.m[k][i], state.firstMoments().get(p.name()).getDouble(i), tolerance, "m " + where);
                assertEquals(reference.v[k][i], state.secondMoments().get(p.name()).getDouble(i), tolerance, "v " + where);
            }
        }
    }

    /** Both kernel implementations: the CPU's fused loop and the ND4J ops of the CUDA path. */
    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void matchesTorchsFormulasInDouble(boolean cpuKernels) {
        Kernels previous = Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
        try {
            runAndCompare(DataType.DOUBLE, new Adam.Settings(1e-2, 0.9, 0.999, 1e-8, 0.1), 7, 1e-13);
            runAndCompare(DataType.DOUBLE, Adam.Settings.defaults(), 7, 1e-13);
        } finally {
            Kernels.use(previous);
        }
    }

    @ParameterizedTest(name = "cpuKernels={0}")
    @ValueSource(booleans = {true, false})
    void matchesTorchsFormulasInFloatToFloatPrecision(boolean cpuKernels) {
        Kernels previous = Kernels.use(cpuKernels ? Kernels.cpu() : Kernels.nd4j());
        try {
            runAndCompare(DataType.FLOAT, new Adam.Settings(1e-2, 0.9, 0.999, 1e-8, 0.1), 7, 2e-6);
        } finally {
            Kernels.use(previous);
        }
    }

    @Test
    void weightDecayIsAddedToTheGradientNotAppliedToTheWeights() {
        // p = 2, no loss gradient: g = 0.1 * 2, and the first bias-corrected step is lr * g / |g| = lr
        // (AdamW would instead move p by lr * 0.1 * 2 = 2e-4)
        INDArray value = Nd4j.createFromArray(2.0);
        Parameter p = new Parameter("p", value.reshape(1));
        Adam adam = new Adam(List.of(p), new Adam.Settings(1e-3, 0.9, 0.999, 1e-8, 0.1));
        adam.step();
        assertEquals(2.0 - 1e-3, p.value().getDouble(0), 1e-10);
    }

    @Test
    void restoredStateGivesIdenticalLaterSteps() {
        Adam.Settings settings = new Adam.Settings(1e-2, 0.9, 0.999, 1e-8, 0.01);
        List<Parameter> original = parameters(DataType.FLOAT);
        Adam adam = new Adam(original, settings);
        for (int step = 0; step < 3; step++) {
            fillGradients(original, step);
            adam.step();
        }
        AdamState saved = adam.exportState();
        AdamState snapshot = new AdamState(saved.step(), copies(saved.firstMoments()), copies(saved.secondMoments()));
        List<float[]> valuesAtSave = original.stream().map(p -> p.value().data().asFloat()).toList();
        for (int step = 3; step < 7; step++) {
            fillGradients(original, step);
            adam.step();
        }
        // the exported state is a copy: the steps after export left it alone
        for (String name : saved.firstMoments().keySet()) {
            assertTrue(saved.firstMoments().get(name).equalsWithEps(snapshot.firstMoments().get(name), 0));
            assertTrue(saved.secondMoments().get(name).equalsWithEps(snapshot.secondMoments().get(name), 0));
        }

        List<Parameter> resumed = parameters(DataType.FLOAT);
        for (int k = 0; k < resumed.size(); k++) {
            resumed.get(k).value().assign(Nd4j.createFromArray(valuesAtSave.get(k)).reshape(resumed.get(k).value().shape()));
        }
        Adam resumedAdam = new Adam(resumed, settings);
        resumedAdam.importState(saved);
        assertEquals(3, resumedAdam.stepCount());
        for (int step = 3; step < 7; step++) {
            fillGradients(resumed, step);
            resumedAdam.step();
        }
        for (int k = 0; k < resumed.size(); k++) {
            assertArrayEquals(original.get(k).value().data().asFloat(), resumed.get(k).value().data().asFloat(), 0f, original.get(k).name());
        }
        assertNotEquals(valuesAtSave.get(0)[0], original.get(0).value().getFloat(0), "the steps after the save moved the weights");
    }

    private static SortedMap<String, INDArray> copies(SortedMap<String, INDArray> arrays) {
        SortedMap<String, INDArray> out = new TreeMap<>();
        arrays.forEach((name, a) -> out.put(name, a.dup()));
        return out;
    }

    @Test
    void rejectsStateOfOtherParameters() {
        List<Parameter> params = parameters(DataType.DOUBLE);
        Adam adam = new Adam(params, Adam.Settings.defaults());
        SortedMap<String, INDArray> wrongNames = new TreeMap<>();
        wrongNames.put("net.weight", Nd4j.zeros(DataType.DOUBLE, 3, 4));
        wrongNames.put("other.bias", Nd4j.zeros(DataType.DOUBLE, 5));
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> adam.importState(new AdamState(1, wrongNames, wrongNames)));
        assertTrue(names.getMessage().contains("missing [net.bias], unknown [other.bias]"), names.getMessage());
        SortedMap<String, INDArray> wrongShape = new TreeMap<>();
        wrongShape.put("net.weight", Nd4j.zeros(DataType.DOUBLE, 4, 3));
        wrongShape.put("net.bias", Nd4j.zeros(DataType.DOUBLE, 5));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> adam.importState(new AdamState(1, wrongShape, wrongShape)));
        assertTrue(shape.getMessage().contains("first moment of 'net.weight'"), shape.getMessage());
        assertEquals(0, adam.stepCount(), "a rejected state changes nothing");
    }

    @Test
    void rejectsDuplicateNamesAndBadSettings() {
        List<Parameter> params = parameters(DataType.DOUBLE);
        Parameter twin = new Parameter("net.bias", Nd4j.zeros(DataType.DOUBLE, 2));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(params.get(0), params.get(1), twin), Adam.Settings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Settings(1e-4, 1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Settings(0, 0.9, 0.999, 1e-8, 0));
    }
}
