package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** ELU with alpha 1: y = x for x > 0, exp(x) - 1 otherwise; any shape. */
public final class ELU extends Module {
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;

    @Override
    public ELU replica() {
        return new ELU();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        x = Tensors.dense(x);
        input = x;
        output = Tensors.reuse(output, x.dataType(), x.shape());
        if (Backend.javaLoops()) {
            HostArray xs = HostArray.of(x);
            HostArray ys = HostArray.of(output);
            if (xs.isFloat()) { // training: on heap copies of each sample (see Scratch)
                Elementwise.forEachRange(x, (from, to) -> {
                    float[] v = Scratch.floats(0, to - from);
                    xs.getFloats(from, v, 0, to - from);
                    for (int i = 0; i < to - from; i++) {
                        v[i] = v[i] > 0 ? v[i] : (float) (Math.exp(v[i]) - 1.0);
                    }
                    ys.putFloats(from, v, 0, to - from);
                });
            } else {
                Elementwise.forEachRange(x, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        double v = xs.get(i);
                        ys.set(i, v > 0 ? v : Math.exp(v) - 1.0); // Math.exp is a JIT intrinsic, expm1 is not
                    }
                });
            }
        } else {
            Nd4j.exec(DynamicCustomOp.builder("elu").addInputs(x).addOutputs(output).addFloatingPointArguments(1.0).build());
        }
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "ELU");
        Tensors.requireShape("ELU gradient", gradOutput, output.dataType(), output.shape());
        INDArray dy = Tensors.dense(gradOutput);
        gradInput = Tensors.reuse(gradInput, output.dataType(), output.shape());
        if (Backend.javaLoops()) {
            // the derivative from the output: 1 where y > 0, else exp(x) = y + 1
            HostArray ys = HostArray.of(output);
            HostArray dys = HostArray.of(dy);
            HostArray dxs = HostArray.of(gradInput);
            if (ys.isFloat()) {
                Elementwise.forEachRange(output, (from, to) -> {
                    float[] y = Scratch.floats(0, to - from);
                    float[] g = Scratch.floats(1, to - from);
                    ys.getFloats(from, y, 0, to - from);
                    dys.getFloats(from, g, 0, to - from);
                    for (int i = 0; i < to - from; i++) {
                        g[i] = y[i] > 0 ? g[i] : g[i] * (y[i] + 1);
                    }
                    dxs.putFloats(from, g, 0, to - from);
                });
                return gradInput;
            }
            Elementwise.forEachRange(output, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double y = ys.get(i);
                    dxs.set(i, y > 0 ? dys.get(i) : dys.get(i) * (y + 1));
                }
            });
        } else {
            Nd4j.exec(DynamicCustomOp.builder("elu_bp").addInputs(input, dy).addOutputs(gradInput)
                    .addFloatingPointArguments(1.0).build());
        }
        return gradInput;
    }
}
