package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Modules applied in order; backward runs them in reverse. */
public final class Sequential extends Module {
    private final List<Module> modules;
    private final List<Parameter> parameters;

    public Sequential(List<? extends Module> modules) {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one module");
        }
        this.modules = List.copyOf(modules);
        this.parameters = collect(this.modules);
    }

    public List<Module> modules() {
        return modules;
    }

    @Override
    public Sequential replica() {
        List<Module> copies = new ArrayList<>();
        for (Module m : modules) {
            copies.add(m.replica());
        }
        return new Sequential(copies);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        for (Module m : modules) {
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
