package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.topology.Spirals;
import org.nd4j.linalg.api.ndarray.INDArray;

/** MODEL.md's SpiralResBlock: h = ELU(Norm1(SpiralConv1(x))); out = x + Norm2(SpiralConv2(h)). */
public final class SpiralResBlock extends Layer {
    private final SpiralConv conv1;
    private final Layer norm1;
    private final ELU elu;
    private final SpiralConv conv2;
    private final Layer norm2;
    private final List<Layer> children;
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;

    public SpiralResBlock(String name, int channels, Spirals spirals, NormKind norm, SplittableRandom rng) {
        this(new SpiralConv(name + ".conv1", channels, channels, spirals, rng), norm.create(channels), new ELU(),
                new SpiralConv(name + ".conv2", channels, channels, spirals, rng), norm.create(channels));
    }

    private SpiralResBlock(SpiralConv conv1, Layer norm1, ELU elu, SpiralConv conv2, Layer norm2) {
        this.conv1 = conv1;
        this.norm1 = norm1;
        this.elu = elu;
        this.conv2 = conv2;
        this.norm2 = norm2;
        List<Layer> c = new ArrayList<>();
        for (Layer m : new Layer[] {conv1, norm1, elu, conv2, norm2}) {
            if (m != null) {
                c.add(m);
            }
        }
        this.children = List.copyOf(c);
    }

    @Override
    public SpiralResBlock replica() {
        return new SpiralResBlock(conv1.replica(), norm1 == null ? null : norm1.replica(), elu.replica(), conv2.replica(),
                norm2 == null ? null : norm2.replica());
    }

    @Override
    protected List<Layer> children() {
        return children;
    }

    /** The AdaIN layers in order (norm1, norm2), empty unless the norm is ADAIN. */
    public List<AdaIN> adainLayers() {
        List<AdaIN> list = new ArrayList<>();
        for (Layer m : new Layer[] {norm1, norm2}) {
            if (m instanceof AdaIN a) {
                list.add(a);
            }
        }
        return list;
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        x = Tensors.dense(x);
        input = x;
        INDArray h = conv1.forward(x);
        if (norm1 != null) {
            h = norm1.forward(h);
        }
        h = conv2.forward(elu.forward(h));
        if (norm2 != null) {
            h = norm2.forward(h);
        }
        output = Tensors.reuse(output, x.dataType(), x.shape());
        Kernels.current().add(x, h, output);
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(input, "SpiralResBlock");
        Tensors.requireShape("SpiralResBlock gradient", gradOutput, output.dataType(), output.shape());
        INDArray g = Tensors.dense(gradOutput);
        INDArray d = norm2 != null ? norm2.backward(g) : g;
        d = elu.backward(conv2.backward(d));
        if (norm1 != null) {
            d = norm1.backward(d);
        }
        d = conv1.backward(d);
        gradInput = Tensors.reuse(gradInput, output.dataType(), output.shape());
        Kernels.current().add(g, d, gradInput);
        input = null;
        return gradInput;
    }

    @Override
    protected boolean profiled() {
        return false;
    }
}
