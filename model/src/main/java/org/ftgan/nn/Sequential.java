package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Modules applied in order; backward runs them in reverse. */
public final class Sequential extends Layer {
    private final List<Layer> modules;

    public Sequential(List<? extends Layer> modules) {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one module");
        }
        this.modules = List.copyOf(modules);
    }

    public List<Layer> modules() {
        return modules;
    }

    @Override
    public Sequential replica() {
        return new Sequential(replicas(modules));
    }

    @Override
    protected List<Layer> children() {
        return modules;
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        for (Layer m : modules) {
            x = m.forward(x);
        }
        return x;
    }

    @Override
    protected INDArray computeBackward(INDArray g) {
        for (int i = modules.size() - 1; i >= 0; i--) {
            g = modules.get(i).backward(g);
        }
        return g;
    }

    @Override
    protected boolean profiled() {
        return false;
    }
}
