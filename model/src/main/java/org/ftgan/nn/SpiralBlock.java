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
 */
public final class SpiralBlock extends Layer {
    private final UpSample up;
    private final SpiralConv conv;
    private final Layer norm;
    private final ELU elu;
    private final DownSample down;
    private final List<Layer> chain;

    /**
     * @param norm the block's normalisation; an ADAIN block needs {@link #adain()}'s style set before forward
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

    private SpiralBlock(UpSample up, SpiralConv conv, Layer norm, ELU elu, DownSample down) {
        this.up = up;
        this.conv = conv;
        this.norm = norm;
        this.elu = elu;
        this.down = down;
        List<Layer> c = new ArrayList<>();
        for (Layer m : new Layer[] {up, conv, norm, down, elu}) {
            if (m != null) {
                c.add(m);
            }
        }
        this.chain = List.copyOf(c);
    }

    @Override
    public SpiralBlock replica() {
        return new SpiralBlock(up == null ? null : up.replica(), conv.replica(), norm == null ? null : norm.replica(),
                elu.replica(), down == null ? null : down.replica());
    }

    @Override
    protected List<Layer> children() {
        return chain;
    }

    /** The block's convolution (the Parameters of this block). */
    public SpiralConv convolution() {
        return conv;
    }

    /** True when the block is only SpiralConv -> ELU (no up-sampling, norm or separate down-sampling). */
    public boolean isConvolutionThenElu() {
        return up == null && norm == null && down == null;
    }

    /** This block's AdaIN layer, or null when its norm is not ADAIN. */
    public AdaIN adain() {
        return norm instanceof AdaIN a ? a : null;
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        for (Layer m : chain) {
            x = m.forward(x);
        }
        return x;
    }

    @Override
    protected INDArray computeBackward(INDArray g) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            g = chain.get(i).backward(g);
        }
        return g;
    }

    @Override
    protected boolean profiled() {
        return false;
    }
}
