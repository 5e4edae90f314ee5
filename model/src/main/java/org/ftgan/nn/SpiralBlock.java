package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.topology.DownSampling;
import org.ftgan.topology.Spirals;
import org.ftgan.topology.UpSampling;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MODEL.md's SpiralBlock: [U .] -> SpiralConv -> Norm -> ELU -> [D .]. The convolution runs on the
 * level of {@code spirals}: the fine level of an up-sampling, the level before a down-sampling.
 *
 * <p>With a down-sampling the block computes the same values with less work: ELU acts per element and
 * D selects rows, so ELU runs after D, on the kept rows only; without a norm, the convolution itself
 * is evaluated only at the kept vertices (the others would be dropped), which is a quarter of the
 * work in the style encoder and the discriminator. Instance norm needs every vertex's statistics, so
 * with a norm the convolution covers the whole level.
 *
 * <p>An AdaIN block takes the style's gamma and beta as a second input: {@link #forward(INDArray, INDArray)}
 * and {@link #backwardWithStyle}; the one-input {@link #forward(INDArray)} serves the other blocks.
 */
public final class SpiralBlock extends Layer implements StyleConditioned {
    private final UpSample up;
    private final SpiralConv conv;
    /** Instance norm, or null. */
    private final Layer norm;
    /** AdaIN, or null. */
    private final AdaIN adain;
    private final ELU elu;
    private final DownSample down;
    private final List<Module> children;

    /**
     * @param norm the block's normalisation; an ADAIN block takes its style through {@link #forward(INDArray, INDArray)}
     * @param up   up-sampling applied first, or null
     * @param down down-sampling applied last, or null
     */
    public SpiralBlock(String name, int in, int out, Spirals spirals, NormKind norm, UpSampling up, DownSampling down,
                       SplittableRandom rng) {
        this(up == null ? null : new UpSample(up),
                new SpiralConv(name + ".conv", in, out, spirals, norm == NormKind.NONE ? down : null, rng),
                norm.create(out), new ELU(), down == null || norm == NormKind.NONE ? null : new DownSample(down));
        if (up != null && up.fineCount() != spirals.vertexCount()) {
            throw new IllegalArgumentException(name + ": up-sampling gives " + up.fineCount() + " vertices, spirals have "
                    + spirals.vertexCount());
        }
        if (down != null && down.fineCount() != spirals.vertexCount()) {
            throw new IllegalArgumentException(name + ": down-sampling takes " + down.fineCount() + " vertices, spirals have "
                    + spirals.vertexCount());
        }
    }

    private SpiralBlock(UpSample up, SpiralConv conv, Module norm, ELU elu, DownSample down) {
        this.up = up;
        this.conv = conv;
        this.norm = norm instanceof Layer l ? l : null;
        this.adain = norm instanceof AdaIN a ? a : null;
        this.elu = elu;
        this.down = down;
        List<Module> c = new ArrayList<>();
        for (Module m : new Module[] {up, conv, norm, down, elu}) {
            if (m != null) {
                c.add(m);
            }
        }
        this.children = List.copyOf(c);
    }

    @Override
    public SpiralBlock replica() {
        return new SpiralBlock(up == null ? null : up.replica(), conv.replica(),
                norm != null ? norm.replica() : adain != null ? adain.replica() : null,
                elu.replica(), down == null ? null : down.replica());
    }

    @Override
    protected List<Module> children() {
        return children;
    }

    /** The block's convolution (the Parameters of this block). */
    public SpiralConv convolution() {
        return conv;
    }

    /** True when the block is only SpiralConv -> ELU (no up-sampling, norm or separate down-sampling). */
    public boolean isConvolutionThenElu() {
        return up == null && norm == null && adain == null && down == null;
    }

    /** This block's AdaIN layer, or null when its norm is not ADAIN. */
    public AdaIN adain() {
        return adain;
    }

    /** Columns of style this block takes: AdaIN's gamma and beta, or 0. */
    public int styleWidth() {
        return adain == null ? 0 : adain.styleWidth();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        if (adain != null) {
            throw new IllegalStateException("an AdaIN block needs its style: forward(x, style)");
        }
        return run(x, null);
    }

    /**
     * @param x     features [B, V, in]
     * @param style the AdaIN layer's gamma and beta [B, 2 out], kept by reference until backward
     */
    public INDArray forward(INDArray x, INDArray style) {
        if (adain == null) {
            throw new IllegalStateException("this block has no AdaIN: forward(x)");
        }
        return run(x, style);
    }

    private INDArray run(INDArray x, INDArray style) {
        if (up != null) {
            x = up.forward(x);
        }
        x = conv.forward(x);
        if (norm != null) {
            x = norm.forward(x);
        }
        if (adain != null) {
            x = adain.forward(x, style);
        }
        if (down != null) {
            x = down.forward(x);
        }
        return elu.forward(x);
    }

    @Override
    protected INDArray computeBackward(INDArray g) {
        if (adain != null) {
            throw new IllegalStateException("an AdaIN block has two input gradients: backwardWithStyle(dy)");
        }
        return backwardFrom(elu.backward(g), null);
    }

    /** dL/d x and dL/d style of the last {@link #forward(INDArray, INDArray)}. */
    public StyledGradients backwardWithStyle(INDArray g) {
        if (adain == null) {
            throw new IllegalStateException("this block has no AdaIN: backward(dy)");
        }
        StyledGradients[] style = new StyledGradients[1];
        INDArray dx = backwardFrom(elu.backward(g), style);
        return new StyledGradients(dx, style[0].style());
    }

    private INDArray backwardFrom(INDArray g, StyledGradients[] style) {
        if (down != null) {
            g = down.backward(g);
        }
        if (adain != null) {
            style[0] = adain.backward(g);
            g = style[0].input();
        }
        if (norm != null) {
            g = norm.backward(g);
        }
        g = conv.backward(g);
        return up != null ? up.backward(g) : g;
    }

    @Override
    protected boolean profiled() {
        return false;
    }
}
