package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer or a composition of layers with a hand-derived backward pass, laid out like torch.nn.Module.
 *
 * <p>Contract, for every module:
 * <ul>
 * <li>{@link #forward} computes the output and keeps what backward needs (possibly a reference to
 * the input, which must stay unchanged until backward). The returned array belongs to the module and
 * is overwritten by its next forward: copy it to keep it longer.</li>
 * <li>{@link #backward} takes dL/d(output) of the last forward, returns dL/d(input) (also owned by the
 * module, overwritten by its next backward) and ADDS dL/d(parameter) into each {@link Parameter#grad()}
 * (zero them before a step). One backward per forward: backward may reuse the forward's buffers.</li>
 * <li>To call the same weights again before backward (the decoder runs three times per training
 * step), use a {@link #replica()}: same Parameter objects, its own buffers and saved state. Parameter
 * gradients of all replicas add up in the shared Parameters.</li>
 * <li>Mesh features are [batch, vertices, channels], vectors [batch, features]; FLOAT or DOUBLE, the
 * parameters' data type, which inputs must match.</li>
 * </ul>
 * Buffers are allocated once per input shape and reused, so a training loop's native memory stays flat.
 */
public abstract class Module {
    private final String profileKey = getClass().getSimpleName();

    public final INDArray forward(INDArray input) {
        long t = profiled() ? Profiler.start() : 0L;
        INDArray out = computeForward(input);
        Profiler.record(profileKey + ".forward", t);
        return out;
    }

    public final INDArray backward(INDArray gradOutput) {
        long t = profiled() ? Profiler.start() : 0L;
        INDArray grad = computeBackward(gradOutput);
        Profiler.record(profileKey + ".backward", t);
        return grad;
    }

    protected abstract INDArray computeForward(INDArray input);

    protected abstract INDArray computeBackward(INDArray gradOutput);

    /** Trainable parameters, in a fixed order (creation order). */
    public List<Parameter> parameters() {
        return List.of();
    }

    /** A module with the same Parameter objects and its own buffers and saved state. */
    public abstract Module replica();

    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    public final void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** Composite modules return false so the profile counts each leaf's time once. */
    protected boolean profiled() {
        return true;
    }

    /** Concatenates the parameter lists of child modules, in order. */
    protected static List<Parameter> collect(List<? extends Module> children) {
        List<Parameter> all = new ArrayList<>();
        for (Module m : children) {
            all.addAll(m.parameters());
        }
        return List.copyOf(all);
    }

    /** Requires that backward follows a forward, for a clear message instead of a null dereference. */
    protected static void requireForward(Object saved, String module) {
        if (saved == null) {
            throw new IllegalStateException(module + ": backward called before forward");
        }
    }
}
