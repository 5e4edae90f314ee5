package org.ftgan.train;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ftgan.nn.HostArray;
import org.ftgan.nn.Kernels;
import org.ftgan.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam with coupled (L2) weight decay, step for step the update of {@code torch.optim.Adam} with
 * {@code weight_decay} (not AdamW): per element,
 * <pre>
 *   g = grad + weightDecay * p
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Each parameter is updated by {@link Kernels#adamUpdate}: on the CPU one fused pass over the native
 * memory of p, grad, m and v, with no temporary arrays, so a long run does not grow memory. Arithmetic is in the parameter's precision
 * (float for FLOAT, as torch), moments have the parameter's type. Gradients are read, never
 * changed: zeroing them is the caller's job. Not thread-safe (one optimizer per training loop).
 */
public final class Adam {

    /** Hyper-parameters; {@link #defaults()} are MODEL.md's. */
    public record Settings(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        public Settings {
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("Adam learning rate must be > 0, got " + learningRate);
            }
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam betas must lie in [0, 1), got (" + beta1 + ", " + beta2 + ")");
            }
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("Adam epsilon must be > 0, got " + epsilon);
            }
            if (!(weightDecay >= 0)) {
                throw new IllegalArgumentException("Adam weight decay must be >= 0, got " + weightDecay);
            }
        }

        /** lr 1e-4, betas (0.9, 0.999), eps 1e-8, weight decay 5e-5. */
        public static Settings defaults() {
            return new Settings(1e-4, 0.9, 0.999, 1e-8, 5e-5);
        }
    }

    private final List<Parameter> parameters;
    private final Settings settings;
    private final INDArray[] firstMoments;
    private final INDArray[] secondMoments;
    private long step;

    public Adam(List<Parameter> parameters, Settings settings) {
        if (parameters == null || settings == null) {
            throw new IllegalArgumentException("Adam needs a parameter list and settings");
        }
        this.parameters = List.copyOf(parameters);
        this.settings = settings;
        int n = this.parameters.size();
        firstMoments = new INDArray[n];
        secondMoments = new INDArray[n];
        Set<String> names = new HashSet<>();
        for (int k = 0; k < n; k++) {
            Parameter p = this.parameters.get(k);
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("Adam: parameter name '" + p.name() + "' occurs twice; the state is keyed by name");
            }
            INDArray value = p.value();
            INDArray grad = p.grad();
            HostArray.requireContiguous(value, "parameter '" + p.name() + "'");
            HostArray.requireContiguous(grad, "gradient of '" + p.name() + "'");
            if (value.dataType() != DataType.FLOAT && value.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("parameter '" + p.name() + "': expected FLOAT or DOUBLE, got " + value.dataType());
            }
            if (grad.dataType() != value.dataType() || !Arrays.equals(grad.shape(), value.shape())) {
                throw new IllegalArgumentException("gradient of '" + p.name() + "': expected " + value.dataType() + " "
                        + Arrays.toString(value.shape()) + ", got " + grad.dataType() + " " + Arrays.toString(grad.shape()));
            }
            firstMoments[k] = value.ulike().assign(0);
            secondMoments[k] = value.ulike().assign(0);
        }
    }

    public Settings settings() {
        return settings;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** Number of steps taken so far (t in the bias corrections). */
    public long stepCount() {
        return step;
    }

    /** Applies one update to every parameter from its current gradient. */
    public void step() {
        step++;
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double stepSize = settings.learningRate() / (1 - Math.pow(b1, step));
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
        Kernels.AdamStep coefficients = new Kernels.AdamStep(b1, b2, settings.epsilon(), settings.weightDecay(), stepSize,
                biasCorrection2Sqrt);
        Kernels kernels = Kernels.current();
        for (int k = 0; k < firstMoments.length; k++) {
            Parameter p = parameters.get(k);
            kernels.adamUpdate(p.value(), p.grad(), firstMoments[k], secondMoments[k], coefficients);
        }
    }

    /** A copy of the optimizer's state (later steps do not change it). */
    public AdamState exportState() {
        SortedMap<String, INDArray> first = new TreeMap<>();
        SortedMap<String, INDArray> second = new TreeMap<>();
        for (int k = 0; k < firstMoments.length; k++) {
            String name = parameters.get(k).name();
            first.put(name, firstMoments[k].dup());
            second.put(name, secondMoments[k].dup());
        }
        return new AdamState(step, first, second);
    }

    /**
     * Replaces the step count and moments by {@code state}'s, which must hold exactly this
     * optimizer's parameter names, each with the parameter's shape and type.
     */
    public void importState(AdamState state) {
        if (state == null) {
            throw new IllegalArgumentException("Adam state is null");
        }
        Set<String> ours = new TreeSet<>();
        parameters.forEach(p -> ours.add(p.name()));
        if (!ours.equals(state.firstMoments().keySet())) {
            Set<String> missing = new TreeSet<>(ours);
            missing.removeAll(state.firstMoments().keySet());
            Set<String> unknown = new TreeSet<>(state.firstMoments().keySet());
            unknown.removeAll(ours);
            throw new IllegalArgumentException("Adam state does not match the parameters: missing " + missing + ", unknown " + unknown);
        }
        for (int k = 0; k < firstMoments.length; k++) {
            String name = parameters.get(k).name();
            requireLike(state.firstMoments().get(name), firstMoments[k], "first moment of '" + name + "'");
            requireLike(state.secondMoments().get(name), secondMoments[k], "second moment of '" + name + "'");
        }
        for (int k = 0; k < firstMoments.length; k++) {
            String name = parameters.get(k).name();
            firstMoments[k].assign(state.firstMoments().get(name));
            secondMoments[k].assign(state.secondMoments().get(name));
        }
        step = state.step();
    }

    private static void requireLike(INDArray given, INDArray expected, String what) {
        if (given.dataType() != expected.dataType() || !Arrays.equals(given.shape(), expected.shape())) {
            throw new IllegalArgumentException("Adam state, " + what + ": expected " + expected.dataType() + " "
                    + Arrays.toString(expected.shape()) + ", got " + given.dataType() + " " + Arrays.toString(given.shape()));
        }
    }
}
