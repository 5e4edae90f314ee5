package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Decoder Dec (without the mapping network): content codes [B, content_dim] and AdaIN parameters
 * [B, N_adain] -> meshes [B, V0, 3]. Linear(content_dim -> V_n x ch[n-1]) -> ELU; 2 SpiralResBlocks
 * (AdaIN); SpiralBlock(ch[n-1] -> ch[n-2], AdaIN, up); up-sampling SpiralBlocks without norm down to
 * ch[0], then ch[0] -> ch[0] at level 0; SpiralConv(ch[0] -> 3). With {@link AdainPlacement#ALL} every
 * up-sampling block takes AdaIN too (the paper's other reading; MODEL.md fixes the first), with
 * {@link AdainPlacement#RES} none does (FUNIT's decoder).
 *
 * <p>AdaIN parameters are cut as the reference's {@code Decoder.forward}: AdaIN layers in module order
 * (res0.norm1, res0.norm2, res1.norm1, res1.norm2, up0.norm), each taking C columns of gamma then C of
 * beta, consecutively from column 0 (then up1.norm, up2.norm, ... under {@link AdainPlacement#ALL}).
 */
public final class Decoder extends Module {
    private final int lastVertices;
    private final int lastChannels;
    private final Linear fc;
    private final ELU fcActivation;
    private final Unflatten unflatten;
    private final List<SpiralResBlock> res;
    private final List<SpiralBlock> ups;
    private final SpiralConv out;
    private final List<AdaIN> adain;
    private final List<Module> children;
    private final int adainWidth;
    private INDArray adainGrad;
    /** Each block's copy of its AdaIN columns (null for a block without AdaIN). */
    private final INDArray[] resStyle;
    private final INDArray[] upStyle;
    private long batch = -1;

    public Decoder(ModelConfig config, NetworkTopology topology, SplittableRandom rng) {
        topology.requireFits(config);
        String p = "decoder";
        int n = config.depth();
        this.lastVertices = config.lastVertices();
        this.lastChannels = config.lastChannels();
        this.fc = new Linear(p + ".fc", config.contentDim(), lastVertices * lastChannels, rng);
        this.fcActivation = new ELU();
        this.unflatten = new Unflatten(lastVertices, lastChannels);
        List<SpiralResBlock> r = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            r.add(new SpiralResBlock(p + ".res" + i, lastChannels, topology.spirals().get(n), NormKind.ADAIN, rng));
        }
        this.res = List.copyOf(r);
        List<SpiralBlock> u = new ArrayList<>();
        int in = lastChannels;
        for (int level = n - 1, j = 0; level >= 0; level--, j++) {
            int outCh = level > 0 ? config.channel(level - 1) : config.channel(0);
            u.add(new SpiralBlock(p + ".up" + j, in, outCh, topology.spirals().get(level), upBlockNorm(config.adain(), j),
                    topology.up().get(level), null, rng));
            in = outCh;
        }
        this.ups = List.copyOf(u);
        this.out = new SpiralConv(p + ".out", config.channel(0), 3, topology.spirals().get(0), rng);
        this.adain = adainLayers(res, ups);
        this.children = childList();
        this.adainWidth = adain.stream().mapToInt(AdaIN::styleWidth).sum();
        this.resStyle = new INDArray[res.size()];
        this.upStyle = new INDArray[ups.size()];
    }

    private Decoder(Decoder d) {
        this.lastVertices = d.lastVertices;
        this.lastChannels = d.lastChannels;
        this.fc = d.fc.replica();
        this.fcActivation = d.fcActivation.replica();
        this.unflatten = d.unflatten.replica();
        this.res = replicas(d.res);
        this.ups = replicas(d.ups);
        this.out = d.out.replica();
        this.adain = adainLayers(res, ups);
        this.children = childList();
        this.adainWidth = d.adainWidth;
        this.resStyle = new INDArray[res.size()];
        this.upStyle = new INDArray[ups.size()];
    }

    /** The norm of the j-th up-sampling block (j = 0 the coarsest) under {@code placement}. */
    private static NormKind upBlockNorm(AdainPlacement placement, int j) {
        return switch (placement) {
            case COARSE -> j == 0 ? NormKind.ADAIN : NormKind.NONE;
            case ALL -> NormKind.ADAIN;
            case RES -> NormKind.NONE;
        };
    }

    private static List<AdaIN> adainLayers(List<SpiralResBlock> res, List<SpiralBlock> ups) {
        List<AdaIN> list = new ArrayList<>();
        for (SpiralResBlock r : res) {
            list.addAll(r.adainLayers());
        }
        for (SpiralBlock b : ups) {
            if (b.adain() != null) {
                list.add(b.adain());
            }
        }
        return List.copyOf(list);
    }

    private List<Module> childList() {
        List<Module> all = new ArrayList<>();
        all.add(fc);
        all.add(fcActivation);
        all.add(unflatten);
        all.addAll(res);
        all.addAll(ups);
        all.add(out);
        return List.copyOf(all);
    }

    @Override
    protected List<Module> children() {
        return children;
    }

    /** Same Parameter objects, own buffers: for a second decoder call before backward. */
    @Override
    public Decoder replica() {
        return new Decoder(this);
    }

    /** N_adain: how many AdaIN parameters a sample needs (2 x the channels of every AdaIN layer). */
    public int adainWidth() {
        return adainWidth;
    }

    /** The AdaIN layers in the order their (gamma, beta) are cut from the parameters. */
    public List<AdaIN> adainLayers() {
        return adain;
    }

    /**
     * @param content     [B, content_dim]
     * @param adainParams [B, N_adain]: each AdaIN block's columns are copied out as its style input
     * @return meshes [B, V0, 3], owned by the decoder
     */
    public INDArray forward(INDArray content, INDArray adainParams) {
        Tensors.requireShape("Decoder AdaIN parameters", adainParams, content.dataType(), content.size(0), adainWidth);
        batch = content.size(0);
        INDArray params = Tensors.dense(adainParams);
        INDArray x = unflatten.forward(fcActivation.forward(fc.forward(content)));
        int column = 0;
        for (int i = 0; i < res.size(); i++) {
            SpiralResBlock r = res.get(i);
            if (r.styleWidth() > 0) {
                resStyle[i] = styleColumns(params, column, r.styleWidth(), resStyle[i]);
                column += r.styleWidth();
                x = r.forward(x, resStyle[i]);
            } else {
                x = r.forward(x);
            }
        }
        for (int i = 0; i < ups.size(); i++) {
            SpiralBlock b = ups.get(i);
            if (b.styleWidth() > 0) {
                upStyle[i] = styleColumns(params, column, b.styleWidth(), upStyle[i]);
                column += b.styleWidth();
                x = b.forward(x, upStyle[i]);
            } else {
                x = b.forward(x);
            }
        }
        return out.forward(x);
    }

    /** Columns {@code from .. from + width} of the AdaIN parameters, copied into {@code buffer} (reused). */
    private INDArray styleColumns(INDArray params, int from, int width, INDArray buffer) {
        INDArray style = Tensors.reuse(buffer, params.dataType(), params.size(0), width);
        Kernels.current().copyColumns(params, from, style, 0, width);
        return style;
    }

    /** Gradients of the last forward's inputs; parameter gradients are added to the Parameters. */
    public Gradients backward(INDArray gradMeshes) {
        if (batch < 0) {
            throw new IllegalStateException("Decoder: backward called before forward");
        }
        adainGrad = Tensors.reuse(adainGrad, gradMeshes.dataType(), batch, adainWidth);
        Kernels kernels = Kernels.current();
        INDArray g = out.backward(gradMeshes);
        int column = adainWidth;
        for (int i = ups.size() - 1; i >= 0; i--) {
            SpiralBlock b = ups.get(i);
            if (b.styleWidth() > 0) {
                StyledGradients s = b.backwardWithStyle(g);
                column -= b.styleWidth();
                kernels.copyColumns(s.style(), 0, adainGrad, column, b.styleWidth());
                g = s.input();
            } else {
                g = b.backward(g);
            }
        }
        for (int i = res.size() - 1; i >= 0; i--) {
            SpiralResBlock r = res.get(i);
            if (r.styleWidth() > 0) {
                StyledGradients s = r.backwardWithStyle(g);
                column -= r.styleWidth();
                kernels.copyColumns(s.style(), 0, adainGrad, column, r.styleWidth());
                g = s.input();
            } else {
                g = r.backward(g);
            }
        }
        INDArray gradContent = fc.backward(fcActivation.backward(unflatten.backward(g)));
        return new Gradients(gradContent, adainGrad);
    }

    /**
     * @param content     dL/d content [B, content_dim]
     * @param adainParams dL/d AdaIN parameters [B, N_adain]
     */
    public record Gradients(INDArray content, INDArray adainParams) {
    }
}
