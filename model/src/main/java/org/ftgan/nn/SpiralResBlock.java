package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.topology.Spirals;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MODEL.md's SpiralResBlock: h = ELU(Norm1(SpiralConv1(x))); out = x + Norm2(SpiralConv2(h)). With
 * AdaIN norms the block takes the style as a second input, [B, 4C]: norm1's gamma and beta, then
 * norm2's ({@link #forward(INDArray, INDArray)}, {@link #backwardWithStyle}).
 */
public final class SpiralResBlock extends Layer implements StyleConditioned {
    private final int channels;
    private final SpiralConv conv1;
    private final Module norm1;
    private final ELU elu;
    private final SpiralConv conv2;
    private final Module norm2;
    private final boolean styled;
    private final List<Module> children;
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;
    private INDArray style1;
    private INDArray style2;
    private INDArray styleGrad;

    public SpiralResBlock(String name, int channels, Spirals spirals, NormKind norm, SplittableRandom rng) {
        this(channels, new SpiralConv(name + ".conv1", channels, channels, spirals, rng), norm.create(channels), new ELU(),
                new SpiralConv(name + ".conv2", channels, channels, spirals, rng), norm.create(channels));
    }

    private SpiralResBlock(int channels, SpiralConv conv1, Module norm1, ELU elu, SpiralConv conv2, Module norm2) {
        this.channels = channels;
        this.conv1 = conv1;
        this.norm1 = norm1;
        this.elu = elu;
        this.conv2 = conv2;
        this.norm2 = norm2;
        this.styled = norm1 instanceof AdaIN;
        List<Module> c = new ArrayList<>();
        for (Module m : new Module[] {conv1, norm1, elu, conv2, norm2}) {
            if (m != null) {
                c.add(m);
            }
        }
        this.children = List.copyOf(c);
    }

    @Override
    public SpiralResBlock replica() {
        return new SpiralResBlock(channels, conv1.replica(), norm1 == null ? null : norm1.replica(), elu.replica(),
                conv2.replica(), norm2 == null ? null : norm2.replica());
    }

    @Override
    protected List<Module> children() {
        return children;
    }

    /** The AdaIN layers in order (norm1, norm2), empty unless the norm is ADAIN. */
    public List<AdaIN> adainLayers() {
        return styled ? List.of((AdaIN) norm1, (AdaIN) norm2) : List.of();
    }

    /** Columns of style this block takes: 4C with AdaIN norms, else 0. */
    public int styleWidth() {
        return styled ? 4 * channels : 0;
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        if (styled) {
            throw new IllegalStateException("an AdaIN residual block needs its style: forward(x, style)");
        }
        return run(x);
    }

    /**
     * @param x     features [B, V, C]
     * @param style gamma and beta of norm1, then of norm2, [B, 4C]
     */
    public INDArray forward(INDArray x, INDArray style) {
        if (!styled) {
            throw new IllegalStateException("this residual block has no AdaIN: forward(x)");
        }
        Tensors.requireShape("SpiralResBlock style", style, x.dataType(), x.size(0), 4L * channels);
        Kernels kernels = Kernels.current();
        INDArray s = Tensors.dense(style);
        style1 = Tensors.reuse(style1, x.dataType(), x.size(0), 2L * channels);
        style2 = Tensors.reuse(style2, x.dataType(), x.size(0), 2L * channels);
        kernels.copyColumns(s, 0, style1, 0, 2 * channels);
        kernels.copyColumns(s, 2 * channels, style2, 0, 2 * channels);
        return run(x);
    }

    private INDArray run(INDArray x) {
        x = Tensors.dense(x);
        input = x;
        INDArray h = norm(norm1, conv1.forward(x), style1);
        h = norm(norm2, conv2.forward(elu.forward(h)), style2);
        output = Tensors.reuse(output, x.dataType(), x.shape());
        Kernels.current().add(x, h, output);
        return output;
    }

    private static INDArray norm(Module norm, INDArray x, INDArray style) {
        if (norm instanceof AdaIN a) {
            return a.forward(x, style);
        }
        return norm instanceof Layer l ? l.forward(x) : x;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        if (styled) {
            throw new IllegalStateException("an AdaIN residual block has two input gradients: backwardWithStyle(dy)");
        }
        return backwardFrom(gradOutput);
    }

    /** dL/d x and dL/d style [B, 4C] of the last {@link #forward(INDArray, INDArray)}. */
    public StyledGradients backwardWithStyle(INDArray gradOutput) {
        if (!styled) {
            throw new IllegalStateException("this residual block has no AdaIN: backward(dy)");
        }
        requireForward(input, "SpiralResBlock");
        styleGrad = Tensors.reuse(styleGrad, output.dataType(), output.size(0), 4L * channels);
        INDArray dx = backwardFrom(gradOutput);
        return new StyledGradients(dx, styleGrad);
    }

    private INDArray backwardFrom(INDArray gradOutput) {
        requireForward(input, "SpiralResBlock");
        Tensors.requireShape("SpiralResBlock gradient", gradOutput, output.dataType(), output.shape());
        INDArray g = Tensors.dense(gradOutput);
        INDArray d = normBackward(norm2, g, 2 * channels);
        d = elu.backward(conv2.backward(d));
        d = normBackward(norm1, d, 0);
        d = conv1.backward(d);
        gradInput = Tensors.reuse(gradInput, output.dataType(), output.shape());
        Kernels.current().add(g, d, gradInput);
        input = null;
        return gradInput;
    }

    /** Backward through a norm; an AdaIN's style gradient goes to columns from {@code column} of styleGrad. */
    private INDArray normBackward(Module norm, INDArray g, int column) {
        if (norm instanceof AdaIN a) {
            StyledGradients s = a.backward(g);
            Kernels.current().copyColumns(s.style(), 0, styleGrad, column, 2 * channels);
            return s.input();
        }
        return norm instanceof Layer l ? l.backward(g) : g;
    }

    @Override
    protected boolean profiled() {
        return false;
    }
}
