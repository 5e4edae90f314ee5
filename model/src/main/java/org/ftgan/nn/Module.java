package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A part of the network with parameters and a hand-derived backward pass, laid out like
 * torch.nn.Module, with any number of inputs and outputs: a {@link Layer} maps one array to one
 * array; the {@link Decoder} takes content codes and AdaIN parameters, the {@link Discriminator}
 * gives logits and features.
 *
 * <p>A module either owns parameters ({@link #ownParameters()}, a leaf such as {@link SpiralConv}) or
 * is made of {@link #children()}; {@link #parameters()}, {@link #zeroGrad()} and
 * {@link #parameterCount()} are derived from those, in a fixed order (own parameters, then the
 * children's in order). {@link #replica()} gives a module with the same Parameter objects and its own
 * buffers and saved state, for calling the same weights again before backward (the decoder runs three
 * times per training step); parameter gradients of all replicas add up in the shared Parameters.
 * Backward passes ADD dL/d(parameter) into each {@link Parameter#grad()} (zero them before a step).
 */
public abstract class Module {
    private List<Parameter> parameters;

    /** The modules this one is made of, in parameter order; empty for a leaf. */
    protected List<? extends Module> children() {
        return List.of();
    }

    /** The parameters this module holds itself (a leaf's weights); empty for a composite. */
    protected List<Parameter> ownParameters() {
        return List.of();
    }

    /** Trainable parameters, in a fixed order: own parameters, then each child's. */
    public final List<Parameter> parameters() {
        List<Parameter> p = parameters;
        if (p == null) {
            List<Parameter> all = new ArrayList<>(ownParameters());
            for (Module m : children()) {
                all.addAll(m.parameters());
            }
            p = List.copyOf(all);
            parameters = p;
        }
        return p;
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

    /** Replicas of {@code modules}, in order (a composite's {@link #replica()} builds itself from them). */
    @SuppressWarnings("unchecked")
    protected static <T extends Module> List<T> replicas(List<T> modules) {
        List<T> copies = new ArrayList<>();
        for (T m : modules) {
            copies.add((T) m.replica());
        }
        return copies;
    }

    /** Requires that backward follows a forward, for a clear message instead of a null dereference. */
    protected static void requireForward(Object saved, String module) {
        if (saved == null) {
            throw new IllegalStateException(module + ": backward called before forward");
        }
    }
}
