package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** ReLU: y = max(x, 0); any shape. */
public final class ReLU extends Module {
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;

    @Override
    public ReLU replica() {
        return new ReLU();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        x = Tensors.dense(x);
        input = x;
        output = Tensors.reuse(output, x.dataType(), x.shape());
        if (Backend.javaLoops()) {
            HostArray xs = HostArray.of(x);
            HostArray ys = HostArray.of(output);
            Elementwise.forEachRange(x, (from, to) -> {
                for (int i = from; i < to; i++) {
                    ys.set(i, Math.max(xs.get(i), 0.0));
                }
            });
        } else {
            Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(output).addFloatingPointArguments(0.0).build());
        }
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "ReLU");
        Tensors.requireShape("ReLU gradient", gradOutput, output.dataType(), output.shape());
        INDArray dy = Tensors.dense(gradOutput);
        gradInput = Tensors.reuse(gradInput, output.dataType(), output.shape());
        if (Backend.javaLoops()) {
            HostArray ys = HostArray.of(output);
            HostArray dys = HostArray.of(dy);
            HostArray dxs = HostArray.of(gradInput);
            Elementwise.forEachRange(output, (from, to) -> {
                for (int i = from; i < to; i++) {
                    dxs.set(i, ys.get(i) > 0 ? dys.get(i) : 0.0);
                }
            });
        } else {
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(input, dy).addOutputs(gradInput)
                    .addFloatingPointArguments(0.0).build());
        }
        return gradInput;
    }
}
